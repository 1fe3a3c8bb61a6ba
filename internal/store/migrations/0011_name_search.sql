-- Staff search ignores case in every letter, Æ, Ø and Å too. SQLite's LOWER, and
-- PostgreSQL's under the C locale, change only A to Z, so the server keeps each
-- name folded beside it (store.searchFold), as the catalog keeps its search text.
-- Names stored without it (every name when this file is applied, and any a server
-- of an older version writes during a rolling upgrade) are found through the
-- partial indexes and folded each time the server starts (store.foldNames).
ALTER TABLE users ADD COLUMN name_search TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN name_search TEXT NOT NULL DEFAULT '';
CREATE INDEX users_name_unfolded ON users (id) WHERE name_search = '';
CREATE INDEX units_name_unfolded ON units (id) WHERE name_search = '';
