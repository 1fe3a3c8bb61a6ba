-- What happened to each person's account, for their "my security" page: sign-ins,
-- failed attempts, sessions ended, second-factor and role changes. Each row is also
-- an audit record in the chain, written in the same transaction.
CREATE TABLE security_events (
    id       {{SERIAL_PRIMARY_KEY}},
    user_id  TEXT NOT NULL REFERENCES users (id),
    at       {{TIME}} NOT NULL,
    kind     TEXT NOT NULL,
    actor_id TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX security_events_user ON security_events (user_id, at);
