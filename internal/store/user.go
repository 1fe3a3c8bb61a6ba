package store

import (
	"context"
	"database/sql"
	"strings"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// CreateUser validates and stores u with an already hashed password (empty for users
// who sign in only through an identity provider; the caller checks a password's
// length before hashing it), done by p. Without a home municipality the user gets
// the one municipality p administers (municipality_id: required when p administers
// several). System administrators create users anywhere, municipality
// administrators in their own municipality (forbidden otherwise); a home
// municipality that does not exist is municipality_id: not_found.
func (db *DB) CreateUser(ctx context.Context, p *people.Principal, u *people.User, passwordHash string) error {
	if err := administering(p); err != nil {
		return err
	}
	home, err := newUserHome(p, u.HomeMunicipalityID)
	if err != nil {
		return err
	}
	if !access.CanCreateUser(actorOf(p), home) {
		return fault.New(fault.Forbidden, "only administrators create users")
	}
	u.HomeMunicipalityID = home
	return db.update(ctx, func(tx *tx) error {
		if home != "" {
			if err := municipalityExists(ctx, tx, home); err != nil {
				return fault.Validation("municipality_id", fault.FieldNotFound)
			}
		}
		if err := u.Validate(""); err != nil {
			return err
		}
		if err := createUser(ctx, tx, u, passwordHash); err != nil {
			return err
		}
		if passwordHash == "" {
			// Someone who cannot sign in yet is invited, in the same transaction.
			if err := inviteTx(ctx, tx, u, p.User.ID); err != nil {
				return err
			}
		}
		return recordAdmin(ctx, tx, p, audit.CreateUser, audit.TargetUser, u.ID, home, "")
	})
}

// newUserHome decides the home municipality of a user p creates: mid if given, else
// the one municipality p administers (none for a system administrator).
func newUserHome(p *people.Principal, mid string) (string, error) {
	if mid != "" || p.Roles.IsSystemAdmin() {
		return mid, nil
	}
	for _, r := range p.Roles {
		if r.Role == people.MunicipalityAdmin {
			if mid != "" && mid != r.MunicipalityID {
				return "", fault.Validation("municipality_id", fault.FieldRequired)
			}
			mid = r.MunicipalityID
		}
	}
	return mid, nil
}

func createUser(ctx context.Context, tx *tx, u *people.User, passwordHash string) error {
	// Check the unique fields first, so the error names the field; the constraints
	// still guard against a concurrent insert.
	for _, c := range []struct{ field, col, value string }{{"email", "email", u.Email}, {"national_id", "national_id", u.NationalID}} {
		if c.value == "" {
			continue
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE `+c.col+` = ?`, c.value).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fault.Validation(c.field, fault.FieldTaken)
		}
	}
	u.ID, u.CreatedAt, u.Active = newID(), tx.now, true
	_, err := tx.exec(ctx, `INSERT INTO users (id, email, name, national_id, password_hash, active, language, home_municipality_id, created_at, name_search)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Email, u.Name, nullString(u.NationalID), passwordHash, true, u.Language, nullString(u.HomeMunicipalityID), u.CreatedAt,
		searchFold(u.Name))
	if isUnique(err) {
		return fault.New(fault.Conflict, "a user with this e-mail or national ID already exists")
	}
	return err
}

const userCols = `id, email, name, COALESCE(national_id, ''), active, language, COALESCE(home_municipality_id, ''), created_at`

func scanUser(s scanner, u *people.User) error {
	return s.Scan(&u.ID, &u.Email, &u.Name, &u.NationalID, &u.Active, &u.Language, &u.HomeMunicipalityID, timeCol{&u.CreatedAt})
}

// GetUser returns the user with id.
func (db *DB) GetUser(ctx context.Context, id string) (*people.User, error) {
	var u people.User
	err := db.view(ctx, func(tx *tx) error { return getUser(ctx, tx, id, &u) })
	return &u, err
}

func getUser(ctx context.Context, tx *tx, id string, u *people.User) error {
	row := tx.queryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id)
	return notFound(scanUser(row, u), "user")
}

// Credentials are what sign-in needs to check a password.
type Credentials struct {
	UserID       string
	PasswordHash string
	Active       bool
}

// GetCredentials returns the credentials for the user with e-mail address email.
func (db *DB) GetCredentials(ctx context.Context, email string) (*Credentials, error) {
	var c Credentials
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT id, password_hash, active FROM users WHERE email = ?`, people.NormalizeEmail(email))
		return notFound(row.Scan(&c.UserID, &c.PasswordHash, &c.Active), "user")
	})
	return &c, err
}

// SetPassword replaces the password hash of user id.
func (db *DB) SetPassword(ctx context.Context, id, passwordHash string) error {
	return db.update(ctx, func(tx *tx) error {
		return mustAffect(tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, id))("user")
	})
}

// SetUserLanguage records the UI language user id chose ("" for the browser's).
func (db *DB) SetUserLanguage(ctx context.Context, id, lang string) error {
	return db.update(ctx, func(tx *tx) error {
		return mustAffect(tx.exec(ctx, `UPDATE users SET language = ? WHERE id = ?`, lang, id))("user")
	})
}

// ChangeUserActive activates or deactivates user id, done by p, and returns the
// user as changed. Deactivation ends all of the user's sessions in the same
// transaction. Those who administer no users are forbidden before any lookup; a user
// p may not see is not found; one p sees but may not manage (access.CanManageUser)
// is forbidden; p's own account is a conflict.
func (db *DB) ChangeUserActive(ctx context.Context, p *people.Principal, id string, active bool) (*people.User, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	a := actorOf(p)
	if !access.CanAdministerUsers(a) {
		return nil, fault.New(fault.Forbidden, "only administrators and leaders manage users")
	}
	var u people.User
	err := db.update(ctx, func(tx *tx) error {
		in, err := visibleUser(ctx, tx, p, id, &u)
		if err != nil {
			return err
		}
		if !access.CanManageUser(a, u.HomeMunicipalityID, in) {
			return fault.New(fault.Forbidden, "only administrators deactivate users")
		}
		if u.ID == p.User.ID {
			return fault.New(fault.Conflict, "you cannot deactivate yourself")
		}
		if _, err := tx.exec(ctx, `UPDATE users SET active = ? WHERE id = ?`, active, id); err != nil {
			return err
		}
		u.Active = active
		kind, action := SecActivated, audit.ActivateUser
		if !active {
			kind, action = SecDeactivated, audit.DeactivateUser
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		if err := recordSecurity(ctx, tx, SecurityEvent{UserID: id, ActorID: securityActor(p), Kind: kind}); err != nil {
			return err
		}
		mid := access.ManagingMunicipality(a, u.HomeMunicipalityID, in)
		return recordAdmin(ctx, tx, p, action, audit.TargetUser, id, mid, "")
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// visibleUser loads user uid into u if p may see them (themselves, or as an
// administrator or leader of their municipality: access.CanSeeUser), and returns
// the municipalities where they hold roles; otherwise not found.
func visibleUser(ctx context.Context, tx *tx, p *people.Principal, uid string, u *people.User) (in []string, err error) {
	if err := getUser(ctx, tx, uid, u); err != nil {
		return nil, err
	}
	in, err = userMunicipalities(ctx, tx, uid)
	if err != nil {
		return nil, err
	}
	if uid != p.User.ID && !access.CanSeeUser(actorOf(p), u.HomeMunicipalityID, in) {
		return nil, fault.New(fault.NotFound, "user not found")
	}
	return in, nil
}

func userMunicipalities(ctx context.Context, tx *tx, uid string) ([]string, error) {
	return queryAll(ctx, tx, scanString,
		`SELECT DISTINCT municipality_id FROM roles WHERE user_id = ? AND municipality_id IS NOT NULL ORDER BY municipality_id`, uid)
}

// UserScope returns the municipality a user belongs to by creation and the
// municipalities where the user holds roles, for administrative visibility.
func (db *DB) UserScope(ctx context.Context, id string) (home string, in []string, err error) {
	err = db.view(ctx, func(tx *tx) error {
		var u people.User
		if err := getUser(ctx, tx, id, &u); err != nil {
			return err
		}
		home = u.HomeMunicipalityID
		in, err = userMunicipalities(ctx, tx, id)
		return err
	})
	return home, in, err
}

// ListUsers returns the users of municipality mid (created there or holding a role
// there), ordered by name.
func (db *DB) ListUsers(ctx context.Context, mid string) ([]people.User, error) {
	var out []people.User
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, scanUser, `SELECT `+userCols+` FROM users
			WHERE home_municipality_id = ? OR id IN (SELECT user_id FROM roles WHERE municipality_id = ?)
			ORDER BY name, id`, mid, mid)
		return err
	})
	people.SortByName(out, func(u people.User) string { return u.Name })
	return out, err
}

func scanString(s scanner, v *string) error { return s.Scan(v) }

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// mustAffect turns a result that changed no row into a not-found error.
func mustAffect(res sql.Result, err error) func(what string) error {
	return func(what string) error {
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fault.New(fault.NotFound, "%s not found", what)
		}
		return nil
	}
}

// StaffMember is a person working in a unit, for picking participants and holders.
type StaffMember struct {
	UserID, Name, UnitID, UnitName string
}

// SearchStaff returns up to limit active employees and leaders of municipality mid's
// units whose name or unit name contains q (case is ignored in every letter), one line per person
// and unit, by name. A municipality has thousands of staff at national scale: a
// form picks among the few a search finds, never among all of them.
func (db *DB) SearchStaff(ctx context.Context, mid, q string, limit int) ([]StaffMember, error) {
	return db.SearchStaffFrom(ctx, mid, q, 0, limit)
}

// SearchStaffFrom is SearchStaff from the offset-th line on, for a search that pages
// through its answers.
func (db *DB) SearchStaffFrom(ctx context.Context, mid, q string, offset, limit int) ([]StaffMember, error) {
	var out []StaffMember
	pattern := "%" + likeEscape.Replace(searchFold(strings.TrimSpace(q))) + "%"
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, m *StaffMember) error {
			return s.Scan(&m.UserID, &m.Name, &m.UnitID, &m.UnitName)
		}, `SELECT DISTINCT u.id, u.name, n.id, n.name FROM roles r JOIN users u ON u.id = r.user_id JOIN units n ON n.id = r.unit_id
			WHERE n.municipality_id = ? AND r.role IN ('employee', 'unit_leader') AND u.active
			AND (u.name_search LIKE ? ESCAPE '\' OR n.name_search LIKE ? ESCAPE '\')
			ORDER BY u.name, u.id, n.name LIMIT ? OFFSET ?`, mid, pattern, pattern, limit, max(offset, 0))
		return err
	})
	return out, err
}
