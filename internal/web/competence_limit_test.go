package web_test

import (
	"context"
	"fmt"
	"testing"

	"stafett/internal/competence"
	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

type searchHits struct {
	People []struct {
		UserID string      `json:"user_id"`
		Name   string      `json:"name"`
		Unit   webtest.Ref `json:"unit"`
		Areas  []struct {
			Level    string `json:"level"`
			Verified bool   `json:"verified"`
		} `json:"areas"`
	} `json:"people"`
}

// TestCompetenceSearchLimit: when more than a hundred people match, the hundred shown
// are chosen in the database with the verified and most skilled kept: of 104 holders of
// MI at Myren skole (three verified, one of them expert, and two self-reported experts)
// the search returns 100, all five of those among them, the verified first.
func TestCompetenceSearchLimit(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		ctx := context.Background()
		mi := w.areaID(w.as(fx.EmployeeA), fx.A.ID, "Motiverende intervju (MI)")
		leaderRoles, err := h.DB.ListRoles(ctx, fx.LeaderA.ID)
		if err != nil {
			t.Fatal(err)
		}
		leader := &people.Principal{User: fx.LeaderA, Roles: leaderRoles}
		want := map[string]bool{}
		for i := range 104 {
			u := w.user(fmt.Sprintf("mi%03d@skien.no", i), fmt.Sprintf("Ansatt %03d", i), fx.A.ID, people.Role{Role: people.Employee, UnitID: fx.UnitA.ID})
			c := &competence.Competence{UserID: u.ID, AreaID: mi, Level: competence.Basic}
			by := &people.Principal{User: u, Roles: people.Roles{{Role: people.Employee, MunicipalityID: fx.A.ID, UnitID: fx.UnitA.ID}}}
			switch {
			case i >= 101: // verified by the leader; the last an expert
				by = leader
				if i == 103 {
					c.Level = competence.Expert
				}
				want[u.ID] = true
			case i >= 99: // self-reported experts
				c.Level = competence.Expert
				want[u.ID] = true
			}
			if err := h.DB.AddCompetence(ctx, by, c); err != nil {
				t.Fatal(err)
			}
		}
		res := webtest.Decode[searchHits](t, w.want(h.Do("GET", "/api/v1/competence/search?q=mi", w.as(fx.EmployeeA2), nil), 200, "search"))
		if len(res.People) != 100 {
			t.Fatalf("%d hits, want 100", len(res.People))
		}
		found := 0
		for i, p := range res.People {
			if want[p.UserID] {
				found++
			}
			if i < 3 && (len(p.Areas) != 1 || !p.Areas[0].Verified) {
				t.Errorf("hit %d (%s) is not verified: %+v", i, p.Name, p.Areas)
			}
		}
		if found != 5 {
			t.Errorf("%d of the 5 verified or expert holders among the hits", found)
		}
		if res.People[0].Areas[0].Level != "expert" {
			t.Errorf("first hit %s at %s, want the verified expert", res.People[0].Name, res.People[0].Areas[0].Level)
		}
	})
}
