-- A leader's suspension of the young person's own link to a log (logs.youth_user_id),
-- with its reason, as log_guardians keeps a guardian's. Keyed by the young person, so
-- a suspension stays with the person it was made for.
CREATE TABLE log_youth_suspensions (
    log_id TEXT NOT NULL REFERENCES logs (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    suspended_at {{TIME}} NOT NULL,
    suspended_by TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    PRIMARY KEY (log_id, user_id)
);
