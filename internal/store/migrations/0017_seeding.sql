-- A bulk seed in progress. stafett gen writes this row, in a transaction of its
-- own, before the first row of its data, and deletes it in its last step, after
-- the indexes are made again; a database that still has it was left half-filled
-- (a killed or failed gen) and is refused at start.
CREATE TABLE seeding (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    what       TEXT NOT NULL,
    started_at {{TIME}} NOT NULL
);
