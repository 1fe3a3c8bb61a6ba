-- Administrative writes (municipalities, units, users, roles, networks, guides, the
-- service overview) join the hash-chained audit, each naming its target. Records
-- without a target (those of logs and accounts, and every record written before
-- this file) keep their hash (audit.Event.ComputeHash). The administrators' audit
-- lists the records with a target, by municipality and time.
ALTER TABLE audit ADD COLUMN target_type TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN target_id TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_admin ON audit (municipality_id, at) WHERE target_type <> '';
