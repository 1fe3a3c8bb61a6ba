package store

import (
	"context"
	"strconv"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// NeedView is a unit need with its area's name.
type NeedView struct {
	competence.Need
	AreaName string
}

// SetNeeds replaces the competence needs of unit uid, done by p: the unit's leaders or
// the municipality's administrators (forbidden to others who work there, not found to
// the rest). Each area must be the municipality's or one of its networks'
// (needs.N.area_id not_found).
func (db *DB) SetNeeds(ctx context.Context, p *people.Principal, uid string, needs []competence.Need) error {
	if err := administering(p); err != nil {
		return err
	}
	if err := competence.ValidateNeeds(needs); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		var u org.Unit
		if err := getUnit(ctx, tx, uid, &u); err != nil {
			return err
		}
		if !access.CanSetNeeds(actorOf(p), u.MunicipalityID, uid) {
			return refuseIn(p, u.MunicipalityID, "only the unit's leader and the municipality's administrators set its needs")
		}
		if _, err := tx.exec(ctx, `DELETE FROM competence_needs WHERE unit_id = ?`, uid); err != nil {
			return err
		}
		for i, n := range needs {
			if _, err := areaFor(ctx, tx, n.AreaID, []string{u.MunicipalityID}, "needs."+strconv.Itoa(i)+".area_id"); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO competence_needs (unit_id, area_id, min_people) VALUES (?, ?, ?)`,
				uid, n.AreaID, n.MinPeople); err != nil {
				return err
			}
		}
		return recordAdmin(ctx, tx, p, audit.SetNeeds, audit.TargetUnit, uid, u.MunicipalityID, strconv.Itoa(len(needs)))
	})
}

// ListNeeds returns the needs of unit uid, by area name, for p, who must reach its
// municipality.
func (db *DB) ListNeeds(ctx context.Context, p *people.Principal, uid string) ([]NeedView, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out []NeedView
	err := db.view(ctx, func(tx *tx) (err error) {
		var u org.Unit
		if err := getUnit(ctx, tx, uid, &u); err != nil {
			return err
		}
		if err := reachMunicipality(ctx, tx, p, u.MunicipalityID); err != nil {
			return fault.New(fault.NotFound, "unit not found")
		}
		out, err = queryAll(ctx, tx, func(s scanner, n *NeedView) error { return s.Scan(&n.AreaID, &n.AreaName, &n.MinPeople) },
			`SELECT n.area_id, a.name, n.min_people FROM competence_needs n JOIN competence_areas a ON a.id = n.area_id
			WHERE n.unit_id = ? ORDER BY a.name`, uid)
		return err
	})
	people.SortByName(out, func(n NeedView) string { return n.AreaName })
	return out, err
}
