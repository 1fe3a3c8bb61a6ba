-- The service overview (tiltaksoversikt): each municipality's help measures and
-- support services. A service is never deleted: retiring it (retired_at) takes it out
-- of the overview, while measures in logs that name it (entries.catalog_service_id)
-- keep their reference.
--
-- levels holds the BTI levels the service suits as "1,2,3"; a filter matches
-- ',' || levels || ',' against ',N,'. keywords is a JSON array of strings. search is
-- the name, description, target group and keywords in lower case, lowered by Stafett
-- (Go) before storing, since SQLite's lower() knows ASCII only and would miss æ, ø, å.
CREATE TABLE catalog_services (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    unit_id         TEXT NOT NULL REFERENCES units (id),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    target_group    TEXT NOT NULL,
    min_age         INTEGER NOT NULL CHECK (min_age BETWEEN 0 AND 25),
    max_age         INTEGER NOT NULL CHECK (max_age BETWEEN 0 AND 25),
    levels          TEXT NOT NULL,
    contact         TEXT NOT NULL,
    how_to_access   TEXT NOT NULL,
    keywords        TEXT NOT NULL DEFAULT '[]',
    search          TEXT NOT NULL,
    created_at      {{TIME}} NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users (id),
    updated_at      {{TIME}} NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users (id),
    retired_at      {{TIME}},
    CHECK (min_age <= max_age)
);
CREATE INDEX catalog_services_municipality ON catalog_services (municipality_id, retired_at);
CREATE INDEX catalog_services_unit ON catalog_services (unit_id);
