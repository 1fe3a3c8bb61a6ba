// Package catalog is the tiltaksoversikt: a municipality's overview of the help
// measures and support services staff and families can turn to, each with its target
// group and ages, the BTI levels it suits, the unit that provides it, whom to contact
// and how to get it. It holds the types, their validation, the search text and the
// filters. Storage and access live elsewhere.
package catalog

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"stafett/internal/fault"
	"stafett/internal/people"
)

// Ages and levels a service may be for. Ages run to 25: BTI covers children and youth,
// and some services (NAV, follow-up of school drop-outs) go on into the early
// twenties. Level 0 is the undring, a private working note, not a level at which a
// service is given.
const (
	MinAge   = 0
	MaxAge   = 25
	MinLevel = 1
	MaxLevel = 3
)

// Limits on a service's text. They keep a service well under the request size cap
// and the overview readable.
const (
	MaxNameLen        = 160
	MaxDescriptionLen = 5000
	MaxTargetGroupLen = 500
	MaxContactLen     = 1000
	MaxHowToAccessLen = 3000
	MaxKeywords       = 20
	MaxKeywordLen     = 60
	MaxIDLen          = 100
	MaxQueryLen       = 200
	MaxQueryWords     = 8
)

// Service is one help measure or support service in a municipality's overview.
// Retired services are kept, since measures in logs may name them, but are no
// longer offered.
type Service struct {
	ID             string    `json:"id"`
	MunicipalityID string    `json:"municipality_id"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	TargetGroup    string    `json:"target_group"`
	MinAge         int       `json:"min_age"`
	MaxAge         int       `json:"max_age"`
	Levels         []int     `json:"levels"`
	UnitID         string    `json:"unit_id"`
	Contact        string    `json:"contact"`
	HowToAccess    string    `json:"how_to_access"`
	Keywords       []string  `json:"keywords"`
	Retired        bool      `json:"retired"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Normalize trims the texts, sorts the levels and drops repeated ones, and drops
// empty and repeated keywords (compared without case), so that stored services look
// alike however they were typed.
func (s *Service) Normalize() {
	s.Name = strings.TrimSpace(s.Name)
	s.Description = strings.TrimSpace(s.Description)
	s.TargetGroup = strings.TrimSpace(s.TargetGroup)
	s.UnitID = strings.TrimSpace(s.UnitID)
	s.Contact = strings.TrimSpace(s.Contact)
	s.HowToAccess = strings.TrimSpace(s.HowToAccess)
	levels := slices.Clone(s.Levels)
	slices.Sort(levels)
	s.Levels = slices.Compact(levels)
	if s.Levels == nil {
		s.Levels = []int{}
	}
	kws := make([]string, 0, len(s.Keywords))
	seen := map[string]bool{}
	for _, k := range s.Keywords {
		k = strings.Join(strings.Fields(k), " ")
		if k == "" || seen[strings.ToLower(k)] {
			continue
		}
		seen[strings.ToLower(k)] = true
		kws = append(kws, k)
	}
	s.Keywords = kws
}

// Validate normalises s and checks what an administrator supplies, with the field
// names of the API: name, description, target_group, contact and how_to_access are
// required texts; min_age and max_age lie in MinAge–MaxAge with min_age ≤ max_age
// (max_age: range otherwise); levels is at least one of 1–3; unit_id is required.
// That the unit is in the service's municipality is the store's to check.
func (s *Service) Validate() error {
	s.Normalize()
	var f fault.Fields
	f.Text("name", s.Name, MaxNameLen)
	f.Text("description", s.Description, MaxDescriptionLen)
	f.Text("target_group", s.TargetGroup, MaxTargetGroupLen)
	f.Text("contact", s.Contact, MaxContactLen)
	f.Text("how_to_access", s.HowToAccess, MaxHowToAccessLen)
	if s.MinAge < MinAge || s.MinAge > MaxAge {
		f.Add("min_age", fault.FieldRange)
	}
	if s.MaxAge < MinAge || s.MaxAge > MaxAge || s.MaxAge < s.MinAge {
		f.Add("max_age", fault.FieldRange)
	}
	switch {
	case len(s.Levels) == 0:
		f.Add("levels", fault.FieldRequired)
	case s.Levels[0] < MinLevel || s.Levels[len(s.Levels)-1] > MaxLevel:
		f.Add("levels", fault.FieldRange)
	}
	switch {
	case s.UnitID == "":
		f.Add("unit_id", fault.FieldRequired)
	case len(s.UnitID) > MaxIDLen:
		f.Add("unit_id", fault.FieldTooLong)
	}
	if len(s.Keywords) > MaxKeywords {
		f.Add("keywords", fault.FieldTooLong)
	}
	for _, k := range s.Keywords {
		f.OptionalText("keywords", k, MaxKeywordLen)
	}
	return f.Err()
}

// HasLevel reports whether s suits BTI level n.
func (s *Service) HasLevel(n int) bool { return slices.Contains(s.Levels, n) }

// ForAge reports whether age lies in s's age range.
func (s *Service) ForAge(age int) bool { return s.MinAge <= age && age <= s.MaxAge }

// SearchText is what a free-text query is matched against: the name, description,
// target group and keywords, in lower case. Lowering in Go rather than in SQL makes
// æ, ø and å match alike on SQLite, whose lower() knows ASCII only, and PostgreSQL.
func (s *Service) SearchText() string {
	parts := append([]string{s.Name, s.Description, s.TargetGroup}, s.Keywords...)
	return strings.ToLower(strings.Join(parts, "\n"))
}

// Filter picks services from an overview. Zero values filter nothing.
type Filter struct {
	Age    *int   // services whose age range holds it
	Level  int    // services for this level, 1–3
	Query  string // every word in the name, description, target group or keywords
	UnitID string // services the unit provides
}

// Words returns the query's words in lower case, each once, for matching against
// SearchText.
func (f *Filter) Words() []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Check checks a filter as the public search sends it, with the field names age,
// level, q and unit.
func (f *Filter) Check() error {
	var fs fault.Fields
	if f.Age != nil && (*f.Age < MinAge || *f.Age > MaxAge) {
		fs.Add("age", fault.FieldRange)
	}
	if f.Level != 0 && (f.Level < MinLevel || f.Level > MaxLevel) {
		fs.Add("level", fault.FieldRange)
	}
	f.Query = strings.TrimSpace(f.Query)
	fs.OptionalText("q", f.Query, MaxQueryLen)
	if len(f.Words()) > MaxQueryWords {
		fs.Add("q", fault.FieldTooLong)
	}
	if len(f.UnitID) > MaxIDLen || !utf8.ValidString(f.UnitID) {
		fs.Add("unit", fault.FieldInvalid)
	}
	return fs.Err()
}

// ParseFilter reads a filter from the query parameters of a search: age and level as
// whole numbers (format when they are not), q and unit as text. Empty parameters
// filter nothing.
func ParseFilter(get func(string) string) (Filter, error) {
	f := Filter{Query: get("q"), UnitID: strings.TrimSpace(get("unit"))}
	var fs fault.Fields
	if v := strings.TrimSpace(get("age")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fs.Add("age", fault.FieldFormat)
		} else {
			f.Age = &n
		}
	}
	if v := strings.TrimSpace(get("level")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fs.Add("level", fault.FieldFormat)
		} else {
			f.Level = n
		}
	}
	var fe *fault.Error
	if err := f.Check(); errors.As(err, &fe) {
		for k, v := range fe.Fields {
			fs.Add(k, v)
		}
	}
	return f, fs.Err()
}

// SortKey returns a key whose byte order (strings.Compare) is the Norwegian order of
// names: people.NameKey, kept here for its callers; new code uses people.CompareNames
// or people.SortByName.
func SortKey(name string) string { return people.NameKey(name) }

// Compare orders services by name the Norwegian way, then by ID, for
// slices.SortFunc.
func Compare(a, b *Service) int {
	if c := people.CompareNames(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
