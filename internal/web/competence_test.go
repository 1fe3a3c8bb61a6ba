package web_test

import (
	"testing"

	"stafett/internal/web/webtest"
)

type areaList struct {
	Areas []struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Owner       struct {
			Type string `json:"type"`
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"owner"`
	} `json:"areas"`
}

type competenceList struct {
	Competences []struct {
		Area     webtest.Ref `json:"area"`
		Level    string      `json:"level"`
		Verified bool        `json:"verified"`
		Source   string      `json:"source"`
		CourseID string      `json:"course_id"`
	} `json:"competences"`
}

// areaID returns the ID of the area named name that tok sees in municipality mid.
func (w *cw) areaID(tok, mid, name string) string {
	w.t.Helper()
	l := webtest.Decode[areaList](w.t, w.want(w.h.Do("GET", "/api/v1/competence-areas?municipality_id="+mid, tok, nil), 200, "areas"))
	for _, a := range l.Areas {
		if a.Name == name {
			return a.ID
		}
	}
	w.t.Fatalf("no area %q in %+v", name, l.Areas)
	return ""
}

// TestCompetenceAreas: a new municipality starts with the national list; its
// administrators add to it and edit it, a network's coordinators run the network's; the
// areas of a municipality include its networks'.
func TestCompetenceAreas(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		l := webtest.Decode[areaList](t, w.want(h.Do("GET", "/api/v1/competence-areas?municipality_id="+fx.A.ID, w.as(fx.EmployeeA), nil), 200, "list"))
		if len(l.Areas) != 8 || l.Areas[0].Owner.Type != "municipality" || l.Areas[0].Owner.Name != "Skien" {
			t.Fatalf("starter areas = %+v", l.Areas)
		}
		mi := w.areaID(w.as(fx.EmployeeA), fx.A.ID, "Motiverende intervju (MI)")
		body := map[string]any{"name": "Tjenestesafari", "description": "Hospitering mellom tjenester", "municipality_id": fx.A.ID}
		w.want(h.Do("POST", "/api/v1/competence-areas", "", body), 401, "anonymous")
		w.want(h.Do("POST", "/api/v1/competence-areas", w.as(fx.LeaderA), body), 403, "leader")
		w.want(h.Do("POST", "/api/v1/competence-areas", w.as(fx.AdminB), body), 404, "other municipality's admin")
		w.want(h.Do("POST", "/api/v1/competence-areas", w.as(w.coord), body), 404, "coordinator for a municipality")
		w.field(h.Do("POST", "/api/v1/competence-areas", w.as(fx.AdminA), map[string]any{"name": " ", "municipality_id": fx.A.ID}), "name", "required")
		w.field(h.Do("POST", "/api/v1/competence-areas", w.as(fx.AdminA), map[string]any{"name": "x"}), "municipality_id", "required")
		id := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/competence-areas", w.as(fx.AdminA), body), 201, "admin")).ID

		nbody := map[string]any{"name": "Samhandlende ledelse", "network_id": w.net.ID}
		w.want(h.Do("POST", "/api/v1/competence-areas", w.as(fx.AdminA), nbody), 403, "member's admin for the network")
		w.want(h.Do("POST", "/api/v1/competence-areas", w.as(w.coordC), nbody), 404, "other network's coordinator")
		nid := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/competence-areas", w.as(w.coord), nbody), 201, "coordinator")).ID

		l = webtest.Decode[areaList](t, w.want(h.Do("GET", "/api/v1/competence-areas?municipality_id="+fx.B.ID, w.as(w.coord), nil), 200, "coordinator lists B"))
		if len(l.Areas) != 9 || !hasArea(l, nid, "network") || hasArea(l, id, "municipality") {
			t.Fatalf("B's areas = %+v", l.Areas)
		}
		w.want(h.Do("GET", "/api/v1/competence-areas?municipality_id="+fx.A.ID, w.as(w.staffC), nil), 404, "other municipality")
		w.want(h.Do("GET", "/api/v1/competence-areas?municipality_id="+fx.A.ID, w.as(w.coordC), nil), 404, "other network's coordinator")
		w.want(h.Do("GET", "/api/v1/competence-areas?municipality_id="+fx.A.ID, "", nil), 401, "anonymous")

		w.want(h.Do("PATCH", "/api/v1/competence-areas/"+mi, w.as(fx.AdminB), map[string]any{"name": "MI"}), 404, "other admin edits")
		w.want(h.Do("PATCH", "/api/v1/competence-areas/"+mi, w.as(fx.EmployeeA), map[string]any{"name": "MI"}), 403, "employee edits")
		w.want(h.Do("PATCH", "/api/v1/competence-areas/"+mi, w.as(fx.AdminA), map[string]any{"name": "MI – motiverende intervju"}), 200, "admin edits")
		w.areaID(w.as(fx.EmployeeA), fx.A.ID, "MI – motiverende intervju")
		if w.audited("competence_area.create", "") != 2 || w.audited("competence_area.update", mi) != 1 {
			t.Fatalf("audit: %d creates, %d updates", w.audited("competence_area.create", ""), w.audited("competence_area.update", mi))
		}
	})
}

func hasArea(l areaList, id, owner string) bool {
	for _, a := range l.Areas {
		if a.ID == id && a.Owner.Type == owner {
			return true
		}
	}
	return false
}

// TestPeopleCompetence: a person records their own competence (unverified), their
// leader verifies it or records it verified; colleagues may not; someone outside the
// municipality and its networks does not see it; share_competence false hides it from
// the network.
func TestPeopleCompetence(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		mi := w.areaID(w.as(fx.EmployeeA), fx.A.ID, "Motiverende intervju (MI)")
		aut := w.areaID(w.as(fx.EmployeeA), fx.A.ID, "Autisme")
		miB := w.areaID(w.as(fx.EmployeeB), fx.B.ID, "Motiverende intervju (MI)")
		path := "/api/v1/users/" + fx.EmployeeA.ID + "/competences"
		body := map[string]any{"area_id": mi, "level": "advanced"}
		w.want(h.Do("POST", path, "", body), 401, "anonymous")
		w.want(h.Do("POST", path, w.as(fx.EmployeeA2), body), 403, "colleague")
		w.want(h.Do("POST", path, w.as(fx.AdminA), body), 403, "admin")
		w.want(h.Do("POST", path, w.as(fx.EmployeeB), body), 403, "network neighbour")
		w.want(h.Do("POST", path, w.as(w.staffC), body), 404, "other municipality")
		w.field(h.Do("POST", path, w.as(fx.EmployeeA), map[string]any{"area_id": miB, "level": "basic"}), "area_id", "not_found")
		w.field(h.Do("POST", path, w.as(fx.EmployeeA), map[string]any{"area_id": mi, "level": "guru"}), "level", "invalid")
		w.want(h.Do("POST", path, w.as(fx.EmployeeA), body), 201, "self")
		w.want(h.Do("POST", path, w.as(fx.LeaderA), map[string]any{"area_id": aut, "level": "basic"}), 201, "leader")
		l := webtest.Decode[competenceList](t, w.want(h.Do("GET", path, w.as(fx.EmployeeA), nil), 200, "list"))
		if len(l.Competences) != 2 || l.Competences[0].Area.Name != "Autisme" || l.Competences[0].Source != "leader" || !l.Competences[0].Verified ||
			l.Competences[1].Source != "self" || l.Competences[1].Verified || l.Competences[1].Level != "advanced" {
			t.Fatalf("competences = %+v", l.Competences)
		}
		w.want(h.Do("POST", path+"/"+mi+"/verify", w.as(fx.EmployeeA), nil), 403, "self verifies")
		w.want(h.Do("POST", path+"/"+mi+"/verify", w.as(fx.EmployeeA2), nil), 403, "colleague verifies")
		w.want(h.Do("POST", path+"/"+mi+"/verify", w.as(w.staffC), nil), 404, "other municipality verifies")
		w.want(h.Do("POST", path+"/"+miB+"/verify", w.as(fx.LeaderA), nil), 404, "no such competence")
		w.want(h.Do("POST", path+"/"+mi+"/verify", w.as(fx.LeaderA), nil), 200, "leader verifies")
		l = webtest.Decode[competenceList](t, w.want(h.Do("GET", path, w.as(fx.EmployeeB), nil), 200, "neighbour reads"))
		if len(l.Competences) != 2 || !l.Competences[1].Verified {
			t.Fatalf("competences = %+v", l.Competences)
		}
		w.want(h.Do("GET", path, w.as(w.staffC), nil), 404, "outside the networks")

		w.want(h.Do("DELETE", path+"/"+aut, w.as(fx.EmployeeA2), nil), 403, "colleague deletes")
		w.want(h.Do("DELETE", path+"/"+aut, w.as(fx.EmployeeA), nil), 204, "self deletes")
		w.want(h.Do("DELETE", path+"/"+aut, w.as(fx.EmployeeA), nil), 404, "deleted twice")

		w.field(h.Do("PATCH", "/api/v1/me", w.as(fx.EmployeeA), map[string]any{}), "share_competence", "required")
		w.want(h.Do("PATCH", "/api/v1/me", "", map[string]any{"share_competence": false}), 401, "anonymous")
		me := webtest.Decode[struct {
			Share bool `json:"share_competence"`
		}](t, w.want(h.Do("PATCH", "/api/v1/me", w.as(fx.EmployeeA), map[string]any{"share_competence": false}), 200, "stop sharing"))
		if me.Share {
			t.Fatal("share_competence still true")
		}
		w.want(h.Do("GET", path, w.as(fx.EmployeeB), nil), 404, "neighbour after sharing stopped")
		w.want(h.Do("GET", path, w.as(fx.EmployeeA2), nil), 200, "colleague after sharing stopped")
		for action, want := range map[string]int{"competence.add": 2, "competence.verify": 1, "competence.remove": 1, "competence.share": 1} {
			if got := w.audited(action, fx.EmployeeA.ID); got != want {
				t.Errorf("%d %s records, want %d", got, action, want)
			}
		}
	})
}
