// Package org holds municipalities, their units and networks of municipalities.
package org

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// DefaultConsentAge is the age from which a child may consent on their own behalf,
// unless the municipality sets another.
const DefaultConsentAge = 15

// Municipality is a kommune: the tenant boundary for everything in Stafett. A
// county (fylkeskommune, Kind county) is an organisation of the same shape, with
// upper-secondary schools as its units.
type Municipality struct {
	ID         string    `json:"id"`
	Kind       OrgKind   `json:"kind"`
	Number     string    `json:"number"`
	Name       string    `json:"name"`
	ConsentAge int       `json:"consent_age"`
	CreatedAt  time.Time `json:"created_at"`
	// HoursPerFTE is the hours of one full-time year (årsverk) in the municipality's
	// course reports.
	HoursPerFTE int `json:"hours_per_fte"`
}

// OrgKind tells a municipality from a county.
type OrgKind string

// The organisation kinds from API.md; an empty kind is a municipality.
const (
	KindMunicipality OrgKind = "municipality"
	KindCounty       OrgKind = "county"
)

// Validate checks the fields an administrator supplies.
func (m *Municipality) Validate() error {
	var f fault.Fields
	if m.Kind == "" {
		m.Kind = KindMunicipality
	}
	switch m.Kind {
	case KindMunicipality:
		if !IsMunicipalityNumber(m.Number) {
			f.Add("number", fault.FieldFormat)
		}
	case KindCounty:
		if !IsCountyNumber(m.Number) {
			f.Add("number", fault.FieldFormat)
		}
	default:
		f.Add("kind", fault.FieldInvalid)
	}
	f.Text("name", m.Name, 100)
	if m.ConsentAge < 12 || m.ConsentAge > 18 {
		f.Add("consent_age", fault.FieldRange)
	}
	return f.Err()
}

// IsMunicipalityNumber reports whether s is a kommunenummer: exactly four digits.
func IsMunicipalityNumber(s string) bool { return digits(s, 4) }

// IsCountyNumber reports whether s is a fylkesnummer: exactly two digits.
func IsCountyNumber(s string) bool { return digits(s, 2) }

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// UnitKind is the kind of service a unit provides.
type UnitKind string

// The unit kinds from API.md.
const (
	Kindergarten   UnitKind = "kindergarten"
	School         UnitKind = "school"
	HealthStation  UnitKind = "health_station"
	PPT            UnitKind = "ppt"
	ChildWelfare   UnitKind = "child_welfare"
	NAV            UnitKind = "nav"
	HealthService  UnitKind = "health_service"
	CultureLeisure UnitKind = "culture_leisure"
	Other          UnitKind = "other"
	// UpperSecondary (videregående skole) is a county's unit, never a municipality's.
	UpperSecondary UnitKind = "upper_secondary"
)

// UnitKinds lists every kind in display order.
var UnitKinds = []UnitKind{Kindergarten, School, HealthStation, PPT, ChildWelfare, NAV, HealthService, CultureLeisure, Other}

// CountyUnitKinds lists the kinds a county's units may have.
var CountyUnitKinds = []UnitKind{UpperSecondary, Other}

// Valid reports whether k is one of UnitKinds or CountyUnitKinds.
func (k UnitKind) Valid() bool {
	for _, v := range UnitKinds {
		if k == v {
			return true
		}
	}
	return k == UpperSecondary
}

// ValidIn reports whether an organisation of kind o may have a unit of kind k.
// UnitKindsOf lists the kinds of unit an organisation of kind o may have.
func UnitKindsOf(o OrgKind) []UnitKind {
	if o == KindCounty {
		return CountyUnitKinds
	}
	return UnitKinds
}

func (k UnitKind) ValidIn(o OrgKind) bool {
	if o == KindCounty {
		return k == UpperSecondary || k == Other
	}
	return k != UpperSecondary && k.Valid()
}

// Unit is a service unit in a municipality: a kindergarten, a school, the health
// station, PPT, child welfare and so on.
type Unit struct {
	ID             string    `json:"id"`
	MunicipalityID string    `json:"municipality_id"`
	Name           string    `json:"name"`
	Kind           UnitKind  `json:"kind"`
	CreatedAt      time.Time `json:"created_at"`
}

// Validate checks the fields an administrator supplies.
func (u *Unit) Validate() error {
	var f fault.Fields
	u.Name = strings.TrimSpace(u.Name)
	f.Text("name", u.Name, 120)
	if u.Kind == "" {
		f.Add("kind", fault.FieldRequired)
	} else if !u.Kind.Valid() {
		f.Add("kind", fault.FieldInvalid)
	}
	return f.Err()
}
