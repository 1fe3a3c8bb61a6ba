package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// ConsentSource says how a consent reached Stafett.
type ConsentSource string

// The consent sources: a signed paper form registered by the holder or a leader, or
// given in the app by a guardian or the youth.
const (
	ConsentPaper   ConsentSource = "paper"
	ConsentDigital ConsentSource = "digital"
)

// DefaultConsentValidity is how long a consent lasts when no expiry is given: 365
// days. A consent that never expires would outlive the cooperation it was given for;
// a year matches a school year with margin and prompts a renewed conversation.
const DefaultConsentValidity = 365 * 24 * time.Hour

// Limits on consent input.
const (
	MaxConsentUnits   = 50
	MaxGivenByNameLen = 120
)

// latestConsentExpiry bounds expires_at like the meeting times: it catches typing
// errors, and keeps every stored time within the years 1-9999 that RFC 3339, JSON
// and the SQLite text form can hold (a consent expiring in year 10000 made its log
// unreadable).
var latestConsentExpiry = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// Consent is a samtykke: who gave it, which units it covers, under which consent
// text, and when it starts, expires and is withdrawn. A digital consent names the user
// who gave it; a paper consent names the signer as written on the form.
type Consent struct {
	ID            string        `json:"id"`
	LogID         string        `json:"log_id"`
	GivenByUserID string        `json:"given_by_user_id,omitempty"`
	GivenByName   string        `json:"given_by_name,omitempty"`
	CoversUnitIDs []string      `json:"covers_unit_ids"`
	Source        ConsentSource `json:"source"`
	TextVersion   string        `json:"text_version"`
	GivenAt       time.Time     `json:"given_at"`
	ExpiresAt     *time.Time    `json:"expires_at,omitempty"`
	WithdrawnAt   *time.Time    `json:"withdrawn_at,omitempty"`
	WithdrawnBy   string        `json:"withdrawn_by,omitempty"`
	RegisteredBy  string        `json:"registered_by"`
}

// ValidAt reports whether c is in force at now: from GivenAt up to, not including, the
// earlier of ExpiresAt and WithdrawnAt.
func (c *Consent) ValidAt(now time.Time) bool {
	if now.Before(c.GivenAt) {
		return false
	}
	if c.ExpiresAt != nil && !now.Before(*c.ExpiresAt) {
		return false
	}
	if c.WithdrawnAt != nil && !now.Before(*c.WithdrawnAt) {
		return false
	}
	return true
}

// Covers reports whether c is valid at now and covers unit unitID.
func (c *Consent) Covers(unitID string, now time.Time) bool {
	if !c.ValidAt(now) {
		return false
	}
	for _, u := range c.CoversUnitIDs {
		if u == unitID {
			return true
		}
	}
	return false
}

// CoveredUnits returns the units covered by at least one of consents at now.
func CoveredUnits(consents []Consent, now time.Time) map[string]bool {
	covered := map[string]bool{}
	for i := range consents {
		if !consents[i].ValidAt(now) {
			continue
		}
		for _, u := range consents[i].CoversUnitIDs {
			covered[u] = true
		}
	}
	return covered
}

// AnyValid reports whether at least one of consents is valid at now.
func AnyValid(consents []Consent, now time.Time) bool {
	for i := range consents {
		if consents[i].ValidAt(now) {
			return true
		}
	}
	return false
}

// RequireCoverage answers a validation error (consent: missing) unless unitID is in
// covered, as for a new participant or a proposed holder's unit.
func RequireCoverage(covered map[string]bool, unitID string) error {
	if unitID == "" || !covered[unitID] {
		return fault.Validation("consent", fault.FieldMissing)
	}
	return nil
}

// Withdraw ends c at now, by the user actorID. Withdrawing a consent that is no
// longer valid is a conflict.
func (c *Consent) Withdraw(actorID string, now time.Time) error {
	if c.WithdrawnAt != nil {
		return fault.New(fault.Conflict, "the consent is already withdrawn")
	}
	if !c.ValidAt(now) {
		return fault.New(fault.Conflict, "the consent is not in force")
	}
	t := now.UTC()
	c.WithdrawnAt = &t
	c.WithdrawnBy = actorID
	return nil
}

// NewConsent is the input for a consent, as in POST /api/v1/logs/{id}/consents.
// GivenBy is the signer's name on a paper form; it is optional, as in API.md, and
// ignored for a digital consent, which is given by the signed-in user.
type NewConsent struct {
	CoversUnitIDs []string   `json:"covers_unit_ids"`
	ExpiresAt     *time.Time `json:"expires_at"`
	GivenBy       string     `json:"given_by"`
}

// Validate normalises and checks the input at now. Field codes: covers_unit_ids
// (required, invalid for a blank or repeated id, too_long), expires_at (range unless
// after now and before 2100), given_by (too_long).
func (in *NewConsent) Validate(now time.Time) error {
	var f fault.Fields
	units := make([]string, 0, len(in.CoversUnitIDs))
	seen := map[string]bool{}
	for _, u := range in.CoversUnitIDs {
		u = strings.TrimSpace(u)
		if u == "" || seen[u] || len(u) > MaxIDLen {
			f.Add("covers_unit_ids", fault.FieldInvalid)
		}
		seen[u] = true
		units = append(units, u)
	}
	in.CoversUnitIDs = units
	switch {
	case len(units) == 0:
		f.Add("covers_unit_ids", fault.FieldRequired)
	case len(units) > MaxConsentUnits:
		f.Add("covers_unit_ids", fault.FieldTooLong)
	}
	if in.ExpiresAt != nil {
		// In UTC, as NewEntry's HeldAt: a time given with an offset JSON cannot write
		// back (RFC 3339 parsing accepts "+24:00") is then still the same instant.
		utc := in.ExpiresAt.UTC()
		in.ExpiresAt = &utc
		if !utc.After(now) || !utc.Before(latestConsentExpiry) {
			f.Add("expires_at", fault.FieldRange)
		}
	}
	in.GivenBy = strings.TrimSpace(in.GivenBy)
	f.OptionalText("given_by", in.GivenBy, MaxGivenByNameLen)
	return f.Err()
}

// Build validates in and returns the consent for log logID from source, registered by
// actorID (the guardian or youth themself for a digital consent) under consent text
// textVersion, given at now and expiring after DefaultConsentValidity unless in says
// otherwise. The caller checks that the units exist in the log's municipality.
func (in NewConsent) Build(logID string, source ConsentSource, actorID, textVersion string, now time.Time) (Consent, error) {
	if err := in.Validate(now); err != nil {
		return Consent{}, err
	}
	now = now.UTC()
	expires := now.Add(DefaultConsentValidity)
	if in.ExpiresAt != nil {
		expires = in.ExpiresAt.UTC()
	}
	c := Consent{
		LogID: logID, CoversUnitIDs: in.CoversUnitIDs, Source: source, TextVersion: textVersion,
		GivenAt: now, ExpiresAt: &expires, RegisteredBy: actorID,
	}
	switch source {
	case ConsentDigital:
		c.GivenByUserID = actorID
	case ConsentPaper:
		c.GivenByName = in.GivenBy
	default:
		return Consent{}, fault.New(fault.Internal, "unknown consent source")
	}
	return c, nil
}
