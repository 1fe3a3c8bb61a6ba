-- What the overview page needs: the first version of each entry (so an evaluation of
-- any version of a measure closes the whole chain), and when each person last opened
-- each log (so guardians see what is new).
ALTER TABLE entries ADD COLUMN origin_id TEXT NOT NULL DEFAULT '';
WITH RECURSIVE chain (id, origin) AS (
    SELECT id, id FROM entries WHERE amends IS NULL
    UNION ALL
    SELECT e.id, c.origin FROM entries e JOIN chain c ON e.amends = c.id
)
{{if sqlite -}}
UPDATE entries SET origin_id = (SELECT origin FROM chain WHERE chain.id = entries.id);
{{else -}}
UPDATE entries SET origin_id = chain.origin FROM chain WHERE chain.id = entries.id;
{{end -}}
CREATE INDEX entries_origin ON entries (origin_id);
CREATE INDEX entries_measure ON entries (measure_id);
CREATE INDEX entries_responsible ON entries (responsible_user_id, kind);

CREATE TABLE log_visits (
    user_id TEXT NOT NULL REFERENCES users (id),
    log_id  TEXT NOT NULL REFERENCES logs (id),
    seen_at {{TIME}} NOT NULL,
    PRIMARY KEY (user_id, log_id)
);
