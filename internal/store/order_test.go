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

// Lists of names come in Norwegian order on both databases: Æ, Ø, Å after Z, case
// only between equal names, where SQLite's byte order would put Å before Æ and every
// capital before "aktivitetshuset".
func TestListsInNorwegianOrder(t *testing.T) {
	ctx := context.Background()
	names := []string{"Åsen skole", "Øvre barnehage", "Ærlig helsestasjon", "Zebra barnehage", "aktivitetshuset", "Bø skole"}
	want := []string{"aktivitetshuset", "Bø skole", "Zebra barnehage", "Ærlig helsestasjon", "Øvre barnehage", "Åsen skole"}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		m := mustMunicipality(t, db, "4003", "Skien")
		for i, name := range names {
			if err := db.CreateUnit(ctx, people.System(), &org.Unit{MunicipalityID: m.ID, Name: name, Kind: org.School}); err != nil {
				t.Fatal(err)
			}
			u := people.User{Email: fmt.Sprintf("u%d@example.no", i), Name: name, HomeMunicipalityID: m.ID}
			if err := db.CreateUser(ctx, people.System(), &u, "hash"); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("Units", func(t *testing.T) {
			units, err := db.ListUnits(ctx, m.ID)
			var got []string
			for _, u := range units {
				got = append(got, u.Name)
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("ListUnits = %q, %v; want %q", got, err, want)
			}
		})
		t.Run("Users", func(t *testing.T) {
			users, err := db.ListUsers(ctx, m.ID)
			var got []string
			for _, u := range users {
				got = append(got, u.Name)
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("ListUsers = %q, %v; want %q", got, err, want)
			}
		})
	})
}
