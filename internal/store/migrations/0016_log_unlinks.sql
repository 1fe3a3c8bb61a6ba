-- Guardian and youth links that were ended to correct a wrong link (store.UnlinkGuardian,
-- store.UnlinkYouth): who was linked, when and by whom, any suspension the link had,
-- and who ended it, when and why. The live link itself is removed (its log_guardians
-- row, or logs.youth_user_id), so every access check and list filter ends the access
-- with it and another person, or the same one again, can be linked; the history stays
-- here. A guardian linked again gets back a suspension an earlier link of theirs had.
CREATE TABLE log_unlinks (
    id                      {{SERIAL_PRIMARY_KEY}},
    log_id                  TEXT NOT NULL REFERENCES logs (id),
    user_id                 TEXT NOT NULL REFERENCES users (id),
    link                    TEXT NOT NULL,
    parental_responsibility {{BOOL}} NOT NULL,
    linked_at               {{TIME}},
    linked_by               TEXT REFERENCES users (id),
    suspended_at            {{TIME}},
    suspended_by            TEXT REFERENCES users (id),
    suspend_reason          TEXT NOT NULL DEFAULT '',
    unlinked_at             {{TIME}} NOT NULL,
    unlinked_by             TEXT NOT NULL REFERENCES users (id),
    reason                  TEXT NOT NULL
);
CREATE INDEX log_unlinks_log ON log_unlinks (log_id, user_id);
