package catalog

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/fault"
)

func valid() Service {
	return Service{MunicipalityID: "m", Name: "Foreldreveiledning ICDP", Description: "Åtte samlinger for foreldre.",
		TargetGroup: "Foreldre til barn 0–18 år", MinAge: 0, MaxAge: 18, Levels: []int{2, 1}, UnitID: "u1",
		Contact: "familiesenteret@kommune.no", HowToAccess: "Ta kontakt selv.", Keywords: []string{"samspill", " Samspill ", "", "foreldre  veiledning"}}
}

// fieldsOf returns the field codes of a validation error, nil for none.
func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Code != fault.Invalid {
		t.Fatalf("err = %v, want a validation error", err)
	}
	return fe.Fields
}

func TestServiceValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Service)
		want   map[string]string
	}{
		{"OK", func(*Service) {}, nil},
		{"SameAges", func(s *Service) { s.MinAge, s.MaxAge = 6, 6 }, nil},
		{"AgeBounds", func(s *Service) { s.MinAge, s.MaxAge = 0, 25 }, nil},
		{"AllLevels", func(s *Service) { s.Levels = []int{3, 2, 1, 2} }, nil},
		{"BlankName", func(s *Service) { s.Name = "  \n" }, map[string]string{"name": "required"}},
		{"LongName", func(s *Service) { s.Name = strings.Repeat("æ", MaxNameLen+1) }, map[string]string{"name": "too_long"}},
		{"NameAtLimitInRunes", func(s *Service) { s.Name = strings.Repeat("ø", MaxNameLen) }, nil},
		{"ControlInDescription", func(s *Service) { s.Description = "a\x00b" }, map[string]string{"description": "invalid"}},
		{"NoDescription", func(s *Service) { s.Description = "" }, map[string]string{"description": "required"}},
		{"LongDescription", func(s *Service) { s.Description = strings.Repeat("x", MaxDescriptionLen+1) }, map[string]string{"description": "too_long"}},
		{"NoTargetGroup", func(s *Service) { s.TargetGroup = "" }, map[string]string{"target_group": "required"}},
		{"NoContact", func(s *Service) { s.Contact = " " }, map[string]string{"contact": "required"}},
		{"NoHowToAccess", func(s *Service) { s.HowToAccess = "" }, map[string]string{"how_to_access": "required"}},
		{"NegativeMinAge", func(s *Service) { s.MinAge = -1 }, map[string]string{"min_age": "range"}},
		{"MaxAgeAbove25", func(s *Service) { s.MaxAge = 26 }, map[string]string{"max_age": "range"}},
		{"MinAboveMax", func(s *Service) { s.MinAge, s.MaxAge = 12, 6 }, map[string]string{"max_age": "range"}},
		{"NoLevels", func(s *Service) { s.Levels = nil }, map[string]string{"levels": "required"}},
		{"LevelZero", func(s *Service) { s.Levels = []int{0, 1} }, map[string]string{"levels": "range"}},
		{"LevelFour", func(s *Service) { s.Levels = []int{4} }, map[string]string{"levels": "range"}},
		{"NoUnit", func(s *Service) { s.UnitID = " " }, map[string]string{"unit_id": "required"}},
		{"LongUnit", func(s *Service) { s.UnitID = strings.Repeat("u", MaxIDLen+1) }, map[string]string{"unit_id": "too_long"}},
		{"TooManyKeywords", func(s *Service) {
			s.Keywords = nil
			for i := range MaxKeywords + 1 {
				s.Keywords = append(s.Keywords, strings.Repeat("k", i+1))
			}
		}, map[string]string{"keywords": "too_long"}},
		{"LongKeyword", func(s *Service) { s.Keywords = []string{strings.Repeat("k", MaxKeywordLen+1)} }, map[string]string{"keywords": "too_long"}},
		{"Several", func(s *Service) { s.Name, s.MaxAge, s.Levels = "", 30, []int{} },
			map[string]string{"name": "required", "max_age": "range", "levels": "required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := valid()
			tt.change(&s)
			got := fieldsOf(t, s.Validate())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestServiceNormalize(t *testing.T) {
	s := valid()
	s.Name = "  Foreldreveiledning ICDP \n"
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Name != "Foreldreveiledning ICDP" {
		t.Errorf("name = %q", s.Name)
	}
	if !slices.Equal(s.Levels, []int{1, 2}) {
		t.Errorf("levels = %v, want [1 2]", s.Levels)
	}
	if !slices.Equal(s.Keywords, []string{"samspill", "foreldre veiledning"}) {
		t.Errorf("keywords = %q", s.Keywords)
	}
	if !s.HasLevel(2) || s.HasLevel(3) || !s.ForAge(0) || !s.ForAge(18) || s.ForAge(19) {
		t.Errorf("HasLevel/ForAge wrong for %v %d–%d", s.Levels, s.MinAge, s.MaxAge)
	}
	if got := s.SearchText(); !strings.Contains(got, "foreldreveiledning icdp") || !strings.Contains(got, "foreldre til barn 0–18 år") ||
		!strings.Contains(got, "foreldre veiledning") {
		t.Errorf("search text = %q", got)
	}
	s.Name = "ÆRLIGE ØYEBLIKK PÅ ÅSEN"
	if got := s.SearchText(); !strings.HasPrefix(got, "ærlige øyeblikk på åsen\n") {
		t.Errorf("search text does not lower æøå: %q", got)
	}
}

func TestParseFilter(t *testing.T) {
	age := func(n int) *int { return &n }
	tests := []struct {
		name   string
		query  map[string]string
		want   Filter
		fields map[string]string
	}{
		{"Empty", nil, Filter{}, nil},
		{"All", map[string]string{"age": " 7 ", "level": "2", "q": "  Søvn  ", "unit": "u1"}, Filter{Age: age(7), Level: 2, Query: "Søvn", UnitID: "u1"}, nil},
		{"AgeZero", map[string]string{"age": "0"}, Filter{Age: age(0)}, nil},
		{"AgeNotNumber", map[string]string{"age": "sju"}, Filter{}, map[string]string{"age": "format"}},
		{"AgeRange", map[string]string{"age": "26"}, Filter{}, map[string]string{"age": "range"}},
		{"NegativeAge", map[string]string{"age": "-1"}, Filter{}, map[string]string{"age": "range"}},
		{"LevelNotNumber", map[string]string{"level": "to"}, Filter{}, map[string]string{"level": "format"}},
		{"LevelZero", map[string]string{"level": "0"}, Filter{}, nil}, // 0 is "any level"
		{"LevelFour", map[string]string{"level": "4"}, Filter{}, map[string]string{"level": "range"}},
		{"LongQuery", map[string]string{"q": strings.Repeat("å", MaxQueryLen+1)}, Filter{}, map[string]string{"q": "too_long"}},
		{"ManyWords", map[string]string{"q": strings.Repeat("a b c ", 3)}, Filter{Query: "a b c a b c a b c"}, nil}, // repeated words count once
		{"TooManyWords", map[string]string{"q": "a b c d e f g h i"}, Filter{}, map[string]string{"q": "too_long"}},
		{"ControlInQuery", map[string]string{"q": "a\x01"}, Filter{}, map[string]string{"q": "invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFilter(func(k string) string { return tt.query[k] })
			got := fieldsOf(t, err)
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Fatalf("fields (-want +got):\n%s", diff)
			}
			if err == nil {
				if diff := cmp.Diff(tt.want, f); diff != "" {
					t.Errorf("filter (-want +got):\n%s", diff)
				}
			}
		})
	}
	f := Filter{Query: "Søvn  SØVN barnehage"}
	if got := f.Words(); !slices.Equal(got, []string{"søvn", "barnehage"}) {
		t.Errorf("words = %q", got)
	}
}

func TestSortKey(t *testing.T) {
	names := []string{"Åpen dør", "aktivitetskort", "Øyeblikk", "Zumba", "Ærlig talt", "Barnegruppe"}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(SortKey(a), SortKey(b)) })
	want := []string{"aktivitetskort", "Barnegruppe", "Zumba", "Ærlig talt", "Øyeblikk", "Åpen dør"}
	if !slices.Equal(names, want) {
		t.Errorf("order = %q, want %q", names, want)
	}
}
