// Package people holds users and the roles they hold in municipalities and units.
package people

import (
	"net/mail"
	"strings"
	"time"

	"stafett/internal/fault"
)

// User is a person who can sign in: staff, leaders, administrators, guardians and
// youth. NationalID is used only to match a sign-in through an identity provider; it
// is never shown in lists or written to logs.
type User struct {
	ID         string    `json:"id"`
	Email      string    `json:"email"`
	Name       string    `json:"name"`
	NationalID string    `json:"-"`
	Active     bool      `json:"active"`
	Language   string    `json:"language,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// HomeMunicipalityID is the municipality whose administrator created the user, if any.
	HomeMunicipalityID string `json:"-"`
}

// Password length limits. The upper bound keeps hashing cost bounded.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 256
)

// NormalizeEmail lower-cases and trims an e-mail address so that it is unique
// regardless of how it was typed.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks a new user's fields; password may be empty for users who sign in
// through an identity provider only.
func (u *User) Validate(password string) error {
	var f fault.Fields
	u.Email = NormalizeEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case u.Email == "":
		f.Add("email", fault.FieldRequired)
	case len(u.Email) > 254 || !isEmail(u.Email):
		f.Add("email", fault.FieldFormat)
	}
	f.Text("name", u.Name, 120)
	if u.NationalID != "" && !IsNationalID(u.NationalID) {
		f.Add("national_id", fault.FieldFormat)
	}
	if password != "" {
		ValidatePassword(&f, "password", password)
	}
	return f.Err()
}

// ValidatePassword checks the length rules for a new password.
func ValidatePassword(f *fault.Fields, field, password string) {
	switch n := len([]rune(password)); {
	case n < MinPasswordLen:
		f.Add(field, fault.FieldTooShort)
	case len(password) > MaxPasswordLen:
		f.Add(field, fault.FieldTooLong)
	}
}

func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// IsNationalID reports whether s looks like a Norwegian national identity number
// (fødselsnummer or D-number): eleven digits. Synthetic test numbers from the
// identity providers do not always pass the checksum, so only the form is checked.
func IsNationalID(s string) bool {
	if len(s) != 11 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
