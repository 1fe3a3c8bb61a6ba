package store_test

import (
	"context"
	"fmt"
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
			if err := db.CreateUnit(ctx, people.System(), &u); err != nil {
				t.Fatal(err)
			}
			for i, name := range names {
				p := people.User{Email: m.Number + unitName[:2] + string(rune('a'+i)) + "@example.no", Name: name}
				if err := db.CreateUser(ctx, people.System(), &p, "hash"); err != nil {
					t.Fatal(err)
				}
				if err := db.GrantRole(ctx, people.System(), p.ID, &people.Role{Role: people.Employee, MunicipalityID: m.ID, UnitID: u.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		staff(m, "Åsgården skole", "Øyvind Ærø", "Kari Nordmann")
		staff(m, "Eik skole", "Åse Bjørnstad", "A\u030asmund Berg") // Å typed as A and a ring
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
				"øyvind":    {"Øyvind Ærø / Åsgården skole"},
				"ØYVIND":    {"Øyvind Ærø / Åsgården skole"},
				"ærø":       {"Øyvind Ærø / Åsgården skole"},
				"åse":       {"Åse Bjørnstad / Eik skole"},
				"åsmund":    {"A\u030asmund Berg / Eik skole"},
				"A\u030aSE": {"Åse Bjørnstad / Eik skole"},
				"BJØRN":     {"Åse Bjørnstad / Eik skole"},
				"åsgården":  {"Kari Nordmann / Åsgården skole", "Øyvind Ærø / Åsgården skole"},
				"østby":     nil, // another municipality's staff
				"ørsnes":    nil,
			} {
				if got := names(q); !slices.Equal(got, want) {
					t.Errorf("%s: search %q = %q, want %q", when, q, got, want)
				}
			}
		}
		check("new names")

		// Many names, loaded in bulk as stafett gen does: folded too, and folded again
		// in more than one batch below.
		const many = 1201
		at := db.Now().UTC()
		unit := org.Unit{ID: "u-many", MunicipalityID: m.ID, Name: "Ørnås barnehage", Kind: org.Kindergarten, CreatedAt: at}
		var users []people.User
		var roles []store.UserRole
		for i := range many {
			id := fmt.Sprintf("many-%04d", i)
			users = append(users, people.User{ID: id, Email: id + "@example.no", Name: fmt.Sprintf("Ærlig Ås %04d", i), Active: true, CreatedAt: at})
			roles = append(roles, store.UserRole{UserID: id, CreatedAt: at, Role: people.Role{Role: people.Employee, MunicipalityID: m.ID, UnitID: unit.ID}})
		}
		b, err := db.BeginBulk(ctx, store.BulkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []func() error{
			func() error { return b.Units(ctx, []org.Unit{unit}) },
			func() error { return b.Users(ctx, users, "hash") },
			func() error { return b.Roles(ctx, roles) },
		} {
			if err := step(); err != nil {
				b.Abort()
				t.Fatal(err)
			}
		}
		if err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		countMany := func(when string) {
			t.Helper()
			for _, q := range []string{"ærlig", "ØRNÅS"} {
				if found, err := db.SearchStaff(ctx, m.ID, q, 2*many); err != nil || len(found) != many {
					t.Errorf("%s: search %q found %d (%v), want %d", when, q, len(found), err, many)
				}
			}
		}
		countMany("bulk-loaded names")

		// Names stored before migration 0011, or by an older server during an upgrade,
		// have an empty name_search until the server folds them as it starts.
		for _, table := range []string{"users", "units"} {
			if err := db.ExecForTest(ctx, `UPDATE `+table+` SET name_search = ''`); err != nil {
				t.Fatal(err)
			}
		}
		if got := names("øyvind"); got != nil {
			t.Fatalf("search with the folded names cleared = %q, want none", got)
		}
		if err := db.Migrate(ctx); err != nil { // as when the server starts
			t.Fatal(err)
		}
		check("names folded when the server starts")
		countMany("names folded when the server starts")
	})
}
