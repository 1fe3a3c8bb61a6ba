package store

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
)

// OutcomeFigure is one imported yearly figure with its municipality.
type OutcomeFigure struct {
	MunicipalityID, Name string
	indicators.Outcome
}

// OutcomeScope says where an import is made: a municipality (its administrator) or a
// network (its coordinator, for its members). One of the two is set.
type OutcomeScope struct {
	MunicipalityID, NetworkID string
}

// ImportOutcomes stores the outcome figures of file (indicators.ParseOutcomes) for
// the municipalities of scope, replacing any figure of the same municipality, key
// and year, and returns how many it stored. A row for a municipality outside the
// scope (or unknown) is a problem of that row (rows.N.municipality); with any
// problem in any row, every one is returned (a validation error) and nothing is
// stored. A municipality's administrator
// imports for it; a network's coordinator for its members; others who may read the
// indicators there are forbidden, and the rest get not found. Audited: one record
// for each municipality whose figures the import holds.
func (db *DB) ImportOutcomes(ctx context.Context, p *people.Principal, scope OutcomeScope, file []byte) (int, error) {
	if err := administering(p); err != nil {
		return 0, err
	}
	a := actorOf(p)
	var rows []indicators.Outcome
	err := db.update(ctx, func(tx *tx) error {
		allowed, err := outcomeScope(ctx, tx, a, scope)
		if err != nil {
			return err
		}
		var f fault.Fields
		rows, f = indicators.ParseOutcomes(file)
		for _, o := range rows {
			if _, ok := allowed[o.Number]; !ok {
				f.Add(indicators.RowField(o.Row, "municipality"), fault.FieldNotAllow)
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		counts := map[string]int{}
		for _, o := range rows {
			mid := allowed[o.Number]
			if _, err := tx.exec(ctx, `DELETE FROM indicator_outcomes WHERE municipality_id = ? AND outcome_key = ? AND year = ?`,
				mid, string(o.Key), o.Year); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO indicator_outcomes (municipality_id, year, outcome_key, value_centi, source, imported_at, imported_by)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, mid, o.Year, string(o.Key), o.Centi, o.Source, tx.now, p.User.ID); err != nil {
				return err
			}
			counts[mid]++
		}
		for _, mid := range slices.Sorted(maps.Keys(counts)) {
			kind, id := audit.TargetMunicipality, mid
			if scope.NetworkID != "" {
				kind, id = audit.TargetNetwork, scope.NetworkID
			}
			if err := recordAdmin(ctx, tx, p, audit.ImportOutcomes, kind, id, mid, strconv.Itoa(counts[mid])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// outcomeScope returns the municipalities (number → id) a may import figures for in
// scope, or the error that refuses a.
func outcomeScope(ctx context.Context, tx *tx, a access.Actor, scope OutcomeScope) (map[string]string, error) {
	out := map[string]string{}
	if scope.NetworkID != "" {
		ms, err := outcomeMembers(ctx, tx, scope.NetworkID)
		if err != nil {
			return nil, err
		}
		mids := make([]string, len(ms))
		for i, m := range ms {
			mids[i] = m.ID
			out[m.Number] = m.ID
		}
		if !access.CanReadNetworkIndicators(a, scope.NetworkID, mids) {
			return nil, fault.New(fault.NotFound, "network not found")
		}
		if !a.Roles.Coordinates(scope.NetworkID) {
			return nil, fault.New(fault.Forbidden, "a network's coordinators import its figures")
		}
		return out, nil
	}
	var m org.Municipality
	row := tx.queryRow(ctx, `SELECT `+municipalityCols+` FROM municipalities WHERE id = ?`, scope.MunicipalityID)
	if err := notFound(scanMunicipality(row, &m), "municipality"); err != nil {
		return nil, err
	}
	if !access.CanReadMunicipalityIndicators(a, m.ID) {
		return nil, fault.New(fault.NotFound, "municipality not found")
	}
	if !access.CanImportOutcomes(a, m.ID, nil) {
		return nil, fault.New(fault.Forbidden, "a municipality's administrators import its figures")
	}
	out[m.Number] = m.ID
	return out, nil
}

// outcomeMembers returns network nid's member municipalities by name; not found when
// there is no such network.
func outcomeMembers(ctx context.Context, tx *tx, nid string) ([]org.Municipality, error) {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM networks WHERE id = ?`, nid).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fault.New(fault.NotFound, "network not found")
	}
	ms, err := queryAll(ctx, tx, scanMunicipality, `SELECT `+prefixed("m.", municipalityCols)+` FROM municipalities m
		JOIN network_members n ON n.municipality_id = m.id WHERE n.network_id = ? ORDER BY m.name, m.id`, nid)
	people.SortByName(ms, func(m org.Municipality) string { return m.Name })
	return ms, err
}

// MunicipalityOutcomes returns municipality mid's outcome figures, by key and year,
// to those who read its indicators (GetMunicipalityIndicators).
func (db *DB) MunicipalityOutcomes(ctx context.Context, p *people.Principal, mid string) ([]OutcomeFigure, error) {
	if err := readingOutcomes(p); err != nil {
		return nil, err
	}
	var out []OutcomeFigure
	err := db.view(ctx, func(tx *tx) error {
		if !access.CanReadMunicipalityIndicators(actorOf(p), mid) {
			return fault.New(fault.NotFound, "municipality not found")
		}
		var err error
		out, err = outcomesOf(ctx, tx, []string{mid})
		return err
	})
	return out, err
}

// NetworkOutcomes returns the outcome figures of network nid's members, to those who
// read its indicators (GetNetworkIndicators).
func (db *DB) NetworkOutcomes(ctx context.Context, p *people.Principal, nid string) ([]OutcomeFigure, error) {
	if err := readingOutcomes(p); err != nil {
		return nil, err
	}
	var out []OutcomeFigure
	err := db.view(ctx, func(tx *tx) error {
		ms, err := outcomeMembers(ctx, tx, nid)
		if err != nil {
			return err
		}
		mids := make([]string, len(ms))
		for i, m := range ms {
			mids[i] = m.ID
		}
		if !access.CanReadNetworkIndicators(actorOf(p), nid, mids) {
			return fault.New(fault.NotFound, "network not found")
		}
		out, err = outcomesOf(ctx, tx, mids)
		return err
	})
	return out, err
}

func readingOutcomes(p *people.Principal) error {
	if err := administering(p); err != nil {
		return err
	}
	if !access.ReadsIndicators(actorOf(p)) {
		return fault.New(fault.Forbidden, "indicators are for administrators and unit leaders")
	}
	return nil
}

// outcomesOf returns the outcome figures of municipalities mids, by municipality
// name, key and year.
func outcomesOf(ctx context.Context, tx *tx, mids []string) ([]OutcomeFigure, error) {
	out := []OutcomeFigure{}
	if len(mids) == 0 {
		return out, nil
	}
	q := `SELECT m.id, m.name, m.number, o.year, o.outcome_key, o.value_centi, o.source FROM indicator_outcomes o
		JOIN municipalities m ON m.id = o.municipality_id WHERE o.municipality_id IN (` + placeholders(len(mids)) + `)
		ORDER BY m.name, m.id, o.outcome_key, o.year`
	args := make([]any, len(mids))
	for i, m := range mids {
		args[i] = m
	}
	rows, err := queryAll(ctx, tx, func(s scanner, f *OutcomeFigure) error {
		var key string
		err := s.Scan(&f.MunicipalityID, &f.Name, &f.Number, &f.Year, &key, &f.Centi, &f.Source)
		f.Key = indicators.OutcomeKey(key)
		return err
	}, q, args...)
	if err != nil {
		return nil, err
	}
	return append(out, rows...), nil
}

// IndicatorsPublished reports whether municipality mid shows its indicators to
// anyone, to those who read them.
func (db *DB) IndicatorsPublished(ctx context.Context, p *people.Principal, mid string) (bool, error) {
	if err := readingOutcomes(p); err != nil {
		return false, err
	}
	var on bool
	err := db.view(ctx, func(tx *tx) error {
		if !access.CanReadMunicipalityIndicators(actorOf(p), mid) {
			return fault.New(fault.NotFound, "municipality not found")
		}
		var err error
		on, err = published(ctx, tx, mid)
		return err
	})
	return on, err
}

func published(ctx context.Context, tx *tx, mid string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM indicator_publications WHERE municipality_id = ?`, mid).Scan(&n)
	return n > 0, err
}

// SetIndicatorsPublished shows municipality mid's indicators to anyone (on) or stops
// showing them: its administrators only (its leaders are forbidden, others get not
// found). Audited when it changes anything.
func (db *DB) SetIndicatorsPublished(ctx context.Context, p *people.Principal, mid string, on bool) error {
	if err := administering(p); err != nil {
		return err
	}
	a := actorOf(p)
	return db.update(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, mid); err != nil {
			return err
		}
		if !access.CanReadMunicipalityIndicators(a, mid) {
			return fault.New(fault.NotFound, "municipality not found")
		}
		if !access.CanPublishIndicators(a, mid) {
			return fault.New(fault.Forbidden, "a municipality's administrators publish its indicators")
		}
		was, err := published(ctx, tx, mid)
		if err != nil || was == on {
			return err
		}
		action := audit.PublishIndicators
		if on {
			_, err = tx.exec(ctx, `INSERT INTO indicator_publications (municipality_id, published_at, published_by) VALUES (?, ?, ?)`, mid, tx.now, p.User.ID)
		} else {
			action = audit.UnpublishIndicators
			_, err = tx.exec(ctx, `DELETE FROM indicator_publications WHERE municipality_id = ?`, mid)
		}
		if err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, action, audit.TargetMunicipality, mid, mid, "")
	})
}

// PublicIndicators is what a municipality publishes: its indicators as an outsider
// sees them (every small number suppressed) and its outcome figures.
type PublicIndicators struct {
	Municipality org.Municipality
	From, To     logbook.Date
	AsOf         time.Time
	Values       indicators.Values
	Outcomes     []OutcomeFigure
}

// GetPublicIndicators returns the published indicators of the municipality with
// kommunenummer number for the days from to to, to anyone. A municipality that does
// not exist or does not publish them is not found. Like a partner in a network, the
// reader is an outsider: the small-numbers rule hides every count from 1 to 4 and
// every share or median of fewer than 5 cases.
func (db *DB) GetPublicIndicators(ctx context.Context, number string, from, to logbook.Date) (*PublicIndicators, error) {
	out := PublicIndicators{From: from, To: to}
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT `+municipalityCols+` FROM municipalities WHERE number = ?`, number)
		if err := notFound(scanMunicipality(row, &out.Municipality), "municipality"); err != nil {
			return err
		}
		mid := out.Municipality.ID
		on, err := published(ctx, tx, mid)
		if err != nil {
			return err
		}
		if !on {
			return fault.New(fault.NotFound, "municipality not found")
		}
		if err := indicators.CheckPeriod(string(from), string(to)); err != nil {
			return err
		}
		out.AsOf = tx.now
		period := newIndicatorPeriod(from, to, tx.now)
		figs, err := indicatorFigures(ctx, tx, byMunicipality, []string{mid}, period)
		if err != nil {
			return err
		}
		if err := addCourseFigures(ctx, tx, figs, []string{mid}, period); err != nil {
			return err
		}
		out.Values = indicators.Protect(indicators.Table{Places: []indicators.Place{{Figures: figs[mid]}}}).Places[0]
		out.Outcomes, err = outcomesOf(ctx, tx, []string{mid})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
