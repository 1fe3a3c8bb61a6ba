-- Staff search ignores case in every letter, Æ, Ø and Å too. SQLite's LOWER, and
-- PostgreSQL's under the C locale, change only A to Z, so the server keeps each
-- name folded beside it (store.searchFold), as the catalog keeps its search text.
-- Names that exist are folded by the same function when this file is applied
-- (foldNames, in the same transaction).
ALTER TABLE users ADD COLUMN name_search TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN name_search TEXT NOT NULL DEFAULT '';
