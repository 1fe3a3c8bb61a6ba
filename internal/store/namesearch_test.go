package store_test

import (
	"context"
	"slices"
	"testing"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestSearchStaffNorwegianLetters: a staff search ignores case in Æ, Ø and Å as
// in A to Z, in people's names and units' names, on both databases, also for
// names stored before the folded column existed.
func TestSearchStaffNorwegianLetters(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m := mustMunicipality(t, db, "3905", "Tønsberg")
		other := mustMunicipality(t, db, "3907", "Sandefjord")
		staff := func(m *org.Municipality, unitName string, names ...string) {
			u := org.Unit{MunicipalityID: m.ID, Name: unitName, Kind: org.School}
			if err := db.CreateUnit(ctx, &u); err != nil {
				t.Fatal(err)
			}
			for i, name := range names {
				p := people.User{Email: m.Number + unitName[:2] + string(rune('a'+i)) + "@example.no", Name: name}
				if err := db.CreateUser(ctx, &p, "hash"); err != nil {
					t.Fatal(err)
				}
				if err := db.AddRole(ctx, p.ID, &people.Role{Role: people.Employee, MunicipalityID: m.ID, UnitID: u.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		staff(m, "Åsgården skole", "Øyvind Ærø", "Kari Nordmann")
		staff(m, "Eik skole", "Åse Bjørnstad")
		staff(other, "Ørsnes skole", "Øyvind Østby")

		names := func(q string) []string {
			t.Helper()
			found, err := db.SearchStaff(ctx, m.ID, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, s := range found {
				out = append(out, s.Name+" / "+s.UnitName)
			}
			return out
		}
		check := func(when string) {
			t.Helper()
			for q, want := range map[string][]string{
				"øyvind":   {"Øyvind Ærø / Åsgården skole"},
				"ØYVIND":   {"Øyvind Ærø / Åsgården skole"},
				"ærø":      {"Øyvind Ærø / Åsgården skole"},
				"åse":      {"Åse Bjørnstad / Eik skole"},
				"BJØRN":    {"Åse Bjørnstad / Eik skole"},
				"åsgården": {"Kari Nordmann / Åsgården skole", "Øyvind Ærø / Åsgården skole"},
				"østby":    nil, // another municipality's staff
				"ørsnes":   nil,
			} {
				if got := names(q); !slices.Equal(got, want) {
					t.Errorf("%s: search %q = %q, want %q", when, q, got, want)
				}
			}
		}
		check("new names")

		// Names stored before migration 0011 have an empty name_search until it fills them.
		for _, table := range []string{"users", "units"} {
			if err := db.ExecForTest(ctx, `UPDATE `+table+` SET name_search = ''`); err != nil {
				t.Fatal(err)
			}
		}
		if got := names("øyvind"); got != nil {
			t.Fatalf("search with the folded names cleared = %q, want none", got)
		}
		if err := db.FoldNamesForTest(ctx); err != nil {
			t.Fatal(err)
		}
		check("names folded by the migration")
	})
}
