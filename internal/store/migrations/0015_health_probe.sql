-- One row that /readyz rewrites to prove that the database takes a write now.
CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY,
    at {{TIME}} NOT NULL
);
