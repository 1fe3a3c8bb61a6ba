-- The logs a person opened, and the logs opened in a unit, found by index when a
-- person's list of visible logs is built (see visibleLogs in logview.go).
CREATE INDEX logs_created_by ON logs (created_by);
CREATE INDEX logs_created_unit ON logs (created_unit_id);
