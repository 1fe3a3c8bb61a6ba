-- Outcome indicators from outside and published indicators (issue 19 points 2 and 5).
-- indicator_outcomes holds the yearly figures a municipality's administrator or a
-- network's coordinator imports (SSB/KOSTRA, Ungdata), one per municipality, year and
-- key, value_centi in hundredths; a new import of the same key replaces it.
-- indicator_publications lists the municipalities whose administrators chose to show
-- their indicators to anyone on /k/{nr}/indikatorer (always suppressed as for
-- outsiders).
CREATE TABLE indicator_outcomes (
	municipality_id TEXT NOT NULL REFERENCES municipalities(id),
	year INTEGER NOT NULL,
	outcome_key TEXT NOT NULL,
	value_centi INTEGER NOT NULL,
	source TEXT NOT NULL,
	imported_at {{TIME}} NOT NULL,
	imported_by TEXT NOT NULL,
	PRIMARY KEY (municipality_id, outcome_key, year)
);

CREATE TABLE indicator_publications (
	municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
	published_at {{TIME}} NOT NULL,
	published_by TEXT NOT NULL
);
