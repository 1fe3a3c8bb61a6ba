package web_test

import (
	"testing"

	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

type needList struct {
	Needs []struct {
		AreaID    string      `json:"area_id"`
		Area      webtest.Ref `json:"area"`
		MinPeople int         `json:"min_people"`
	} `json:"needs"`
}

type riskList struct {
	Risks []struct {
		Unit      webtest.Ref `json:"unit"`
		Area      webtest.Ref `json:"area"`
		People    int         `json:"people"`
		MinPeople int         `json:"min_people"`
		Holders   []struct {
			UserID string `json:"user_id"`
			Name   string `json:"name"`
		} `json:"holders"`
		Neighbours []struct {
			UserID       string      `json:"user_id"`
			Name         string      `json:"name"`
			Unit         webtest.Ref `json:"unit"`
			Municipality webtest.Ref `json:"municipality"`
		} `json:"neighbours"`
	} `json:"risks"`
}

// TestNeedsAndRisks: the school needs MI (2 people), autism (1) and talking with
// children (1); only Lars holds MI and autism, verified. The risk report puts the gap
// first, then MI resting on Lars alone, and names Pia in Porsgrunn (same network) as
// the neighbour with MI; autism is covered and not listed.
func TestNeedsAndRisks(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		tokA := w.as(fx.EmployeeA)
		mi := w.areaID(tokA, fx.A.ID, "Motiverende intervju (MI)")
		aut := w.areaID(tokA, fx.A.ID, "Autisme")
		talk := w.areaID(tokA, fx.A.ID, "Samtaler med barn")
		miB := w.areaID(w.as(fx.EmployeeB), fx.B.ID, "Motiverende intervju (MI)")

		npath := "/api/v1/units/" + fx.UnitA.ID + "/competence-needs"
		needs := map[string]any{"needs": []map[string]any{{"area_id": mi, "min_people": 2}, {"area_id": aut, "min_people": 1}, {"area_id": talk, "min_people": 1}}}
		w.want(h.Do("PUT", npath, "", needs), 401, "anonymous")
		w.want(h.Do("PUT", npath, tokA, needs), 403, "employee")
		w.want(h.Do("PUT", npath, w.as(fx.AdminB), needs), 404, "other municipality's admin")
		w.want(h.Do("PUT", npath, w.as(w.coord), needs), 404, "coordinator")
		w.want(h.Do("PUT", npath, w.as(fx.LeaderA), needs), 200, "leader")
		w.field(h.Do("PUT", npath, w.as(fx.AdminA), map[string]any{"needs": []map[string]any{{"area_id": mi, "min_people": 0}}}), "needs.0.min_people", "range")
		w.field(h.Do("PUT", npath, w.as(fx.AdminA), map[string]any{"needs": []map[string]any{{"area_id": talk, "min_people": 3}, {"area_id": miB, "min_people": 1}}}),
			"needs.1.area_id", "not_found")
		nl := webtest.Decode[needList](t, w.want(h.Do("GET", npath, w.as(fx.EmployeeA2), nil), 200, "colleague reads needs"))
		if len(nl.Needs) != 3 || nl.Needs[0].Area.Name != "Autisme" || nl.Needs[2].MinPeople != 1 {
			t.Fatalf("needs after a refused PUT = %+v", nl.Needs)
		}
		w.want(h.Do("GET", npath, w.as(w.staffC), nil), 404, "other municipality reads needs")

		lars := "/api/v1/users/" + fx.EmployeeA.ID + "/competences"
		w.want(h.Do("POST", lars, w.as(fx.LeaderA), map[string]any{"area_id": mi, "level": "expert"}), 201, "Lars MI")
		w.want(h.Do("POST", lars, w.as(fx.LeaderA), map[string]any{"area_id": aut, "level": "basic"}), 201, "Lars autism")
		// Hege at the health station holds MI too, but in another unit; Rita's own is unverified.
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeA2.ID+"/competences", w.as(fx.EmployeeA2), map[string]any{"area_id": talk, "level": "basic"}), 201, "Hege self")
		w.want(h.Do("POST", "/api/v1/users/"+fx.LeaderA.ID+"/competences", w.as(fx.LeaderA), map[string]any{"area_id": talk, "level": "basic"}), 201, "Rita self")
		leaderB := w.user("rektor@porsgrunn.no", "Per Rektor", fx.B.ID, people.Role{Role: people.UnitLeader, UnitID: fx.UnitB.ID})
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeB.ID+"/competences", w.as(leaderB), map[string]any{"area_id": miB, "level": "advanced"}), 201, "Pia MI")

		rpath := "/api/v1/municipalities/" + fx.A.ID + "/competence/risks"
		rl := webtest.Decode[riskList](t, w.want(h.Do("GET", rpath, w.as(fx.AdminA), nil), 200, "admin risks"))
		if len(rl.Risks) != 2 {
			t.Fatalf("risks = %+v", rl.Risks)
		}
		gap, one := rl.Risks[0], rl.Risks[1]
		if gap.Area.ID != talk || gap.People != 0 || len(gap.Holders) != 0 || gap.Unit.ID != fx.UnitA.ID {
			t.Fatalf("first risk = %+v", gap)
		}
		if one.Area.ID != mi || one.People != 1 || one.MinPeople != 2 || len(one.Holders) != 1 || one.Holders[0].UserID != fx.EmployeeA.ID {
			t.Fatalf("one-person risk = %+v", one)
		}
		if len(one.Neighbours) != 1 || one.Neighbours[0].UserID != fx.EmployeeB.ID || one.Neighbours[0].Unit.Name != "Vestsiden skole" ||
			one.Neighbours[0].Municipality.Name != "Porsgrunn" {
			t.Fatalf("neighbours = %+v", one.Neighbours)
		}
		for _, tok := range []string{w.as(fx.LeaderA), w.as(w.coord)} {
			if got := webtest.Decode[riskList](t, w.want(h.Do("GET", rpath, tok, nil), 200, "leader or coordinator")); len(got.Risks) != 2 {
				t.Fatalf("risks = %+v", got.Risks)
			}
		}
		w.want(h.Do("GET", rpath, "", nil), 401, "anonymous")
		w.want(h.Do("GET", rpath, tokA, nil), 403, "employee")
		w.want(h.Do("GET", rpath, w.as(fx.AdminB), nil), 404, "other municipality's admin")
		w.want(h.Do("GET", rpath, w.as(w.coordC), nil), 404, "other network's coordinator")
		w.want(h.Do("GET", rpath, w.as(w.staffC), nil), 404, "other municipality")

		// Pia stops sharing: she is no longer named.
		w.want(h.Do("PATCH", "/api/v1/me", w.as(fx.EmployeeB), map[string]any{"share_competence": false}), 200, "Pia stops sharing")
		rl = webtest.Decode[riskList](t, w.want(h.Do("GET", rpath, w.as(fx.AdminA), nil), 200, "admin risks"))
		if len(rl.Risks) != 2 || len(rl.Risks[1].Neighbours) != 0 {
			t.Fatalf("risks after sharing stopped = %+v", rl.Risks)
		}
		if w.audited("competence_needs.set", fx.UnitA.ID) != 1 {
			t.Fatalf("needs audited %d times", w.audited("competence_needs.set", fx.UnitA.ID))
		}
	})
}
