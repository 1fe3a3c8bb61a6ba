package store

import (
	"context"
	"database/sql"
	"strings"

	"stafett/internal/fault"
	"stafett/internal/people"
)

// CreateUser validates and stores u with an already hashed password (empty for users
// who sign in only through an identity provider).
func (db *DB) CreateUser(ctx context.Context, u *people.User, passwordHash string) error {
	return db.update(ctx, func(tx *tx) error { return createUser(ctx, tx, u, passwordHash) })
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

// SetUserActive activates or deactivates user id on Stafett's behalf.
func (db *DB) SetUserActive(ctx context.Context, id string, active bool) error {
	return db.ChangeUserActive(ctx, "", id, active)
}

// ChangeUserActive activates or deactivates user id, done by user by. Deactivation
// ends all of the user's sessions in the same transaction.
func (db *DB) ChangeUserActive(ctx context.Context, by, id string, active bool) error {
	return db.update(ctx, func(tx *tx) error {
		if err := mustAffect(tx.exec(ctx, `UPDATE users SET active = ? WHERE id = ?`, active, id))("user"); err != nil {
			return err
		}
		kind := SecActivated
		if !active {
			kind = SecDeactivated
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: id, ActorID: by, Kind: kind})
	})
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
		in, err = queryAll(ctx, tx, scanString,
			`SELECT DISTINCT municipality_id FROM roles WHERE user_id = ? AND municipality_id IS NOT NULL`, id)
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
	var out []StaffMember
	pattern := "%" + likeEscape.Replace(searchFold(strings.TrimSpace(q))) + "%"
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, m *StaffMember) error {
			return s.Scan(&m.UserID, &m.Name, &m.UnitID, &m.UnitName)
		}, `SELECT DISTINCT u.id, u.name, n.id, n.name FROM roles r JOIN users u ON u.id = r.user_id JOIN units n ON n.id = r.unit_id
			WHERE n.municipality_id = ? AND r.role IN ('employee', 'unit_leader') AND u.active
			AND (u.name_search LIKE ? ESCAPE '\' OR n.name_search LIKE ? ESCAPE '\')
			ORDER BY u.name, u.id, n.name LIMIT ?`, mid, pattern, pattern, limit)
		return err
	})
	return out, err
}
