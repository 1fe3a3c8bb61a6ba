package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// authorizeRole checks that p may give or take role r for user uid, inside tx, as
// the administration has always decided it, in this order: those who administer no
// users are forbidden before any lookup; a user p may not see is not found; r must
// be valid, its unit one that exists (unit_id: not_found) and of the municipality
// given, if any (municipality_id: invalid), and r gets the unit's municipality; p
// must be allowed to assign it (access.CanAssignRole) and the user must not be p
// (access.CanChangeRolesOf): both forbidden otherwise.
func authorizeRole(ctx context.Context, tx *tx, p *people.Principal, uid string, r *people.Role) error {
	a := actorOf(p)
	if !access.CanAdministerUsers(a) {
		return fault.New(fault.Forbidden, "only administrators and leaders manage users")
	}
	var u people.User
	if _, err := visibleUser(ctx, tx, p, uid, &u); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if r.Role.IsUnitRole() {
		var unit org.Unit
		if err := getUnit(ctx, tx, r.UnitID, &unit); err != nil {
			return fault.Validation("unit_id", fault.FieldNotFound)
		}
		if r.MunicipalityID != "" && r.MunicipalityID != unit.MunicipalityID {
			return fault.Validation("municipality_id", fault.FieldInvalid)
		}
		r.MunicipalityID = unit.MunicipalityID
	}
	if !access.CanAssignRole(a, *r) {
		return fault.New(fault.Forbidden, "you may not assign this role")
	}
	if !access.CanChangeRolesOf(a, uid) {
		return fault.New(fault.Forbidden, "you cannot change your own roles; another administrator does that")
	}
	return nil
}

// roleDetail is the audit detail of a role change.
func roleDetail(r *people.Role) string {
	d := string(r.Role)
	if r.UnitID != "" {
		d += " unit=" + r.UnitID
	}
	if r.NetworkID != "" {
		d += " network=" + r.NetworkID
	}
	return d
}

// GrantRole gives user uid role r, done by p (see authorizeRole for who may); the
// person sees it on their security page. For unit roles the municipality is taken
// from the unit (and r is updated), so a role can never point at a unit of another
// municipality. A role the user already holds is a conflict.
func (db *DB) GrantRole(ctx context.Context, p *people.Principal, uid string, r *people.Role) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := authorizeRole(ctx, tx, p, uid, r); err != nil {
			return err
		}
		return grantRole(ctx, tx, p, uid, r)
	})
}

func grantRole(ctx context.Context, tx *tx, p *people.Principal, uid string, r *people.Role) error {
	_, err := tx.exec(ctx, `INSERT INTO roles (user_id, role, municipality_id, unit_id, network_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		uid, r.Role, nullString(r.MunicipalityID), nullString(r.UnitID), nullString(r.NetworkID), tx.now)
	switch {
	case isUnique(err):
		return fault.New(fault.Conflict, "the user already has this role")
	case isForeignKey(err) && r.NetworkID != "":
		return fault.Validation("network_id", fault.FieldNotFound)
	case isForeignKey(err):
		return fault.Validation("municipality_id", fault.FieldNotFound)
	case err != nil:
		return err
	}
	if err := recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: securityActor(p), Kind: SecRoleGranted, Detail: string(r.Role)}); err != nil {
		return err
	}
	return recordAdmin(ctx, tx, p, audit.GrantRole, audit.TargetUser, uid, r.MunicipalityID, roleDetail(r))
}

// RevokeRole takes role r away from user uid, done by p, who must be allowed to give
// it (authorizeRole). A role the user does not hold is not found.
func (db *DB) RevokeRole(ctx context.Context, p *people.Principal, uid string, r people.Role) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := authorizeRole(ctx, tx, p, uid, &r); err != nil {
			return err
		}
		err := mustAffect(tx.exec(ctx, `DELETE FROM roles WHERE user_id = ? AND role = ?
			AND COALESCE(municipality_id, '') = ? AND COALESCE(unit_id, '') = ? AND COALESCE(network_id, '') = ?`,
			uid, r.Role, r.MunicipalityID, r.UnitID, r.NetworkID))("role")
		if err != nil {
			return err
		}
		if err := recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: securityActor(p), Kind: SecRoleRevoked, Detail: string(r.Role)}); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.RevokeRole, audit.TargetUser, uid, r.MunicipalityID, roleDetail(&r))
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
	return queryAll(ctx, tx, scanRole, `SELECT role, COALESCE(municipality_id, ''), COALESCE(unit_id, ''), COALESCE(network_id, '')
		FROM roles WHERE user_id = ? ORDER BY role, municipality_id, unit_id, network_id`, uid)
}

func scanRole(s scanner, r *people.Role) error {
	return s.Scan(&r.Role, &r.MunicipalityID, &r.UnitID, &r.NetworkID)
}

// CountSystemAdmins returns how many active system administrators exist.
func (db *DB) CountSystemAdmins(ctx context.Context) (int, error) {
	var n int
	err := db.view(ctx, func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM roles JOIN users ON users.id = roles.user_id
			WHERE roles.role = ? AND users.active`, people.SystemAdmin).Scan(&n)
	})
	return n, err
}

// CreateSystemAdmin creates a user holding the system administrator role, done by p
// (a system administrator, or Stafett itself: people.System), in one transaction,
// recorded as the user's creation and the role's grant.
func (db *DB) CreateSystemAdmin(ctx context.Context, p *people.Principal, u *people.User, passwordHash string) error {
	if err := administering(p); err != nil {
		return err
	}
	r := people.Role{Role: people.SystemAdmin}
	if !access.CanCreateUser(actorOf(p), "") || !access.CanAssignRole(actorOf(p), r) {
		return fault.New(fault.Forbidden, "only system administrators create system administrators")
	}
	u.HomeMunicipalityID = ""
	if err := u.Validate(""); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := createUser(ctx, tx, u, passwordHash); err != nil {
			return err
		}
		if err := recordAdmin(ctx, tx, p, audit.CreateUser, audit.TargetUser, u.ID, "", ""); err != nil {
			return err
		}
		return grantRole(ctx, tx, p, u.ID, &r)
	})
}
