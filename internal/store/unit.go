package store

import (
	"context"

	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// CreateUnit validates and stores u in its municipality.
func (db *DB) CreateUnit(ctx context.Context, u *org.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		u.ID, u.CreatedAt = newID(), tx.now
		_, err := tx.exec(ctx, `INSERT INTO units (id, municipality_id, name, kind, created_at, name_search) VALUES (?, ?, ?, ?, ?, ?)`,
			u.ID, u.MunicipalityID, u.Name, u.Kind, u.CreatedAt, searchFold(u.Name))
		if isForeignKey(err) {
			return fault.New(fault.NotFound, "municipality not found")
		}
		return err
	})
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
