-- Action guides (handlingsveileder) and networks of municipalities (samarbeid). Every
-- municipality gets the national template published as version 1; the store does that
-- when a municipality is created, and after migrating for those that lack a guide.

CREATE TABLE networks (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at {{TIME}} NOT NULL
);

CREATE TABLE network_members (
    network_id      TEXT NOT NULL REFERENCES networks (id),
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    PRIMARY KEY (network_id, municipality_id)
);
CREATE INDEX network_members_municipality ON network_members (municipality_id);

-- Each published version of a municipality's guide, whole, as JSON. Versions count
-- 1, 2, 3 … per municipality and never change once written. Step IDs inside the JSON
-- stay the same from version to version for a step that is kept. undring_days is the
-- level-0 decision deadline the version sets, so opening a log need not parse it.
-- source says where the version came from: 'national', or 'municipality:<id>' when it
-- was forked from a neighbour, '' when edited.
CREATE TABLE guide_versions (
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    version         INTEGER NOT NULL,
    content         TEXT NOT NULL,
    undring_days    INTEGER NOT NULL,
    source          TEXT NOT NULL DEFAULT '',
    published_at    {{TIME}} NOT NULL,
    published_by    TEXT REFERENCES users (id),
    PRIMARY KEY (municipality_id, version)
);

-- The draft a municipality administrator is editing, at most one per municipality;
-- without a row the draft is the newest published version. Publishing turns it into
-- the next version and removes the row.
CREATE TABLE guide_drafts (
    municipality_id TEXT PRIMARY KEY REFERENCES municipalities (id),
    content         TEXT NOT NULL,
    based_on        INTEGER NOT NULL,
    source          TEXT NOT NULL DEFAULT '',
    updated_at      {{TIME}} NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users (id)
);

-- Documents uploaded as tools of guide steps (forms, conversation guides, templates):
-- PDF, PNG or Word, checked by content. A document is public once a published version
-- refers to it (published_at); until then only the draft knows it.
CREATE TABLE guide_files (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    name            TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size            {{BIGINT}} NOT NULL,
    data            {{BYTES}} NOT NULL,
    created_at      {{TIME}} NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users (id),
    published_at    {{TIME}}
);
CREATE INDEX guide_files_municipality ON guide_files (municipality_id);

-- Guide steps ticked in a log, each with the step_done entry it wrote. A tick counts
-- for the log's current stay at the step's level: one made before the log last
-- entered its level is history, and the step is open again.
CREATE TABLE log_steps (
    id       TEXT PRIMARY KEY,
    log_id   TEXT NOT NULL REFERENCES logs (id),
    step_id  TEXT NOT NULL,
    level    INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    done_at  {{TIME}} NOT NULL,
    done_by  TEXT NOT NULL REFERENCES users (id),
    entry_id TEXT NOT NULL REFERENCES entries (id)
);
CREATE INDEX log_steps_log ON log_steps (log_id, step_id, done_at);
