package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// checkRoleChanger refuses a change by user by to the roles of user uid when they
// are the same person (access.CanChangeRolesOf); by is "" for Stafett itself.
func checkRoleChanger(by, uid string) error {
	if by != "" && !access.CanChangeRolesOf(access.Actor{UserID: by}, uid) {
		return fault.New(fault.Forbidden, "you cannot change your own roles; another administrator does that")
	}
	return nil
}

// AddRole gives user uid role r on Stafett's behalf (set-up and demo data).
func (db *DB) AddRole(ctx context.Context, uid string, r *people.Role) error {
	return db.GrantRole(ctx, "", uid, r)
}

// GrantRole gives user uid role r, done by user by; the person sees it on their
// security page. For unit roles the municipality is taken from the unit (and r is
// updated), so a role can never point at a unit of another municipality. A role the
// user already holds is a conflict.
func (db *DB) GrantRole(ctx context.Context, by, uid string, r *people.Role) error {
	if err := checkRoleChanger(by, uid); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if r.Role.IsUnitRole() {
			var u org.Unit
			if err := getUnit(ctx, tx, r.UnitID, &u); err != nil {
				return fault.Validation("unit_id", fault.FieldNotFound)
			}
			if r.MunicipalityID != "" && r.MunicipalityID != u.MunicipalityID {
				return fault.Validation("municipality_id", fault.FieldInvalid)
			}
			r.MunicipalityID = u.MunicipalityID
		}
		_, err := tx.exec(ctx, `INSERT INTO roles (user_id, role, municipality_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			uid, r.Role, nullString(r.MunicipalityID), nullString(r.UnitID), tx.now)
		switch {
		case isUnique(err):
			return fault.New(fault.Conflict, "the user already has this role")
		case isForeignKey(err):
			return fault.Validation("municipality_id", fault.FieldNotFound)
		case err != nil:
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: by, Kind: SecRoleGranted, Detail: string(r.Role)})
	})
}

// RemoveRole takes role r away from user uid on Stafett's behalf.
func (db *DB) RemoveRole(ctx context.Context, uid string, r people.Role) error {
	return db.RevokeRole(ctx, "", uid, r)
}

// RevokeRole takes role r away from user uid, done by user by.
func (db *DB) RevokeRole(ctx context.Context, by, uid string, r people.Role) error {
	if err := checkRoleChanger(by, uid); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		err := mustAffect(tx.exec(ctx, `DELETE FROM roles WHERE user_id = ? AND role = ?
			AND COALESCE(municipality_id, '') = ? AND COALESCE(unit_id, '') = ?`,
			uid, r.Role, r.MunicipalityID, r.UnitID))("role")
		if err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: by, Kind: SecRoleRevoked, Detail: string(r.Role)})
	})
}

// ListRoles returns the roles user uid holds.
func (db *DB) ListRoles(ctx context.Context, uid string) (people.Roles, error) {
	var out people.Roles
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = listRoles(ctx, tx, uid)
		return err
	})
	return out, err
}

func listRoles(ctx context.Context, tx *tx, uid string) (people.Roles, error) {
	return queryAll(ctx, tx, scanRole, `SELECT role, COALESCE(municipality_id, ''), COALESCE(unit_id, '')
		FROM roles WHERE user_id = ? ORDER BY role, municipality_id, unit_id`, uid)
}

func scanRole(s scanner, r *people.Role) error { return s.Scan(&r.Role, &r.MunicipalityID, &r.UnitID) }

// CountSystemAdmins returns how many active system administrators exist.
func (db *DB) CountSystemAdmins(ctx context.Context) (int, error) {
	var n int
	err := db.view(ctx, func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM roles JOIN users ON users.id = roles.user_id
			WHERE roles.role = ? AND users.active`, people.SystemAdmin).Scan(&n)
	})
	return n, err
}

// CreateSystemAdmin creates a user holding the system administrator role, in one
// transaction.
func (db *DB) CreateSystemAdmin(ctx context.Context, u *people.User, passwordHash string) error {
	return db.update(ctx, func(tx *tx) error {
		if err := createUser(ctx, tx, u, passwordHash); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO roles (user_id, role, created_at) VALUES (?, ?, ?)`, u.ID, people.SystemAdmin, tx.now)
		return err
	})
}
