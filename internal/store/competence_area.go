package store

import (
	"context"
	"database/sql"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/people"
)

const areaCols = `id, COALESCE(municipality_id, ''), COALESCE(network_id, ''), name, description, created_at`

func scanAreaDest(a *competence.Area) []any {
	return []any{&a.ID, &a.MunicipalityID, &a.NetworkID, &a.Name, &a.Description, timeCol{&a.CreatedAt}}
}

func scanArea(s scanner, a *competence.Area) error { return s.Scan(scanAreaDest(a)...) }

// AreaView is an area with the name of its owner.
type AreaView struct {
	competence.Area
	OwnerName string
}

// authorizeArea checks that p may run the areas of a's owner: the municipality's
// administrators or the network's coordinators (forbidden to others who work there,
// not found to the rest, and for an owner that does not exist).
func authorizeArea(ctx context.Context, tx *tx, p *people.Principal, a *competence.Area) error {
	if a.MunicipalityID != "" {
		if err := municipalityExists(ctx, tx, a.MunicipalityID); err != nil {
			return err
		}
		if !access.CanRunMunicipalityCompetence(actorOf(p), a.MunicipalityID) {
			return refuseIn(p, a.MunicipalityID, "only the municipality's administrators run its competence areas")
		}
		return nil
	}
	members, err := networkMembers(ctx, tx, a.NetworkID)
	if err != nil {
		return err
	}
	if !access.CanRunNetworkCompetence(actorOf(p), a.NetworkID) {
		for _, m := range members {
			if access.HoldsRoleIn(actorOf(p), m) {
				return fault.New(fault.Forbidden, "only the network's coordinators run its competence areas")
			}
		}
		return fault.New(fault.NotFound, "network not found")
	}
	return nil
}

// CreateArea stores competence area a, done by p (authorizeArea), filling in its ID.
func (db *DB) CreateArea(ctx context.Context, p *people.Principal, a *competence.Area) error {
	if err := administering(p); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := authorizeArea(ctx, tx, p, a); err != nil {
			return err
		}
		return insertArea(ctx, tx, p, a)
	})
}

func insertArea(ctx context.Context, tx *tx, p *people.Principal, a *competence.Area) error {
	a.ID, a.CreatedAt = newID(), tx.now
	_, err := tx.exec(ctx, `INSERT INTO competence_areas (id, municipality_id, network_id, name, description, search_tokens, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.ID, nullString(a.MunicipalityID), nullString(a.NetworkID), a.Name, a.Description,
		searchTokens(a.Name+" "+a.Description), a.CreatedAt)
	if err != nil {
		return err
	}
	return recordAdmin(ctx, tx, p, audit.CreateArea, audit.TargetArea, a.ID, a.MunicipalityID, a.Name)
}

// UpdateArea changes the name and description of area a.ID, done by p as CreateArea.
func (db *DB) UpdateArea(ctx context.Context, p *people.Principal, a *competence.Area) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		var old competence.Area
		if err := tx.queryRow(ctx, `SELECT `+areaCols+` FROM competence_areas WHERE id = ?`, a.ID).Scan(scanAreaDest(&old)...); err != nil {
			return notFound(err, "competence area")
		}
		if err := authorizeArea(ctx, tx, p, &old); err != nil {
			return err
		}
		a.MunicipalityID, a.NetworkID, a.CreatedAt = old.MunicipalityID, old.NetworkID, old.CreatedAt
		if err := a.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE competence_areas SET name = ?, description = ?, search_tokens = ? WHERE id = ?`,
			a.Name, a.Description, searchTokens(a.Name+" "+a.Description), a.ID); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.UpdateArea, audit.TargetArea, a.ID, a.MunicipalityID, a.Name)
	})
}

// seedAreas gives new municipality mid the national starter list (competence.
// StarterAreas), in the transaction that creates it.
func seedAreas(ctx context.Context, tx *tx, mid string, now time.Time) error {
	for _, s := range competence.StarterAreas {
		_, err := tx.exec(ctx, `INSERT INTO competence_areas (id, municipality_id, name, description, search_tokens, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, newID(), mid, s.Name, s.Description, searchTokens(s.Name+" "+s.Description), now)
		if err != nil {
			return err
		}
	}
	return nil
}

// ListAreas returns the areas of municipality mid and of the networks it is in, by
// name, for p, who must reach mid (reachMunicipality).
func (db *DB) ListAreas(ctx context.Context, p *people.Principal, mid string) ([]AreaView, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out []AreaView
	err := db.view(ctx, func(tx *tx) (err error) {
		if err := reachMunicipality(ctx, tx, p, mid); err != nil {
			return err
		}
		out, err = queryAll(ctx, tx, func(s scanner, v *AreaView) error {
			var owner sql.NullString
			if err := s.Scan(append(scanAreaDest(&v.Area), &owner)...); err != nil {
				return err
			}
			v.OwnerName = owner.String
			return nil
		}, `SELECT a.id, COALESCE(a.municipality_id, ''), COALESCE(a.network_id, ''), a.name, a.description, a.created_at,
			COALESCE(m.name, n.name)
			FROM competence_areas a LEFT JOIN municipalities m ON m.id = a.municipality_id LEFT JOIN networks n ON n.id = a.network_id
			WHERE a.municipality_id = ? OR a.network_id IN (SELECT network_id FROM network_members WHERE municipality_id = ?)
			ORDER BY a.name, a.id`, mid, mid)
		return err
	})
	people.SortByName(out, func(v AreaView) string { return v.Name })
	return out, err
}
