package demo_test

import (
	"context"
	"testing"

	"stafett/internal/demo"
	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestSeedIndicators checks that the demo's network shows suppression at work:
// Havbygd's 3 undringer are "under 5" to Fjordvik's administrator, who sees
// Fjordvik's own numbers, outcome figures and Fjordvik's published indicators.
func TestSeedIndicators(t *testing.T) {
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
		ns, err := db.ListNetworks(ctx, res.Municipality.ID)
		if err != nil || len(ns) != 1 {
			t.Fatalf("networks %v %v", ns, err)
		}
		to := logbook.DateOf(db.Now())
		from := logbook.Date(string(to)[:4] + "-01-01")
		got, err := db.GetNetworkIndicators(ctx, p, ns[0].ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range got.Members {
			v := m.Values[indicators.UndringerOpened]
			switch {
			case m.Own && (v.Value == nil || *v.Value < 4):
				t.Errorf("Fjordvik's own undringer = %+v", v)
			case !m.Own && (!v.Suppressed || v.Value != nil):
				t.Errorf("%s's undringer seen from Fjordvik = %+v, want under 5", m.Municipality.Name, v)
			}
		}
		outs, err := db.NetworkOutcomes(ctx, p, ns[0].ID)
		if err != nil || len(outs) < 5 {
			t.Errorf("outcomes %d %v", len(outs), err)
		}
		if _, err := db.GetPublicIndicators(ctx, res.Municipality.Number, from, to); err != nil {
			t.Errorf("public: %v", err)
		}
	})
}
