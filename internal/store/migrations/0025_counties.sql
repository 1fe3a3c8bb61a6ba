-- Counties and moves between organisations (issue 22 point 6). A county
-- (fylkeskommune) is a row in municipalities of kind 'county'; a log moved to
-- another organisation leaves its old holder a read participation that ends at
-- read_until (NULL: no end).
ALTER TABLE municipalities ADD COLUMN kind TEXT NOT NULL DEFAULT 'municipality';
ALTER TABLE log_participants ADD COLUMN read_until {{TIME}};
