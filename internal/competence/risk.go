package competence

import "slices"

// Risk is a unit need with fewer verified holders in the unit than it wants: one holder
// is a one-person risk (the service stands and falls on one person), none is a gap.
type Risk struct {
	UnitID, UnitName string
	AreaID, AreaName string
	MinPeople        int
	Holders          []Holder
	// Neighbours hold the area, verified, in other municipalities of a network the unit's
	// municipality is in: whom to buy or borrow it from.
	Neighbours []Holder
}

// Holder is a person holding a competence.
type Holder struct {
	UserID, Name             string
	UnitID, UnitName         string
	MunicipalityID, MuniName string
}

// People is how many verified holders the unit has.
func (r Risk) People() int { return len(r.Holders) }

// IsRisk reports whether the need is short of people.
func (r Risk) IsRisk() bool { return len(r.Holders) < r.MinPeople }

// RankRisks keeps the needs short of people and orders them most fragile first: fewest
// holders, then the largest shortfall, then by unit and area name (name compares names
// in the reader's order).
func RankRisks(rs []Risk, name func(a, b string) int) []Risk {
	out := slices.DeleteFunc(slices.Clone(rs), func(r Risk) bool { return !r.IsRisk() })
	slices.SortStableFunc(out, func(a, b Risk) int {
		if d := a.People() - b.People(); d != 0 {
			return d
		}
		if d := (b.MinPeople - b.People()) - (a.MinPeople - a.People()); d != 0 {
			return d
		}
		if d := name(a.UnitName, b.UnitName); d != 0 {
			return d
		}
		return name(a.AreaName, b.AreaName)
	})
	return out
}
