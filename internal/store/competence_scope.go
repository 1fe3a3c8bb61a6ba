package store

import (
	"context"
	"slices"

	"golang.org/x/text/unicode/norm"

	"stafett/internal/access"
	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// Competence is not log content, but it is personal: who may see whose is decided here
// from the actor's roles and the networks municipalities share.

// searchTokens is text folded for search by need: NFC first, so a letter written with a
// combining mark (a + ring) is the letter (å), then competence.Tokens.
func searchTokens(s string) string {
	a := competence.Area{Name: norm.NFC.String(s)}
	return a.SearchText()
}

// networksOf returns the networks municipality mid is a member of.
func networksOf(ctx context.Context, tx *tx, mid string) ([]string, error) {
	return queryAll(ctx, tx, scanString, `SELECT network_id FROM network_members WHERE municipality_id = ? ORDER BY network_id`, mid)
}

// networkMembers returns the members of network nid (not found if there is none).
func networkMembers(ctx context.Context, tx *tx, nid string) ([]string, error) {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM networks WHERE id = ?`, nid).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fault.New(fault.NotFound, "network not found")
	}
	return queryAll(ctx, tx, scanString, `SELECT municipality_id FROM network_members WHERE network_id = ? ORDER BY municipality_id`, nid)
}

// reachMunicipality checks that municipality mid exists and that p may see its
// competence (access.CanReachMunicipality); both not found otherwise.
func reachMunicipality(ctx context.Context, tx *tx, p *people.Principal, mid string) error {
	if err := municipalityExists(ctx, tx, mid); err != nil {
		return err
	}
	nets, err := networksOf(ctx, tx, mid)
	if err != nil {
		return err
	}
	if !access.CanReachMunicipality(actorOf(p), mid, nets) {
		return fault.New(fault.NotFound, "municipality not found")
	}
	return nil
}

// refuseIn is the refusal of p in municipality mid: forbidden to someone who holds a
// role there (they may see it but not do this), not found to anyone else.
func refuseIn(p *people.Principal, mid, message string) error {
	if access.HoldsRoleIn(actorOf(p), mid) {
		return fault.New(fault.Forbidden, "%s", message)
	}
	return fault.New(fault.NotFound, "not found")
}

// personUnit is a unit in which a person works.
type personUnit struct {
	unitID, unitName, municipalityID string
}

// personUnits returns the units user uid works in (as employee or leader).
func personUnits(ctx context.Context, tx *tx, uid string) ([]personUnit, error) {
	return queryAll(ctx, tx, func(s scanner, u *personUnit) error { return s.Scan(&u.unitID, &u.unitName, &u.municipalityID) },
		`SELECT DISTINCT n.id, n.name, n.municipality_id FROM roles r JOIN units n ON n.id = r.unit_id
		WHERE r.user_id = ? AND r.role IN ('employee', 'unit_leader') ORDER BY n.id`, uid)
}

// person is whose competence a request is about: their units and municipalities.
type person struct {
	id             string
	share          bool
	units          []string
	municipality   string // the first of their municipalities, for the audit record
	municipalities []string
}

// loadPerson loads user uid for p if p may see their competence: themselves, anyone
// who reaches one of their municipalities, and, when they share their competence,
// anyone holding a role in a municipality that shares a network with one of theirs.
// Anyone else is told not found.
func loadPerson(ctx context.Context, tx *tx, p *people.Principal, uid string) (*person, error) {
	var u people.User
	if err := getUser(ctx, tx, uid, &u); err != nil {
		return nil, err
	}
	x := &person{id: uid}
	if err := tx.queryRow(ctx, `SELECT share_competence FROM users WHERE id = ?`, uid).Scan(&x.share); err != nil {
		return nil, err
	}
	units, err := personUnits(ctx, tx, uid)
	if err != nil {
		return nil, err
	}
	for _, un := range units {
		x.units = append(x.units, un.unitID)
		if !slices.Contains(x.municipalities, un.municipalityID) {
			x.municipalities = append(x.municipalities, un.municipalityID)
		}
	}
	if len(x.municipalities) > 0 {
		x.municipality = x.municipalities[0]
	} else {
		x.municipality = u.HomeMunicipalityID
	}
	if uid == p.User.ID {
		return x, nil
	}
	for _, m := range x.municipalities {
		if err := reachMunicipality(ctx, tx, p, m); err == nil {
			return x, nil
		}
	}
	if x.share {
		for _, m := range x.municipalities {
			for _, mine := range p.Roles.Municipalities() {
				if ok, err := sameNetwork(ctx, tx, m, mine); err != nil {
					return nil, err
				} else if ok {
					return x, nil
				}
			}
		}
	}
	return nil, fault.New(fault.NotFound, "user not found")
}

// areaFor returns area aid if it belongs to one of municipalities mids or to a network
// one of them is in; else a validation error on field.
func areaFor(ctx context.Context, tx *tx, aid string, mids []string, field string) (competence.Area, error) {
	var a competence.Area
	if aid == "" {
		return a, fault.Validation(field, fault.FieldRequired)
	}
	err := tx.queryRow(ctx, `SELECT `+areaCols+` FROM competence_areas WHERE id = ?`, aid).Scan(scanAreaDest(&a)...)
	if err != nil {
		if fault.Is(notFound(err, "area"), fault.NotFound) {
			return a, fault.Validation(field, fault.FieldNotFound)
		}
		return a, err
	}
	for _, m := range mids {
		if a.MunicipalityID == m {
			return a, nil
		}
		if a.NetworkID != "" {
			if ok, err := inNetwork(ctx, tx, a.NetworkID, m); err != nil {
				return a, err
			} else if ok {
				return a, nil
			}
		}
	}
	return a, fault.Validation(field, fault.FieldNotFound)
}

// inNetwork reports whether municipality mid is a member of network nid.
func inNetwork(ctx context.Context, tx *tx, nid, mid string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM network_members WHERE network_id = ? AND municipality_id = ?`, nid, mid).Scan(&n)
	return n > 0, err
}
