-- Notifications (varsler) and the mail outbox. A notification is one fact for one
-- person: its kind, the object it is about (a transfer, a measure, a log, a consent,
-- an entry) and the date it is due for; its sentence is made when it is shown, in the
-- reader's language. The UNIQUE key (kind, object, due, user) is what makes each
-- reminder happen once, whichever server's scan finds it first and however often.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    object_id  TEXT NOT NULL,
    due        TEXT NOT NULL,
    log_id     TEXT NOT NULL DEFAULT '',
    unit_id    TEXT NOT NULL DEFAULT '',
    created_at {{TIME}} NOT NULL,
    read_at    {{TIME}}
);
CREATE UNIQUE INDEX notifications_once ON notifications (kind, object_id, due, user_id);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- The transactional outbox: a mail to send, written in the same transaction as its
-- notification (or invitation). A worker claims due rows (a lease in claimed_until; FOR UPDATE SKIP
-- LOCKED on PostgreSQL), sends, and marks them sent; a failed send is tried again at
-- next_at with a growing delay, and a permanent failure is state 'failed' with the
-- SMTP answer's code, for the administrator to see.
-- An invitation to sign in (a one-time set-password link valid 72 hours, or a
-- pointer to ID-porten for a person with a national ID). Only the link's hash is
-- kept; mail_token holds the link itself until its mail has gone, then it is emptied.
CREATE TABLE invitations (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    token_hash TEXT NOT NULL DEFAULT '',
    mail_token TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at {{TIME}} NOT NULL,
    expires_at {{TIME}} NOT NULL,
    used_at    {{TIME}}
);
CREATE INDEX invitations_user ON invitations (user_id, created_at);
CREATE INDEX invitations_token ON invitations (token_hash);

CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    notification_id TEXT UNIQUE REFERENCES notifications (id),
    invitation_id   TEXT UNIQUE REFERENCES invitations (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         {{TIME}} NOT NULL,
    claimed_until   {{TIME}},
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         {{TIME}},
    created_at      {{TIME}} NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_at);

-- Each person's choice: e-mail on or off, at once or in a daily digest.
ALTER TABLE users ADD COLUMN notify_email {{BOOL}} NOT NULL DEFAULT {{TRUE}};
ALTER TABLE users ADD COLUMN notify_digest TEXT NOT NULL DEFAULT 'immediate';
