package store_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/indicators"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// principal signs u in with the roles the world gave them and a second factor.
func indicatorPrincipal(u people.User, roles ...people.Role) *people.Principal {
	return &people.Principal{User: u, Roles: roles, SecondFactor: true}
}

// shown is v's number, -1 when there is none (suppressed or nothing to compute).
func shown(v indicators.Value) float64 {
	if v.Value == nil {
		return -1
	}
	return *v.Value
}

func indicatorWorld(t *testing.T, db *store.DB) (*storetest.IndicatorWorld, map[string]*people.Principal) {
	db.Now = func() time.Time { return storetest.IndicatorNow }
	w := storetest.BuildIndicatorWorld(t, db, "hash")
	ps := map[string]*people.Principal{
		"adminA":   indicatorPrincipal(w.AdminAlpha, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Alpha.ID}),
		"adminB":   indicatorPrincipal(w.AdminBeta, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Beta.ID}),
		"adminOut": indicatorPrincipal(w.AdminOutside, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Outside.ID}),
		"leaderA":  indicatorPrincipal(w.LeaderAlpha, people.Role{Role: people.UnitLeader, MunicipalityID: w.Alpha.ID, UnitID: w.Alpha1.ID}),
		"empA":     indicatorPrincipal(w.EmployeeAlpha, people.Role{Role: people.Employee, MunicipalityID: w.Alpha.ID, UnitID: w.Alpha1.ID}),
		"sys":      indicatorPrincipal(people.User{ID: "sys"}, people.Role{Role: people.SystemAdmin}),
	}
	return w, ps
}

func TestMunicipalityIndicators(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, ps := indicatorWorld(t, db)
		got, err := db.GetMunicipalityIndicators(ctx, ps["adminA"], w.Alpha.ID, storetest.IndicatorFrom, storetest.IndicatorTo)
		if err != nil {
			t.Fatal(err)
		}
		want := map[indicators.Key]float64{
			indicators.UndringerOpened: 21, indicators.LogsOpened: 18, indicators.LogsClosed: 4, indicators.ClosedGoalReached: 3,
			indicators.ActiveLevel1: 8, indicators.ActiveLevel2: 5, indicators.ActiveLevel3: 2,
			indicators.UndringDecisionDaysMedian: 3, indicators.UndringDecidedOnTimeShare: 0.7,
			indicators.MeasuresEvaluatedOnTimeShare: 0.5, indicators.TransfersAccepted: 3,
			indicators.TransferAcceptDaysMedian: 4, indicators.ConsentsLapsedWhileActive: 1, indicators.FamilyEntriesShare: 0.2,
		}
		for _, k := range indicators.Keys() {
			v := got.Values[k]
			if shown(v) != want[k] || v.Suppressed {
				t.Errorf("%s = %v (suppressed %v), want %v", k, shown(v), v.Suppressed, want[k])
			}
		}
		if v := got.Values[indicators.UndringDecidedOnTimeShare]; v.Numerator == nil || *v.Numerator != 14 || *v.Denominator != 20 {
			t.Errorf("on-time share parts = %+v, want 14 of 20", v)
		}
		if got.Municipality.Name != "Alfheim" || got.From != storetest.IndicatorFrom || !got.AsOf.Equal(storetest.IndicatorNow) {
			t.Errorf("header = %+v %v %v", got.Municipality, got.From, got.AsOf)
		}
		// Alpha2 has 2 cases: held back from the administrator, and Alpha1 with it,
		// or Alpha2 would be the municipality less Alpha1.
		if len(got.Units) != 0 {
			t.Errorf("administrator sees units %v apart", got.Units)
		}
		// The leader of Alpha1 sees it in detail, and nothing of Alpha2.
		led, err := db.GetMunicipalityIndicators(ctx, ps["leaderA"], w.Alpha.ID, storetest.IndicatorFrom, storetest.IndicatorTo)
		if err != nil {
			t.Fatal(err)
		}
		if len(led.Units) != 1 || led.Units[0].Unit.ID != w.Alpha1.ID || shown(led.Units[0].Values[indicators.ActiveLevel1]) != 7 {
			t.Errorf("leader's units = %+v", led.Units)
		}
		if shown(led.Values[indicators.ActiveLevel1]) != 8 {
			t.Errorf("leader's municipality level 1 = %v", shown(led.Values[indicators.ActiveLevel1]))
		}
		// Beta's own 3 shows in Beta's own view.
		beta, err := db.GetMunicipalityIndicators(ctx, ps["adminB"], w.Beta.ID, storetest.IndicatorFrom, storetest.IndicatorTo)
		if err != nil {
			t.Fatal(err)
		}
		if shown(beta.Values[indicators.ActiveLevel2]) != 3 {
			t.Errorf("Beta's own level 2 = %v, want 3", shown(beta.Values[indicators.ActiveLevel2]))
		}
		// The read is audited.
		evs, err := db.ListAdminAudit(ctx, indicatorPrincipal(people.User{ID: "sys"}, people.Role{Role: people.SystemAdmin}), audit.AdminFilter{MunicipalityID: w.Alpha.ID})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range evs {
			if e.Action == audit.ReadMunicipalityIndicators && e.TargetID == w.Alpha.ID {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d audit records of reading Alpha's indicators, want 2", n)
		}
	})
}

func TestMunicipalityIndicatorsRefused(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, ps := indicatorWorld(t, db)
		for _, c := range []struct {
			name string
			p    *people.Principal
			mid  string
			code fault.Code
		}{
			{"Anonymous", nil, w.Alpha.ID, fault.Unauthenticated},
			{"Employee", ps["empA"], w.Alpha.ID, fault.Forbidden},
			{"SystemAdmin", ps["sys"], w.Alpha.ID, fault.Forbidden},
			{"OtherMunicipality", ps["adminB"], w.Alpha.ID, fault.NotFound},
			{"Unknown", ps["adminA"], "nope", fault.NotFound},
			{"NoSecondFactor", &people.Principal{User: w.AdminAlpha, Roles: ps["adminA"].Roles}, w.Alpha.ID, fault.SecondFactorRequired},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := db.GetMunicipalityIndicators(ctx, c.p, c.mid, storetest.IndicatorFrom, storetest.IndicatorTo)
				if !fault.Is(err, c.code) {
					t.Errorf("err = %v, want %s", err, c.code)
				}
			})
		}
		_, err := db.GetMunicipalityIndicators(ctx, ps["adminA"], w.Alpha.ID, "2026-12-01", "2026-01-01")
		if !fault.Is(err, fault.Invalid) {
			t.Errorf("reversed period: %v", err)
		}
	})
}

func TestNetworkIndicators(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, ps := indicatorWorld(t, db)
		byName := func(n *store.NetworkIndicators) map[string]store.MemberIndicators {
			out := map[string]store.MemberIndicators{}
			for _, m := range n.Members {
				out[m.Municipality.Name] = m
			}
			return out
		}
		// Seen from Alpha: Beta's 3 at level 2 is hidden, and so is Gamma's 9 with
		// it, so that 17 − 5 leaves two unknowns.
		n, err := db.GetNetworkIndicators(ctx, ps["adminA"], w.Network.ID, storetest.IndicatorFrom, storetest.IndicatorTo)
		if err != nil {
			t.Fatal(err)
		}
		m := byName(n)
		if len(n.Members) != 3 || !m["Alfheim"].Own || m["Bergtun"].Own {
			t.Fatalf("members = %+v", n.Members)
		}
		l2 := indicators.ActiveLevel2
		if v := m["Bergtun"].Values[l2]; !v.Suppressed || v.Value != nil {
			t.Errorf("Beta's 3 at level 2 shows to Alpha: %+v", v)
		}
		if v := m["Granly"].Values[l2]; !v.Suppressed {
			t.Errorf("Gamma's level 2 shows, so Beta's is the total less the others: %+v", v)
		}
		if shown(m["Alfheim"].Values[l2]) != 5 || shown(n.Total[l2]) != 17 {
			t.Errorf("Alpha %v, total %v; want 5, 17", shown(m["Alfheim"].Values[l2]), shown(n.Total[l2]))
		}
		if shown(m["Bergtun"].Values[indicators.ActiveLevel1]) != 7 || shown(n.Total[indicators.ActiveLevel1]) != 23 {
			t.Errorf("level 1: Beta %v, total %v", shown(m["Bergtun"].Values[indicators.ActiveLevel1]), shown(n.Total[indicators.ActiveLevel1]))
		}
		// Seen from Beta: its own 3 shows; Alpha's 2 at level 3 and Gamma's 6 hidden.
		n, err = db.GetNetworkIndicators(ctx, ps["adminB"], w.Network.ID, storetest.IndicatorFrom, storetest.IndicatorTo)
		if err != nil {
			t.Fatal(err)
		}
		m = byName(n)
		if shown(m["Bergtun"].Values[l2]) != 3 {
			t.Errorf("Beta's own 3 = %v", shown(m["Bergtun"].Values[l2]))
		}
		l3 := indicators.ActiveLevel3
		if !m["Alfheim"].Values[l3].Suppressed || !m["Granly"].Values[l3].Suppressed || shown(n.Total[l3]) != 8 {
			t.Errorf("level 3 from Beta: Alpha %+v Gamma %+v total %v", m["Alfheim"].Values[l3], m["Granly"].Values[l3], shown(n.Total[l3]))
		}
		// Alpha's 4 closed logs are the network's only ones: the total is hidden too.
		if !m["Alfheim"].Values[indicators.LogsClosed].Suppressed || !n.Total[indicators.LogsClosed].Suppressed {
			t.Errorf("closed: Alpha %+v total %+v", m["Alfheim"].Values[indicators.LogsClosed], n.Total[indicators.LogsClosed])
		}
		// A partner's share shows as a number only, without its parts.
		if v := m["Alfheim"].Values[indicators.UndringDecidedOnTimeShare]; shown(v) != 0.7 || v.Numerator != nil || v.Denominator != nil {
			t.Errorf("Alpha's share seen from Beta = %+v", v)
		}
		for _, c := range []struct {
			name string
			p    *people.Principal
			nid  string
			code fault.Code
		}{
			{"Anonymous", nil, w.Network.ID, fault.Unauthenticated},
			{"Employee", ps["empA"], w.Network.ID, fault.Forbidden},
			{"SystemAdmin", ps["sys"], w.Network.ID, fault.Forbidden},
			{"OutsideTheNetwork", ps["adminOut"], w.Network.ID, fault.NotFound},
			{"LeaderIsNotTheNetwork", ps["leaderA"], w.Network.ID, fault.NotFound},
			{"Unknown", ps["adminA"], "nope", fault.NotFound},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := db.GetNetworkIndicators(ctx, c.p, c.nid, storetest.IndicatorFrom, storetest.IndicatorTo)
				if !fault.Is(err, c.code) {
					t.Errorf("err = %v, want %s", err, c.code)
				}
			})
		}
	})
}
