package demo_test

import (
	"context"
	"testing"

	"stafett/internal/demo"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestSeedCompetence checks that the demo has a network with courses this year and a
// unit resting on one person for a need, with a holder in the neighbour municipality.
func TestSeedCompetence(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		res, err := demo.Seed(ctx, db, "hash")
		if err != nil {
			t.Fatal(err)
		}
		admin, _ := res.Account("kommune.admin")
		roles, err := db.ListRoles(ctx, admin.ID)
		if err != nil {
			t.Fatal(err)
		}
		p := &people.Principal{User: people.User{ID: admin.ID, Name: admin.Name, Active: true}, Roles: roles, SecondFactor: true}
		risks, err := db.ListRisks(ctx, p, res.Municipality.ID)
		if err != nil {
			t.Fatal(err)
		}
		one := false
		for _, r := range risks {
			if r.UnitID == res.Units["fjordvik_skole"].ID && len(r.Holders) == 1 && r.MinPeople == 2 && len(r.Neighbours) == 1 {
				one = true
			}
		}
		if !one {
			t.Errorf("no one-person risk at Fjordvik skole with a neighbour: %+v", risks)
		}
		now := db.Now()
		rep, err := db.CourseReport(ctx, p, res.Municipality.ID, "", now.AddDate(-1, 0, 0).Format("2006-01-02"), now.Format("2006-01-02"))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total.Courses < 2 || rep.Total.Centi == 0 {
			t.Errorf("the year's report of Fjordvik = %+v", rep.Total)
		}
		if _, ok := res.Account("nettverk.koordinator"); !ok {
			t.Error("no network coordinator account")
		}
	})
}
