package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// CreateMunicipality validates and stores m, filling in its ID and creation time,
// done by p: system administrators only (forbidden otherwise, before m is looked
// at). The municipality starts with the national action guide published as version 1.
func (db *DB) CreateMunicipality(ctx context.Context, p *people.Principal, m *org.Municipality) error {
	if err := administering(p); err != nil {
		return err
	}
	if !access.CanCreateMunicipality(actorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators create municipalities")
	}
	if m.ConsentAge == 0 {
		m.ConsentAge = org.DefaultConsentAge
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		m.ID, m.CreatedAt, m.HoursPerFTE = newID(), tx.now, course.DefaultHoursPerFTE
		_, err := tx.exec(ctx, `INSERT INTO municipalities (id, number, name, consent_age, created_at, kind) VALUES (?, ?, ?, ?, ?, ?)`,
			m.ID, m.Number, m.Name, m.ConsentAge, m.CreatedAt, m.Kind)
		if isUnique(err) {
			return fault.Validation("number", fault.FieldTaken)
		} else if err != nil {
			return err
		}
		if err := recordAdmin(ctx, tx, p, audit.CreateMunicipality, audit.TargetMunicipality, m.ID, m.ID, m.Number+" "+m.Name+" "+string(m.Kind)); err != nil {
			return err
		}
		if err := seedAreas(ctx, tx, m.ID, tx.now); err != nil {
			return err
		}
		return publishNational(ctx, tx, m.ID)
	})
}

const municipalityCols = `id, number, name, consent_age, created_at, kind, hours_per_fte`

func scanMunicipality(s scanner, m *org.Municipality) error {
	return s.Scan(&m.ID, &m.Number, &m.Name, &m.ConsentAge, timeCol{&m.CreatedAt}, &m.Kind, &m.HoursPerFTE)
}

// GetMunicipality returns the municipality with id.
func (db *DB) GetMunicipality(ctx context.Context, id string) (*org.Municipality, error) {
	var m org.Municipality
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT `+municipalityCols+` FROM municipalities WHERE id = ?`, id)
		return notFound(scanMunicipality(row, &m), "municipality")
	})
	return &m, err
}

// GetMunicipalityByNumber returns the municipality with kommunenummer number.
func (db *DB) GetMunicipalityByNumber(ctx context.Context, number string) (*org.Municipality, error) {
	var m org.Municipality
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT `+municipalityCols+` FROM municipalities WHERE number = ?`, number)
		return notFound(scanMunicipality(row, &m), "municipality")
	})
	return &m, err
}

// ListMunicipalities returns every municipality, ordered by name.
func (db *DB) ListMunicipalities(ctx context.Context) ([]org.Municipality, error) {
	var out []org.Municipality
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, scanMunicipality, `SELECT `+municipalityCols+` FROM municipalities ORDER BY name, id`)
		return err
	})
	people.SortByName(out, func(m org.Municipality) string { return m.Name })
	return out, err
}
