-- The course registry (kursregister): courses organised by a municipality or a network,
-- the competence areas they give, their sessions (hours kept in hundredths of an hour,
-- so sums are exact), registered participants with the municipality and unit they came
-- from, and who attended each session.
CREATE TABLE courses (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT REFERENCES municipalities (id),
    network_id      TEXT REFERENCES networks (id),
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    bti             {{BOOL}} NOT NULL DEFAULT {{FALSE}},
    created_at      {{TIME}} NOT NULL,
    CHECK ((municipality_id IS NULL) <> (network_id IS NULL))
);
CREATE INDEX courses_municipality ON courses (municipality_id);
CREATE INDEX courses_network ON courses (network_id);

CREATE TABLE course_areas (
    course_id TEXT NOT NULL REFERENCES courses (id),
    area_id   TEXT NOT NULL REFERENCES competence_areas (id),
    PRIMARY KEY (course_id, area_id)
);

CREATE TABLE course_sessions (
    id               TEXT PRIMARY KEY,
    course_id        TEXT NOT NULL REFERENCES courses (id),
    day              TEXT NOT NULL,
    hours_centi      INTEGER NOT NULL,
    place            TEXT NOT NULL DEFAULT '',
    attendance_taken {{BOOL}} NOT NULL DEFAULT {{FALSE}},
    created_at       {{TIME}} NOT NULL
);
CREATE INDEX course_sessions_course ON course_sessions (course_id, day);

CREATE TABLE course_participants (
    course_id       TEXT NOT NULL REFERENCES courses (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    unit_id         TEXT REFERENCES units (id),
    created_at      {{TIME}} NOT NULL,
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_participants_user ON course_participants (user_id);

CREATE TABLE course_attendance (
    session_id TEXT NOT NULL REFERENCES course_sessions (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (session_id, user_id)
);
