package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// CreateUnit validates and stores u in its municipality, done by p: that
// municipality's administrators and system administrators. A municipality that does
// not exist is not found; one p does not administer is forbidden (municipalities
// are public, so there is nothing to hide).
func (db *DB) CreateUnit(ctx context.Context, p *people.Principal, u *org.Unit) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := adminMunicipality(ctx, tx, p, u.MunicipalityID); err != nil {
			return err
		}
		if err := u.Validate(); err != nil {
			return err
		}
		if err := unitKindFits(ctx, tx, u); err != nil {
			return err
		}
		u.ID, u.CreatedAt = newID(), tx.now
		_, err := tx.exec(ctx, `INSERT INTO units (id, municipality_id, name, kind, created_at, name_search) VALUES (?, ?, ?, ?, ?, ?)`,
			u.ID, u.MunicipalityID, u.Name, u.Kind, u.CreatedAt, searchFold(u.Name))
		if isForeignKey(err) {
			return fault.New(fault.NotFound, "municipality not found")
		} else if err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.CreateUnit, audit.TargetUnit, u.ID, u.MunicipalityID, string(u.Kind)+" "+u.Name)
	})
}

// adminMunicipality checks that municipality mid exists (not found) and that p
// administers it (forbidden).
func adminMunicipality(ctx context.Context, tx *tx, p *people.Principal, mid string) error {
	if err := municipalityExists(ctx, tx, mid); err != nil {
		return err
	}
	if !access.CanAdminMunicipality(actorOf(p), mid) {
		return fault.New(fault.Forbidden, "you do not administer this municipality")
	}
	return nil
}

const unitCols = `id, municipality_id, name, kind, created_at`

func scanUnit(s scanner, u *org.Unit) error {
	return s.Scan(&u.ID, &u.MunicipalityID, &u.Name, &u.Kind, timeCol{&u.CreatedAt})
}

// GetUnit returns the unit with id.
func (db *DB) GetUnit(ctx context.Context, id string) (*org.Unit, error) {
	var u org.Unit
	err := db.view(ctx, func(tx *tx) error { return getUnit(ctx, tx, id, &u) })
	return &u, err
}

func getUnit(ctx context.Context, tx *tx, id string, u *org.Unit) error {
	row := tx.queryRow(ctx, `SELECT `+unitCols+` FROM units WHERE id = ?`, id)
	return notFound(scanUnit(row, u), "unit")
}

// ListUnits returns the units of municipality mid, ordered by name.
func (db *DB) ListUnits(ctx context.Context, mid string) ([]org.Unit, error) {
	var out []org.Unit
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, scanUnit, `SELECT `+unitCols+` FROM units WHERE municipality_id = ? ORDER BY name, id`, mid)
		return err
	})
	// SQL orders by bytes (SQLite) or the server's collation (PostgreSQL); names are
	// put in Norwegian order here so both dialects agree and Æ, Ø, Å follow Z.
	people.SortByName(out, func(u org.Unit) string { return u.Name })
	return out, err
}

// unitKindFits checks that u's kind suits its organisation: upper-secondary schools
// belong to counties only.
func unitKindFits(ctx context.Context, tx *tx, u *org.Unit) error {
	var kind org.OrgKind
	if err := tx.queryRow(ctx, `SELECT kind FROM municipalities WHERE id = ?`, u.MunicipalityID).Scan(&kind); err != nil {
		return notFound(err, "municipality")
	}
	if !u.Kind.ValidIn(kind) {
		return fault.Validation("kind", fault.FieldInvalid)
	}
	return nil
}
