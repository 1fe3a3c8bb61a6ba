-- The result indicators read a municipality's logs and, per log, a few of its
-- entries and consents. At 100,000 logs a large municipality has some 25,000 logs
-- and half a million entries, far more than the page cache holds, so every row the
-- indicators touch in a table (rather than in an index) was a page read: the
-- municipality's page took seconds. These indexes hold every column the indicator
-- queries (store/indicators.go) read, so that they are answered from indexes alone.
-- Each replaces an index that is a prefix of it, for the same lookups elsewhere.

-- A municipality's logs by the day they were opened, and by the day they were closed.
DROP INDEX logs_municipality_created;
CREATE INDEX logs_municipality_created ON logs (municipality_id, created_at, undring_outcome, status, level,
    closed_at, undring_deadline, holder_unit_id, id);
DROP INDEX logs_municipality_closed;
CREATE INDEX logs_municipality_closed ON logs (municipality_id, closed_at, undring_outcome, closure_reason,
    holder_unit_id);

-- A log's decisions (the first one ends the undring) and the family's entries.
CREATE INDEX entries_log_kind ON entries (log_id, kind, created_at);
CREATE INDEX entries_log_role ON entries (log_id, author_role, created_at);

-- A log's measures due, the versions of a measure, and the evaluations of a version.
DROP INDEX entries_measures;
CREATE INDEX entries_measures ON entries (log_id, evaluate_by, origin_id, id) WHERE kind = 'measure';
DROP INDEX entries_origin;
CREATE INDEX entries_origin ON entries (origin_id, id);
DROP INDEX entries_measure;
CREATE INDEX entries_measure ON entries (measure_id, kind, created_at);

-- A log's consents with the dates that say when each held.
DROP INDEX consents_log;
CREATE INDEX consents_log ON consents (log_id, expires_at, given_at, withdrawn_at, id);
