-- The stafettlogg: logs, guardians, participants, consents, entries, transfers, and
-- the hash-chained audit.
CREATE TABLE logs (
    id                TEXT PRIMARY KEY,
    municipality_id   TEXT NOT NULL REFERENCES municipalities (id),
    child_name        TEXT NOT NULL DEFAULT '',
    child_initials    TEXT NOT NULL DEFAULT '',
    child_birth_date  TEXT NOT NULL,
    holder_id         TEXT NOT NULL REFERENCES users (id),
    holder_unit_id    TEXT NOT NULL REFERENCES units (id),
    created_by        TEXT NOT NULL REFERENCES users (id),
    created_unit_id   TEXT NOT NULL REFERENCES units (id),
    youth_user_id     TEXT REFERENCES users (id),
    level             INTEGER NOT NULL,
    status            TEXT NOT NULL,
    level_entered_at  {{TIME}} NOT NULL,
    undring_deadline  {{TIME}} NOT NULL,
    undring_outcome   TEXT NOT NULL DEFAULT '',
    created_at        {{TIME}} NOT NULL,
    closed_at         {{TIME}},
    closure_reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX logs_holder ON logs (holder_id);
CREATE INDEX logs_holder_unit ON logs (holder_unit_id, status);
CREATE INDEX logs_youth ON logs (youth_user_id);
CREATE INDEX logs_municipality ON logs (municipality_id, status);

CREATE TABLE log_guardians (
    log_id                  TEXT NOT NULL REFERENCES logs (id),
    user_id                 TEXT NOT NULL REFERENCES users (id),
    parental_responsibility {{BOOL}} NOT NULL,
    suspended_at            {{TIME}},
    suspended_by            TEXT REFERENCES users (id),
    suspend_reason          TEXT NOT NULL DEFAULT '',
    linked_at               {{TIME}} NOT NULL,
    linked_by               TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (log_id, user_id)
);
CREATE INDEX log_guardians_user ON log_guardians (user_id);

CREATE TABLE log_participants (
    log_id   TEXT NOT NULL REFERENCES logs (id),
    user_id  TEXT NOT NULL REFERENCES users (id),
    unit_id  TEXT NOT NULL REFERENCES units (id),
    access   TEXT NOT NULL,
    added_at {{TIME}} NOT NULL,
    added_by TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (log_id, user_id)
);
CREATE INDEX log_participants_user ON log_participants (user_id);

CREATE TABLE consents (
    id               TEXT PRIMARY KEY,
    log_id           TEXT NOT NULL REFERENCES logs (id),
    given_by_user_id TEXT REFERENCES users (id),
    given_by_name    TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL,
    text_version     TEXT NOT NULL,
    given_at         {{TIME}} NOT NULL,
    expires_at       {{TIME}},
    withdrawn_at     {{TIME}},
    withdrawn_by     TEXT REFERENCES users (id),
    registered_by    TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX consents_log ON consents (log_id);

CREATE TABLE consent_units (
    consent_id TEXT NOT NULL REFERENCES consents (id),
    unit_id    TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (consent_id, unit_id)
);
CREATE INDEX consent_units_unit ON consent_units (unit_id);

CREATE TABLE consent_files (
    consent_id   TEXT PRIMARY KEY REFERENCES consents (id),
    content_type TEXT NOT NULL,
    size         {{BIGINT}} NOT NULL,
    data         {{BYTES}} NOT NULL,
    created_at   {{TIME}} NOT NULL
);

CREATE TABLE entries (
    id                  TEXT PRIMARY KEY,
    log_id              TEXT NOT NULL REFERENCES logs (id),
    kind                TEXT NOT NULL,
    author_id           TEXT NOT NULL REFERENCES users (id),
    author_role         TEXT NOT NULL,
    created_at          {{TIME}} NOT NULL,
    text                TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL,
    amends              TEXT REFERENCES entries (id),
    goal                TEXT NOT NULL DEFAULT '',
    responsible_user_id TEXT REFERENCES users (id),
    start_date          TEXT NOT NULL DEFAULT '',
    evaluate_by         TEXT NOT NULL DEFAULT '',
    catalog_service_id  TEXT NOT NULL DEFAULT '',
    measure_id          TEXT REFERENCES entries (id),
    outcome             TEXT NOT NULL DEFAULT '',
    held_at             {{TIME}},
    attendees           TEXT NOT NULL DEFAULT '',
    decisions           TEXT NOT NULL DEFAULT '',
    data                TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entries_log ON entries (log_id, created_at);
CREATE UNIQUE INDEX entries_amends ON entries (amends);
CREATE INDEX entries_due ON entries (kind, evaluate_by);

CREATE TABLE transfers (
    id                TEXT PRIMARY KEY,
    log_id            TEXT NOT NULL REFERENCES logs (id),
    from_user_id      TEXT NOT NULL REFERENCES users (id),
    to_user_id        TEXT NOT NULL REFERENCES users (id),
    to_unit_id        TEXT NOT NULL REFERENCES units (id),
    note              TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    old_holder_leaves {{BOOL}} NOT NULL,
    proposed_at       {{TIME}} NOT NULL,
    answered_at       {{TIME}}
);
CREATE UNIQUE INDEX transfers_one_pending ON transfers (log_id) WHERE status = 'pending';
CREATE INDEX transfers_to ON transfers (to_user_id, status);

-- The audit is append-only and hash-chained: each record's hash covers its fields and
-- the previous record's hash. audit_head holds the chain's end, so that concurrent
-- writers queue on one row and never fork the chain.
CREATE TABLE audit (
    seq             {{BIGINT}} PRIMARY KEY,
    at              {{TIME}} NOT NULL,
    actor_id        TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL DEFAULT '',
    unit_id         TEXT NOT NULL DEFAULT '',
    municipality_id TEXT NOT NULL DEFAULT '',
    log_id          TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_log ON audit (log_id, seq);
CREATE INDEX audit_actor ON audit (actor_id, seq);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  {{BIGINT}} NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
