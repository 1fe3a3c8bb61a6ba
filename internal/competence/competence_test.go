package competence

import (
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	got := Tokens("Traumebevisst OMSORG, omsorg – ÆRLIG Økt Århus Café")
	want := []string{"århus", "cafe", "ærlig", "økt", "omsorg", "traumebevisst"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("Tokens = %q, want %q", got, want)
	}
}

func TestMatches(t *testing.T) {
	a := Area{Name: "Traumebevisst omsorg", Description: "Trygg omsorg for barn på Øya"}
	text := a.SearchText()
	cases := []struct {
		q    string
		want bool
	}{
		{"omsorg traume", true},
		{"OMSORG TRAUMEBEVISST", true},
		{"øya", true},
		{"ØYA barn", true},
		{"traume rus", false},
		{"bevisst", false},
		{"", false},
	}
	for _, c := range cases {
		if got := Matches(text, Tokens(c.q)); got != c.want {
			t.Errorf("Matches(%q, %q) = %v", text, c.q, got)
		}
	}
}

func TestValidateNeeds(t *testing.T) {
	err := ValidateNeeds([]Need{{AreaID: "a", MinPeople: 2}, {AreaID: "a", MinPeople: 0}, {MinPeople: 1}})
	if err == nil || !strings.Contains(err.Error(), "needs.1.area_id=taken") || !strings.Contains(err.Error(), "needs.1.min_people=range") ||
		!strings.Contains(err.Error(), "needs.2.area_id=required") {
		t.Fatalf("err = %v", err)
	}
	if err := ValidateNeeds([]Need{{AreaID: "a", MinPeople: 2}}); err != nil {
		t.Fatal(err)
	}
}

func TestRankRisks(t *testing.T) {
	h := func(n int) []Holder { return make([]Holder, n) }
	rs := []Risk{
		{UnitName: "B", AreaName: "x", MinPeople: 2, Holders: h(1)},
		{UnitName: "A", AreaName: "y", MinPeople: 3, Holders: h(1)},
		{UnitName: "C", AreaName: "z", MinPeople: 1, Holders: h(1)}, // enough
		{UnitName: "D", AreaName: "w", MinPeople: 1, Holders: h(0)}, // a gap
		{UnitName: "E", AreaName: "v", MinPeople: 4, Holders: h(2)},
	}
	got := RankRisks(rs, strings.Compare)
	var names []string
	for _, r := range got {
		names = append(names, r.UnitName)
	}
	if want := []string{"D", "A", "B", "E"}; !slices.Equal(names, want) {
		t.Fatalf("order = %v, want %v", names, want)
	}
}
