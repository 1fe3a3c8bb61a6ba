-- Sign-in through identity providers and the second factor: pending OpenID Connect
-- sign-ins, the provider behind a session, TOTP secrets and recovery codes.

-- A pending sign-in, keyed by the SHA-256 of its state parameter. Each row is taken
-- (deleted) once, at the callback, and is worthless after expires_at.
CREATE TABLE login_states (
    state_hash TEXT PRIMARY KEY,
    provider   TEXT NOT NULL,
    nonce      TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    return_to  TEXT NOT NULL DEFAULT '',
    created_at {{TIME}} NOT NULL,
    expires_at {{TIME}} NOT NULL
);
CREATE INDEX login_states_expires ON login_states (expires_at);

-- The identity provider a session was signed in through, and its ID token, needed
-- as id_token_hint to end the provider's session at sign-out.
CREATE TABLE session_providers (
    token_hash TEXT PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE ON UPDATE CASCADE,
    provider   TEXT NOT NULL,
    id_token   TEXT NOT NULL
);

-- A user's TOTP secret. pending_secret is an enrolment not yet confirmed with a
-- code; secret is in force once confirmed_at is set. last_step is the last time
-- step accepted, so a code cannot be used twice.
CREATE TABLE totp (
    user_id        TEXT PRIMARY KEY REFERENCES users (id),
    secret         TEXT NOT NULL DEFAULT '',
    pending_secret TEXT NOT NULL DEFAULT '',
    last_step      {{BIGINT}} NOT NULL DEFAULT 0,
    confirmed_at   {{TIME}},
    updated_at     {{TIME}} NOT NULL
);

-- Recovery codes, stored as SHA-256 hashes of random 80-bit codes; each used once.
CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id),
    code_hash  TEXT NOT NULL,
    created_at {{TIME}} NOT NULL,
    used_at    {{TIME}},
    PRIMARY KEY (user_id, code_hash)
);
