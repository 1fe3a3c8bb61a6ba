-- A log's measures, found without reading its other entries: the overview asks
-- every listed log for its next evaluation date and every person for their measures
-- due, and a log has about twenty entries of which a few are measures.
CREATE INDEX entries_measures ON entries (log_id, evaluate_by) WHERE kind = 'measure';
