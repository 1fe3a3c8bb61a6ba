package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestListAdminAudit checks who reads which administrative records.
func TestListAdminAudit(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setUp := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
		now := setUp
		db.Now = func() time.Time { return now }
		w := newAdminWorld(t, db)
		ten, eleven, noon := setUp.Add(2*time.Hour), setUp.Add(3*time.Hour), setUp.Add(4*time.Hour)
		now = ten
		ua := org.Unit{MunicipalityID: w.a.ID, Name: "Stridsklev skole", Kind: org.School}
		must(t, db.CreateUnit(ctx, w.adminA, &ua))
		now = eleven
		ub := org.Unit{MunicipalityID: w.b.ID, Name: "Klyve skole", Kind: org.School}
		must(t, db.CreateUnit(ctx, w.adminB, &ub))
		now = noon
		n := org.Network{Name: "Grenland", MunicipalityIDs: []string{w.a.ID, w.b.ID}}
		must(t, db.CreateNetwork(ctx, w.sys, &n))

		unitA := audit.AdminEvent{At: ten, ActorID: w.adminA.User.ID, ActorName: "Anne Admin", Action: audit.CreateUnit,
			TargetType: audit.TargetUnit, TargetID: ua.ID, MunicipalityID: w.a.ID}
		unitB := audit.AdminEvent{At: eleven, ActorID: w.adminB.User.ID, ActorName: "Per Admin", Action: audit.CreateUnit,
			TargetType: audit.TargetUnit, TargetID: ub.ID, MunicipalityID: w.b.ID}
		network := audit.AdminEvent{At: noon, ActorID: w.sys.User.ID, ActorName: "Drift", Action: audit.CreateNetwork,
			TargetType: audit.TargetNetwork, TargetID: n.ID}
		cases := []struct {
			name string
			p    *people.Principal
			f    audit.AdminFilter
			want []audit.AdminEvent
		}{
			{"SystemAdminAll", w.sys, audit.AdminFilter{From: ten}, []audit.AdminEvent{unitA, unitB, network}},
			{"SystemAdminOne", w.sys, audit.AdminFilter{MunicipalityID: w.b.ID, From: ten}, []audit.AdminEvent{unitB}},
			{"MunicipalityAdminOwn", w.adminA, audit.AdminFilter{From: ten}, []audit.AdminEvent{unitA}},
			{"MunicipalityAdminNamed", w.adminB, audit.AdminFilter{MunicipalityID: w.b.ID, From: ten}, []audit.AdminEvent{unitB}},
			{"ToIsExclusive", w.sys, audit.AdminFilter{From: ten, To: noon}, []audit.AdminEvent{unitA, unitB}},
			{"Empty", w.adminA, audit.AdminFilter{From: eleven, To: noon}, []audit.AdminEvent{}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := db.ListAdminAudit(ctx, c.p, c.f)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("records (-want +got):\n%s", diff)
				}
			})
		}
		t.Run("SetUpBySystem", func(t *testing.T) {
			got, err := db.ListAdminAudit(ctx, w.adminA, audit.AdminFilter{To: ten})
			if err != nil {
				t.Fatal(err)
			}
			// Skien's creation and guide, its unit, and its four people (created, and
			// three given a role) were set up by Stafett itself.
			if len(got) != 10 {
				t.Errorf("set-up records of Skien = %d, want 10: %+v", len(got), got)
			}
			for _, e := range got {
				if e.ActorID != people.SystemActorID || e.ActorName != "" || e.MunicipalityID != w.a.ID || !e.At.Equal(setUp) {
					t.Errorf("set-up record %+v, want one by the system in Skien at %v", e, setUp)
				}
			}
		})
		for _, c := range []struct {
			name string
			p    *people.Principal
			mid  string
			code fault.Code
		}{
			{"OtherMunicipality", w.adminA, w.b.ID, fault.Forbidden},
			{"UnknownMunicipality", w.adminA, "finnes-ikke", fault.NotFound},
			{"Leader", w.leader, "", fault.Forbidden},
			{"LeaderOwnMunicipality", w.leader, w.a.ID, fault.Forbidden},
			{"Employee", w.staff, "", fault.Forbidden},
			{"Anonymous", nil, "", fault.Unauthenticated},
		} {
			t.Run(c.name, func(t *testing.T) {
				got, err := db.ListAdminAudit(ctx, c.p, audit.AdminFilter{MunicipalityID: c.mid})
				if !fault.Is(err, c.code) || got != nil {
					t.Errorf("= %v, %v; want nothing and %s", got, err, c.code)
				}
			})
		}
	})
}
