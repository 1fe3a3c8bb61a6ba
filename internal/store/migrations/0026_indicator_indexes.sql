-- The result indicators read a municipality's logs and, per log, a few of its
-- entries and consents. At 100,000 logs a large municipality has some 25,000 logs
-- and half a million entries, far more than the page cache holds, so every row the
-- indicators touch in a table (rather than in an index) was a page read: the
-- municipality's page took seconds. These indexes hold every column the indicator
-- queries (store/indicators.go) read, so that they are answered from indexes alone.
-- An index dropped here is a prefix of the one that replaces it, which serves the
-- same lookups elsewhere.

-- A municipality's logs by the day they were opened, and by the day they were closed.
DROP INDEX logs_municipality_created;
CREATE INDEX logs_municipality_created ON logs (municipality_id, created_at, undring_outcome, status, level,
    closed_at, undring_deadline, holder_unit_id, id);
DROP INDEX logs_municipality_closed;
CREATE INDEX logs_municipality_closed ON logs (municipality_id, closed_at, undring_outcome, closure_reason,
    holder_unit_id);

-- A log's decisions (the first one ends the undring), and the entries its family
-- wrote: a few of every log's twenty, so small indexes (with the column they are
-- partial on, which SQLite otherwise reads from the table to check).
CREATE INDEX entries_decisions ON entries (log_id, created_at, kind) WHERE kind IN ('undring_decision', 'level_change', 'closure');
CREATE INDEX entries_family ON entries (log_id, created_at, author_role) WHERE author_role IN ('guardian', 'youth');

-- A measure's first evaluation (of any of its versions), kept on each version as
-- the evaluation is written (store.noteEvaluation), so that the share evaluated by
-- the evaluation date reads a log's measures due and nothing else.
ALTER TABLE entries ADD COLUMN first_evaluation_at {{TIME}};
UPDATE entries SET first_evaluation_at = (SELECT MIN(ev.created_at) FROM entries mv JOIN entries ev ON ev.measure_id = mv.id
    WHERE mv.origin_id = entries.origin_id AND ev.kind = 'evaluation')
    WHERE kind = 'measure';
DROP INDEX entries_measures;
CREATE INDEX entries_measures ON entries (log_id, evaluate_by, first_evaluation_at, id) WHERE kind = 'measure';

-- A log's consents with the dates that say when each held.
DROP INDEX consents_log;
CREATE INDEX consents_log ON consents (log_id, expires_at, given_at, withdrawn_at, id);
