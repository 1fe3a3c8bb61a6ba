-- Municipalities, units, users, roles and sessions.
CREATE TABLE municipalities (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    consent_age INTEGER NOT NULL,
    created_at  {{TIME}} NOT NULL
);

CREATE TABLE units (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    created_at      {{TIME}} NOT NULL
);
CREATE INDEX units_municipality ON units (municipality_id, name);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    email                TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    national_id          TEXT UNIQUE,
    password_hash        TEXT NOT NULL DEFAULT '',
    active               {{BOOL}} NOT NULL DEFAULT {{TRUE}},
    language             TEXT NOT NULL DEFAULT '',
    home_municipality_id TEXT REFERENCES municipalities (id),
    created_at           {{TIME}} NOT NULL
);
CREATE INDEX users_home ON users (home_municipality_id);

CREATE TABLE roles (
    user_id         TEXT NOT NULL REFERENCES users (id),
    role            TEXT NOT NULL,
    municipality_id TEXT REFERENCES municipalities (id),
    unit_id         TEXT REFERENCES units (id),
    created_at      {{TIME}} NOT NULL
);
CREATE UNIQUE INDEX roles_unique ON roles (user_id, role, COALESCE(municipality_id, ''), COALESCE(unit_id, ''));
CREATE INDEX roles_unit ON roles (unit_id, role);
CREATE INDEX roles_municipality ON roles (municipality_id, role);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   {{TIME}} NOT NULL,
    last_seen_at {{TIME}} NOT NULL,
    expires_at   {{TIME}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
