package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"time"
)

// MunicipalityIndicators is a municipality's indicators as its viewer may see them:
// the whole municipality, and the units shown apart (indicators.UnitsApart).
type MunicipalityIndicators struct {
	Municipality org.Municipality
	From, To     logbook.Date
	AsOf         time.Time
	Values       indicators.Values
	Units        []UnitIndicators
}

// UnitIndicators is one unit's indicators.
type UnitIndicators struct {
	Unit   org.Unit
	Values indicators.Values
}

// NetworkIndicators is a network's indicators as its viewer may see them: every
// member side by side, by name, and the total, protected by indicators.Protect.
type NetworkIndicators struct {
	Network  org.Network
	From, To logbook.Date
	AsOf     time.Time
	Members  []MemberIndicators
	Total    indicators.Values
}

// MemberIndicators is one member municipality of a network; Own says the viewer
// sees it from inside.
type MemberIndicators struct {
	Municipality org.Municipality
	Own          bool
	Values       indicators.Values
}

// readingIndicators refuses p unless p holds a role that reads indicators (an
// administrator also needs a second factor), and checks the period.
func readingIndicators(p *people.Principal, from, to logbook.Date) error {
	if err := administering(p); err != nil {
		return err
	}
	if !access.ReadsIndicators(actorOf(p)) {
		return fault.New(fault.Forbidden, "indicators are for administrators and unit leaders")
	}
	return indicators.CheckPeriod(string(from), string(to))
}

// GetMunicipalityIndicators returns municipality mid's indicators for the days from
// to to, read by p: its administrators and unit leaders (every number shows; units
// apart as indicators.UnitsApart decides, a leader's own units always). Others
// holding such a role elsewhere get not found; those without one, forbidden. The
// read is audited.
func (db *DB) GetMunicipalityIndicators(ctx context.Context, p *people.Principal, mid string, from, to logbook.Date) (*MunicipalityIndicators, error) {
	if err := readingIndicators(p, from, to); err != nil {
		return nil, err
	}
	a := actorOf(p)
	out := MunicipalityIndicators{From: from, To: to}
	err := db.view(ctx, func(tx *tx) error {
		if !access.CanReadMunicipalityIndicators(a, mid) {
			return fault.New(fault.NotFound, "municipality not found")
		}
		row := tx.queryRow(ctx, `SELECT `+municipalityCols+` FROM municipalities WHERE id = ?`, mid)
		if err := notFound(scanMunicipality(row, &out.Municipality), "municipality"); err != nil {
			return err
		}
		period := newIndicatorPeriod(from, to, tx.now)
		out.AsOf = tx.now
		// Counted once by unit; the municipality is the sum of its units (every log
		// has a holder unit, and both are filtered on the log's municipality).
		byUnits, err := indicatorFigures(ctx, tx, byUnit, []string{mid}, period)
		if err != nil {
			return err
		}
		var units []indicators.Figures
		for _, f := range byUnits {
			units = append(units, f)
		}
		whole := map[string]indicators.Figures{mid: indicators.Sum(units...)}
		if err := addCourseFigures(ctx, tx, whole, []string{mid}, period); err != nil {
			return err
		}
		out.Values = indicators.Protect(indicators.Table{Places: []indicators.Place{{Figures: whole[mid], Own: true}}}).Places[0]
		out.Units, err = unitIndicators(ctx, tx, a, mid, byUnits)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *tx) error {
		return appendAudit(ctx, tx, &audit.Event{ActorID: p.User.ID, Role: adminRole(p, mid), MunicipalityID: mid,
			Action: audit.ReadMunicipalityIndicators, Detail: string(from) + ".." + string(to),
			TargetType: audit.TargetMunicipality, TargetID: mid})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// unitIndicators returns the units of municipality mid that a is shown apart, by
// name, with every number (they are a's own municipality's).
// figs are the municipality's figures by unit.
func unitIndicators(ctx context.Context, tx *tx, a access.Actor, mid string, figs map[string]indicators.Figures) ([]UnitIndicators, error) {
	units, err := queryAll(ctx, tx, scanUnit, `SELECT `+unitCols+` FROM units WHERE municipality_id = ? ORDER BY name, id`, mid)
	if err != nil {
		return nil, err
	}
	people.SortByName(units, func(u org.Unit) string { return u.Name })
	cases, leads := make([]int, len(units)), make([]bool, len(units))
	admin := a.Roles.Has(people.MunicipalityAdmin, mid)
	for i, u := range units {
		cases[i] = indicators.Cases(figs[u.ID])
		leads[i] = a.Roles.InUnit(people.UnitLeader, u.ID)
	}
	show := indicators.UnitsApart(cases, leads)
	out := []UnitIndicators{}
	for i, u := range units {
		// A leader who is not also the administrator sees only the units they lead.
		if !show[i] || (!admin && !leads[i]) {
			continue
		}
		v := indicators.Protect(indicators.Table{Places: []indicators.Place{{Figures: figs[u.ID], Own: true}}}).Places[0]
		out = append(out, UnitIndicators{Unit: u, Values: v})
	}
	return out, nil
}

// GetNetworkIndicators returns network nid's indicators for the days from to to,
// read by p: the administrators of its members (their own municipality from inside,
// the others as outsiders). Others holding an indicator role get not found; those
// without one, forbidden. The read is audited.
func (db *DB) GetNetworkIndicators(ctx context.Context, p *people.Principal, nid string, from, to logbook.Date) (*NetworkIndicators, error) {
	if err := readingIndicators(p, from, to); err != nil {
		return nil, err
	}
	a := actorOf(p)
	out := NetworkIndicators{From: from, To: to}
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT id, name, created_at FROM networks WHERE id = ?`, nid)
		if err := notFound(row.Scan(&out.Network.ID, &out.Network.Name, timeCol{&out.Network.CreatedAt}), "network"); err != nil {
			return err
		}
		ms, err := queryAll(ctx, tx, scanMunicipality, `SELECT `+prefixed("m.", municipalityCols)+` FROM municipalities m
			JOIN network_members n ON n.municipality_id = m.id WHERE n.network_id = ? ORDER BY m.name, m.id`, nid)
		if err != nil {
			return err
		}
		people.SortByName(ms, func(m org.Municipality) string { return m.Name })
		mids := make([]string, len(ms))
		for i, m := range ms {
			mids[i] = m.ID
		}
		out.Network.MunicipalityIDs = mids
		if !access.CanReadNetworkIndicators(a, nid, mids) {
			return fault.New(fault.NotFound, "network not found")
		}
		out.AsOf = tx.now
		var figs map[string]indicators.Figures
		if len(mids) > 0 {
			period := newIndicatorPeriod(from, to, tx.now)
			if figs, err = indicatorFigures(ctx, tx, byMunicipality, mids, period); err != nil {
				return err
			}
			if err := addCourseFigures(ctx, tx, figs, mids, period); err != nil {
				return err
			}
		}
		t := indicators.Table{Total: true}
		for _, m := range ms {
			t.Places = append(t.Places, indicators.Place{Figures: figs[m.ID], Own: access.OwnIndicators(a, m.ID)})
		}
		shown := indicators.Protect(t)
		for i, m := range ms {
			out.Members = append(out.Members, MemberIndicators{Municipality: m, Own: t.Places[i].Own, Values: shown.Places[i]})
		}
		out.Total = shown.Total
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *tx) error {
		return appendAudit(ctx, tx, &audit.Event{ActorID: p.User.ID, Role: networkRole(p, out.Network.MunicipalityIDs),
			Action: audit.ReadNetworkIndicators, Detail: string(from) + ".." + string(to),
			TargetType: audit.TargetNetwork, TargetID: nid})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// networkRole names the capacity in which p reads a network of members.
func networkRole(p *people.Principal, members []string) string {
	for _, m := range members {
		if p.Roles.Has(people.MunicipalityAdmin, m) {
			return string(people.MunicipalityAdmin)
		}
	}
	return "none"
}
