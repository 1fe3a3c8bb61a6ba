package web_test

import (
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestNetworkPage checks /samarbeid/{id}: members, hours and courses for everyone in
// the network; the course report for its coordinator only; the risks of every member
// for the coordinator and of their own municipality for an administrator; the search
// scoped to the network; and not found to anyone outside it. /kompetanse links to the
// person's networks and searches one of them when chosen.
func TestNetworkPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		coord, emp, empB := w.as(w.coord), w.as(fx.EmployeeA), w.as(fx.EmployeeB)
		path := "/samarbeid/" + w.net.ID

		// A network course with one session of 3.5 hours for two people (7 hours), a
		// verified MI holder in Porsgrunn and a need at Myren skole resting on nobody.
		mi := w.areaID(emp, fx.A.ID, "Motiverende intervju (MI)")
		miB := w.areaID(empB, fx.B.ID, "Motiverende intervju (MI)")
		cid := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/courses", coord, map[string]any{"title": "MI i Grenland",
			"kind": "fagutvikling", "network_id": w.net.ID}), 201, "course")).ID
		w.want(h.Do("POST", "/api/v1/courses/"+cid+"/sessions", coord, map[string]any{"date": h.DB.Now().Format("2006") + "-03-10", "hours": 3.5}), 201, "session")
		w.want(h.Do("POST", "/api/v1/courses/"+cid+"/participants", coord, map[string]any{"user_ids": []string{fx.EmployeeA.ID, fx.EmployeeB.ID}}), 201, "participants")
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeB.ID+"/competences", empB, map[string]any{"area_id": miB, "level": "expert"}), 201, "self in Porsgrunn")
		w.want(h.Do("PUT", "/api/v1/units/"+fx.UnitA.ID+"/competence-needs", w.as(fx.LeaderA), map[string]any{"needs": []map[string]any{{"area_id": mi, "min_people": 1}}}), 200, "need")

		res := h.Page("GET", path, "", nil)
		if res.Status != 303 && res.Status != 302 && res.Status != 401 {
			t.Errorf("anonymous: %d", res.Status)
		}
		for name, tok := range map[string]string{"outside municipality's staff": w.as(w.staffC), "outside admin": w.as(w.adminC),
			"another network's coordinator": w.as(w.coordC), "a user without roles": w.as(fx.Plain), "system admin": w.as(fx.SysAdmin)} {
			wantStatus(t, h.Page("GET", path, tok, nil), 404, name)
		}
		wantStatus(t, h.Page("GET", "/samarbeid/finnes-ikke", coord, nil), 404, "no such network")

		// The coordinator: everything.
		res = h.Page("GET", path, coord, nil)
		wantStatus(t, res, 200, "coordinator")
		d := res.Doc(t)
		if got := d.Find("h1").Text(); got != "Grenland" {
			t.Errorf("h1 = %q", got)
		}
		if got := d.Find("#members tbody").Text(); !strings.Contains(got, "4003") || !strings.Contains(got, "Skien") || !strings.Contains(got, "Porsgrunn") {
			t.Errorf("members = %q", got)
		}
		if got := d.Find("#network-hours").Text(); !strings.Contains(got, "1700") {
			t.Errorf("hours = %q", got)
		}
		if d.Find(`#courses a[href="/kurs/`+cid+`"]`).Length() != 1 {
			t.Error("no link to the network's course")
		}
		if got := d.Find("#report-total").Text(); !strings.Contains(got, "7,00") {
			t.Errorf("report total = %q (want 2 × 3,50 = 7,00 hours)", got)
		}
		if n := d.Find("#report-kinds tbody tr").Length(); n != 4 || d.Find("#kind-chart rect").Length() != 4 {
			t.Errorf("%d kind rows", n)
		}
		if href, _ := d.Find(`a[href*="format=csv"]`).Attr("href"); !strings.Contains(href, "network_id="+w.net.ID) {
			t.Errorf("csv link = %q", href)
		}
		if d.Find(`#network-indicators[href="`+path+`/indikatorer"]`).Length() != 1 {
			t.Error("no link to the network's indicators")
		}
		if got := d.Find("#risks-" + fx.A.ID).Text(); !strings.Contains(got, "Myren skole") || !strings.Contains(got, "0 / 1") {
			t.Errorf("Skien's risks for the coordinator = %q", got)
		}
		if d.Find("#risks-none-"+fx.B.ID).Length() != 1 {
			t.Error("Porsgrunn's (empty) risks not shown to the coordinator")
		}

		// An administrator of a member: their own risks only, no report.
		d = h.Page("GET", path, w.as(fx.AdminA), nil).Doc(t)
		if d.Find("#risks-"+fx.A.ID).Length() != 1 || d.Find("#risks-none-"+fx.B.ID).Length() != 0 {
			t.Error("an admin does not see exactly their own municipality's risks")
		}
		if d.Find("#report-kinds").Length() != 0 {
			t.Error("a member's admin sees the network's report")
		}
		if d.Find("#network-indicators").Length() != 1 {
			t.Error("a member's admin has no link to the indicators")
		}

		// An employee: members and courses, search across the network; no risks, no report.
		res = h.Page("GET", path+"?q=motiverende", emp, nil)
		wantStatus(t, res, 200, "employee")
		d = res.Doc(t)
		if d.Find("#h-risks").Length() != 0 || d.Find("#report-kinds").Length() != 0 || d.Find("#network-indicators").Length() != 0 {
			t.Error("an employee sees risks, the report or the indicators link")
		}
		if d.Find(`#courses a[href="/kurs/`+cid+`"]`).Length() != 1 {
			t.Error("the employee sees no courses")
		}
		if got := d.Find("#hits tbody").Text(); !strings.Contains(got, fx.EmployeeB.Name) || !strings.Contains(got, "Porsgrunn") {
			t.Errorf("network search = %q", got)
		}

		// /kompetanse: the link to the network and the choice of where to search.
		kd := h.Page("GET", "/kompetanse", emp, nil).Doc(t)
		if kd.Find(`#networks a[href="`+path+`"]`).Length() != 1 || kd.Find(`#competence-scope option[value="`+w.net.ID+`"]`).Length() != 1 {
			t.Error("/kompetanse does not link to or search the network")
		}
		if got := h.Page("GET", "/kompetanse?q=motiverende", emp, nil).Doc(t).Find("#hits").Text(); strings.Contains(got, fx.EmployeeB.Name) {
			t.Error("the own municipality's search finds Porsgrunn")
		}
		sd := h.Page("GET", "/kompetanse?q=motiverende&network_id="+w.net.ID, emp, nil).Doc(t)
		if !strings.Contains(sd.Find("#hits").Text(), fx.EmployeeB.Name) {
			t.Errorf("the network search on /kompetanse = %q", sd.Find("main").Text())
		}
		if v, _ := sd.Find(`#competence-scope option[selected]`).Attr("value"); v != w.net.ID {
			t.Errorf("selected scope = %q", v)
		}
		wantStatus(t, h.Page("GET", "/kompetanse?q=motiverende&network_id="+w.net.ID, w.as(w.staffC), nil), 404, "a network one is not in")
		if got := h.Page("GET", "/kompetanse", w.as(w.coord), nil).Doc(t).Find("#networks").Text(); !strings.Contains(got, "Grenland") {
			t.Errorf("coordinator's networks = %q", got)
		}
	})
}
