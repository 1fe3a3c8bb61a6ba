package web_test

import (
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestCompetenceAndCoursePages checks /kompetanse, /kurs and a course's page: what
// each role sees, the report table and its chart, and who is refused.
func TestCompetenceAndCoursePages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		adminA, emp := w.as(fx.AdminA), w.as(fx.EmployeeA)
		bti := w.areaID(adminA, fx.A.ID, "BTI – Bedre tverrfaglig innsats")
		mi := w.areaID(emp, fx.A.ID, "Motiverende intervju (MI)")
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeA.ID+"/competences", emp, map[string]any{"area_id": mi, "level": "advanced"}), 201, "self")
		cid := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/courses", adminA, map[string]any{"title": "BTI for alle",
			"kind": "faglig_pafyll", "municipality_id": fx.A.ID, "area_ids": []string{bti}, "bti": true}), 201, "course")).ID
		w.want(h.Do("POST", "/api/v1/courses/"+cid+"/sessions", adminA, map[string]any{"date": "2026-05-05", "hours": 2.25, "place": "Rådhuset"}), 201, "session")
		w.want(h.Do("POST", "/api/v1/courses/"+cid+"/participants", adminA, map[string]any{"user_ids": []string{fx.EmployeeA.ID, fx.EmployeeA2.ID}}), 201, "participants")

		for _, p := range []string{"/kompetanse", "/kurs", "/kurs/" + cid} {
			if res := h.Page("GET", p, "", nil); res.Status != 303 && res.Status != 302 && res.Status != 401 {
				t.Errorf("anonymous %s: %d", p, res.Status)
			}
		}

		// The employee: own competence, search in the network, own courses; no risks.
		res := h.Page("GET", "/kompetanse", emp, nil)
		wantStatus(t, res, 200, "competence page")
		doc := res.Doc(t)
		if got := doc.Find("#own").Text(); !strings.Contains(got, "Motiverende intervju (MI)") || !strings.Contains(got, h.NBText("competence.level.advanced")) {
			t.Errorf("own competence = %q", got)
		}
		if doc.Find("#h-risks").Length() != 0 {
			t.Error("an employee sees the risks")
		}
		if doc.Find(`nav a[href="/kompetanse"]`).Length() != 1 || doc.Find(`nav a[href="/kurs"]`).Length() != 1 {
			t.Error("no nav links to competence and courses")
		}
		hits := h.Page("GET", "/kompetanse?q=intervju+motiverende", w.as(fx.EmployeeA2), nil).Doc(t)
		if got := hits.Find("#hits tbody").Text(); !strings.Contains(got, fx.EmployeeA.Name) {
			t.Errorf("colleague's search = %q", got)
		}
		if none := h.Page("GET", "/kompetanse?q=intervju", w.as(w.staffC), nil).Doc(t); none.Find("#hits").Length() != 0 || none.Find("#hits-none").Length() != 1 {
			t.Error("another municipality finds the employee")
		}
		if d := h.Page("GET", "/kompetanse", w.as(fx.LeaderA), nil).Doc(t); d.Find("#h-risks").Length() != 1 {
			t.Error("a leader does not see the risks")
		}

		mine := h.Page("GET", "/kurs", emp, nil).Doc(t)
		if mine.Find(`#mine a[href="/kurs/`+cid+`"]`).Length() != 1 || !strings.Contains(mine.Find("#mine-total").Text(), "2,25") {
			t.Errorf("my courses = %q", mine.Find("main").Text())
		}
		if mine.Find("#report-kinds").Length() != 0 {
			t.Error("an employee sees the municipality's report")
		}

		// The admin: the year's report with one row per kind and a named chart.
		rep := h.Page("GET", "/kurs", adminA, nil)
		wantStatus(t, rep, 200, "admin courses")
		rd := rep.Doc(t)
		if n := rd.Find("#report-kinds tbody tr").Length(); n != 4 {
			t.Errorf("%d kind rows, want 4", n)
		}
		if got := rd.Find("#report-total").Text(); !strings.Contains(got, "4,50") {
			t.Errorf("report total = %q (want 2 × 2,25 = 4,50 hours)", got)
		}
		if rd.Find(`#kind-chart svg[role="img"] title`).Length() != 1 || rd.Find("#kind-chart rect").Length() != 4 {
			t.Error("the chart is not a named image with a bar per kind")
		}
		if got := rd.Find("#coverage").Text(); got == "" {
			t.Error("no training coverage")
		}

		cp := h.Page("GET", "/kurs/"+cid, emp, nil)
		wantStatus(t, cp, 200, "course page")
		cd := cp.Doc(t)
		if n := cd.Find("#participants tbody tr").Length(); n != 2 || !strings.Contains(cd.Find("#course-hours").Text(), "4,50") {
			t.Errorf("course page: %d participants, %q", n, cd.Find("#course-hours").Text())
		}
		wantStatus(t, h.Page("GET", "/kurs/"+cid, w.as(w.staffC), nil), 404, "other municipality's course page")
		wantStatus(t, h.Page("GET", "/kurs/finnes-ikke", emp, nil), 404, "no such course")
	})
}
