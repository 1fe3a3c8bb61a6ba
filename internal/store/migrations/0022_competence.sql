-- Competence mapping (kompetanse): areas owned by a municipality or a network, the
-- competence people hold in them, whether people share it beyond their municipality, and
-- the competence each unit needs. search_tokens is an area's name and description folded
-- (competence.Tokens) and joined by spaces, so search by need matches words in any order
-- without folding at query time; people are then found through competences_area.
CREATE TABLE competence_areas (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT REFERENCES municipalities (id),
    network_id      TEXT REFERENCES networks (id),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    search_tokens   TEXT NOT NULL DEFAULT '',
    created_at      {{TIME}} NOT NULL,
    CHECK ((municipality_id IS NULL) <> (network_id IS NULL))
);
CREATE INDEX competence_areas_municipality ON competence_areas (municipality_id);
CREATE INDEX competence_areas_network ON competence_areas (network_id);

CREATE TABLE competences (
    user_id     TEXT NOT NULL REFERENCES users (id),
    area_id     TEXT NOT NULL REFERENCES competence_areas (id),
    level       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    verified    {{BOOL}} NOT NULL DEFAULT {{FALSE}},
    verified_by TEXT REFERENCES users (id),
    course_id   TEXT,
    created_at  {{TIME}} NOT NULL,
    PRIMARY KEY (user_id, area_id)
);
-- Search by need reads a few hundred holders of an area at a time: these indexes
-- cover what it reads of competences, users and roles, so it never fetches their
-- wide rows, scattered over a national database.
CREATE INDEX competences_area ON competences (area_id, verified, user_id, level, source);

ALTER TABLE users ADD COLUMN share_competence {{BOOL}} NOT NULL DEFAULT {{TRUE}};
CREATE INDEX users_competence ON users (id, active, share_competence, name);
CREATE INDEX roles_staff ON roles (user_id, role, unit_id);

CREATE TABLE competence_needs (
    unit_id    TEXT NOT NULL REFERENCES units (id),
    area_id    TEXT NOT NULL REFERENCES competence_areas (id),
    min_people INTEGER NOT NULL,
    PRIMARY KEY (unit_id, area_id)
);
CREATE INDEX competence_needs_area ON competence_needs (area_id);
