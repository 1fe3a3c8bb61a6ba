-- Network coordinators (samarbeidskoordinator) hold a role in a network rather than in a
-- municipality or unit, so roles gain network_id and the uniqueness of a role counts it.
-- Networks and municipalities each say how many hours a full-time year (årsverk) has, for
-- their course reports; 1,700 unless changed.
ALTER TABLE roles ADD COLUMN network_id TEXT REFERENCES networks (id);
DROP INDEX roles_unique;
CREATE UNIQUE INDEX roles_unique ON roles (user_id, role, COALESCE(municipality_id, ''), COALESCE(unit_id, ''), COALESCE(network_id, ''));
CREATE INDEX roles_network ON roles (network_id, role);
ALTER TABLE networks ADD COLUMN hours_per_fte INTEGER NOT NULL DEFAULT 1700;
ALTER TABLE municipalities ADD COLUMN hours_per_fte INTEGER NOT NULL DEFAULT 1700;
