-- Result indicators count a municipality's logs by the dates they filter on, so that
-- a page reads index ranges, never the whole table: logs opened and closed in a
-- period, transfers answered in it, consents expiring in it.
CREATE INDEX logs_municipality_created ON logs (municipality_id, created_at);
CREATE INDEX logs_municipality_closed ON logs (municipality_id, closed_at);
CREATE INDEX transfers_answered ON transfers (status, answered_at);
CREATE INDEX consents_expires ON consents (expires_at);
