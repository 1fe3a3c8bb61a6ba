package web_test

import (
	"net/url"
	"slices"
	"testing"

	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

type searchList struct {
	People []struct {
		UserID string `json:"user_id"`
		Name   string `json:"name"`
		Unit   struct {
			ID   string `json:"id"`
			Name string `json:"name"`
			Kind string `json:"kind"`
		} `json:"unit"`
		Municipality webtest.Ref `json:"municipality"`
		Areas        []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Level    string `json:"level"`
			Verified bool   `json:"verified"`
			Source   string `json:"source"`
		} `json:"areas"`
	} `json:"people"`
}

// search runs a search as tok and returns the names found, in order.
func (w *cw) search(tok string, q url.Values) []string {
	w.t.Helper()
	l := webtest.Decode[searchList](w.t, w.want(w.h.Do("GET", "/api/v1/competence/search?"+q.Encode(), tok, nil), 200, "search "+q.Encode()))
	var names []string
	for _, p := range l.People {
		names = append(names, p.Name)
	}
	return names
}

// TestCompetenceSearch: search by need ignores case (Æ, Ø, Å too) and word order,
// groups by municipality and unit with the verified first, searches the own
// municipality unless a network is named, and keeps those who do not share their
// competence inside their own municipality.
func TestCompetenceSearch(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		tokA := w.as(fx.EmployeeA)
		trA := w.areaID(tokA, fx.A.ID, "Traumebevisst omsorg")
		trB := w.areaID(w.as(fx.EmployeeB), fx.B.ID, "Traumebevisst omsorg")
		trC := w.areaID(w.as(w.staffC), w.c.ID, "Traumebevisst omsorg")
		eco := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/competence-areas", w.as(fx.AdminA),
			map[string]any{"name": "Økonomisk rådgivning", "municipality_id": fx.A.ID}), 201, "area")).ID
		kari := w.user("kari@skien.no", "Kari Kollega", fx.A.ID, people.Role{Role: people.Employee, UnitID: fx.UnitA.ID})
		leaderB := w.user("rektor@porsgrunn.no", "Per Rektor", fx.B.ID, people.Role{Role: people.UnitLeader, UnitID: fx.UnitB.ID})
		add := func(by, u people.User, area, level string) {
			t.Helper()
			w.want(h.Do("POST", "/api/v1/users/"+u.ID+"/competences", w.as(by), map[string]any{"area_id": area, "level": level}), 201, "add")
		}
		add(kari, kari, trA, "expert")
		add(fx.LeaderA, fx.EmployeeA, trA, "basic")
		add(fx.EmployeeA, fx.EmployeeA, eco, "basic")
		add(fx.EmployeeA2, fx.EmployeeA2, trA, "basic")
		add(leaderB, fx.EmployeeB, trB, "advanced")
		add(w.staffC, w.staffC, trC, "advanced")

		want := []string{"Hege Helse", "Lars Lærer", "Kari Kollega"}
		for _, q := range []string{"OMSORG traumebevisst", "traume omsorg", "TRAUMEBEVISST"} {
			if got := w.search(tokA, url.Values{"q": {q}}); !slices.Equal(got, want) {
				t.Fatalf("q=%q: %v, want %v", q, got, want)
			}
		}
		for _, q := range []string{"ØKONOMISK rådgivning", "RÅDGIVNING økonomisk", "råd øko"} {
			if got := w.search(tokA, url.Values{"q": {q}}); !slices.Equal(got, []string{"Lars Lærer"}) {
				t.Fatalf("q=%q: %v", q, got)
			}
		}
		if got := w.search(tokA, url.Values{"q": {"autisme"}}); len(got) != 0 {
			t.Fatalf("autisme: %v", got)
		}
		l := webtest.Decode[searchList](t, w.want(h.Do("GET", "/api/v1/competence/search?network_id="+w.net.ID+"&q=traume", tokA, nil), 200, "network"))
		if len(l.People) != 4 || l.People[0].Name != "Pia Lærer" || l.People[0].Municipality.Name != "Porsgrunn" ||
			l.People[0].Unit.Kind != "school" || l.People[0].Areas[0].Level != "advanced" || !l.People[0].Areas[0].Verified ||
			l.People[0].Areas[0].Source != "leader" || l.People[0].Areas[0].Name != "Traumebevisst omsorg" {
			t.Fatalf("network search = %+v", l.People)
		}
		if got := w.search(tokA, url.Values{"area_id": {trA}}); !slices.Equal(got, want) {
			t.Fatalf("area_id: %v", got)
		}
		if got := w.search(tokA, url.Values{"area_id": {trA}, "q": {"økonomisk"}}); len(got) != 0 {
			t.Fatalf("area_id and another q: %v", got)
		}
		if got := w.search(w.as(w.coord), url.Values{"network_id": {w.net.ID}, "q": {"traume"}}); len(got) != 4 {
			t.Fatalf("coordinator: %v", got)
		}

		w.want(h.Do("PATCH", "/api/v1/me", w.as(fx.EmployeeB), map[string]any{"share_competence": false}), 200, "Pia stops sharing")
		if got := w.search(tokA, url.Values{"network_id": {w.net.ID}, "q": {"traume"}}); len(got) != 3 || slices.Contains(got, "Pia Lærer") {
			t.Fatalf("after Pia stopped sharing: %v", got)
		}
		if got := w.search(w.as(leaderB), url.Values{"network_id": {w.net.ID}, "q": {"traume"}}); !slices.Contains(got, "Pia Lærer") {
			t.Fatalf("Pia's own municipality: %v", got)
		}

		w.want(h.Do("GET", "/api/v1/competence/search?q=traume", "", nil), 401, "anonymous")
		w.want(h.Do("GET", "/api/v1/competence/search?q=traume", w.as(fx.Plain), nil), 403, "no role")
		w.want(h.Do("GET", "/api/v1/competence/search?q=traume&municipality_id="+fx.A.ID, w.as(w.staffC), nil), 404, "other municipality")
		w.want(h.Do("GET", "/api/v1/competence/search?q=traume&network_id="+w.net.ID, w.as(w.staffC), nil), 404, "other network")
		w.want(h.Do("GET", "/api/v1/competence/search?q=traume&municipality_id="+fx.A.ID, w.as(w.coordC), nil), 404, "other network's coordinator")
		w.field(h.Do("GET", "/api/v1/competence/search", tokA, nil), "q", "required")
		w.field(h.Do("GET", "/api/v1/competence/search?area_id="+trB, tokA, nil), "area_id", "not_found")
		w.field(h.Do("GET", "/api/v1/competence/search?q=traume", w.as(w.coord), nil), "municipality_id", "required")
	})
}
