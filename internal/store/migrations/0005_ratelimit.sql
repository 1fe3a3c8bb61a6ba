-- Rate limits, counted in the database so they survive restarts and hold across
-- several servers. A counter is named by its bucket (what is counted) and an HMAC of
-- its subject (an e-mail, a client address, a user ID), so the table never holds a
-- person's address or e-mail in the clear. A fixed window ends at reset_at; rows
-- whose window has ended are pruned.
CREATE TABLE rate_limits (
    bucket   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    hits     INTEGER NOT NULL,
    reset_at {{TIME}} NOT NULL,
    PRIMARY KEY (bucket, subject)
);
CREATE INDEX rate_limits_reset ON rate_limits (reset_at);

-- The HMAC key for the subjects: random, made once here, shared by every server.
-- On PostgreSQL, gen_random_uuid draws from the operating system's strong random
-- source.
CREATE TABLE rate_limit_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
{{if sqlite -}}
INSERT INTO rate_limit_key (id, secret) VALUES (1, lower(hex(randomblob(32))));
{{else -}}
INSERT INTO rate_limit_key (id, secret)
    VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
{{end -}}
