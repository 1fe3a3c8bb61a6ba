-- Teams (drøftingsteam, ressursteam, FFB, fora): owned by a municipality or a
-- network (exactly one), their members and the units they speak for; meeting series
-- expanded into meetings when made (team.Series.Occurrences), so each meeting has a
-- stable id for its agenda, its calendar UID and a cancellation or move; the cases on
-- a meeting's agenda (anonymous, or a log whose consent covers the team's units),
-- the advice given on them, and who attended.
CREATE TABLE teams (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    municipality_id TEXT REFERENCES municipalities (id),
    network_id      TEXT REFERENCES networks (id),
    created_by      TEXT NOT NULL,
    created_at      {{TIME}} NOT NULL,
    CHECK ((municipality_id IS NULL) <> (network_id IS NULL))
);
CREATE INDEX teams_municipality ON teams (municipality_id);
CREATE INDEX teams_network ON teams (network_id);
CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);
CREATE TABLE team_units (
    team_id TEXT NOT NULL REFERENCES teams (id),
    unit_id TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (team_id, unit_id)
);
CREATE TABLE team_series (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams (id),
    first_at   {{TIME}} NOT NULL,
    every_days INTEGER NOT NULL,
    minutes    INTEGER NOT NULL,
    until      TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at {{TIME}} NOT NULL
);
CREATE TABLE team_meetings (
    id           TEXT PRIMARY KEY,
    team_id      TEXT NOT NULL REFERENCES teams (id),
    series_id    TEXT REFERENCES team_series (id),
    starts_at    {{TIME}} NOT NULL,
    ends_at      {{TIME}} NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    cancelled    {{BOOL}} NOT NULL DEFAULT {{FALSE}},
    sequence     INTEGER NOT NULL DEFAULT 0,
    minutes_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX team_meetings_team ON team_meetings (team_id, starts_at);
CREATE TABLE team_cases (
    id                 TEXT PRIMARY KEY,
    team_id            TEXT NOT NULL REFERENCES teams (id),
    meeting_id         TEXT NOT NULL REFERENCES team_meetings (id),
    anonymous          {{BOOL}} NOT NULL,
    age                INTEGER,
    grade              INTEGER,
    theme              TEXT NOT NULL DEFAULT '',
    question           TEXT NOT NULL DEFAULT '',
    brought_by_unit_id TEXT REFERENCES units (id),
    brought_by         TEXT NOT NULL REFERENCES users (id),
    log_id             TEXT REFERENCES logs (id),
    created_log_id     TEXT REFERENCES logs (id),
    created_at         {{TIME}} NOT NULL
);
CREATE INDEX team_cases_meeting ON team_cases (meeting_id);
CREATE TABLE team_advice (
    id                   TEXT PRIMARY KEY,
    case_id              TEXT NOT NULL REFERENCES team_cases (id),
    text                 TEXT NOT NULL,
    follow_up_meeting_id TEXT REFERENCES team_meetings (id),
    author_id            TEXT NOT NULL REFERENCES users (id),
    created_at           {{TIME}} NOT NULL
);
CREATE INDEX team_advice_case ON team_advice (case_id);
CREATE INDEX team_advice_follow_up ON team_advice (follow_up_meeting_id);
CREATE TABLE team_attendance (
    meeting_id TEXT NOT NULL REFERENCES team_meetings (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (meeting_id, user_id)
);
