package web_test

import (
	"bytes"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

type courseAnswer struct {
	ID       string  `json:"id"`
	Hours    float64 `json:"hours"`
	FTE      float64 `json:"fte"`
	Sessions []struct {
		ID              string  `json:"id"`
		Hours           float64 `json:"hours"`
		AttendanceTaken bool    `json:"attendance_taken"`
		Attended        int     `json:"attended"`
	} `json:"sessions"`
	Participants []struct {
		UserID    string  `json:"user_id"`
		Hours     float64 `json:"hours"`
		Completed bool    `json:"completed"`
	} `json:"participants"`
}

type reportAnswer struct {
	HoursPerFTE int `json:"hours_per_fte"`
	Total       struct {
		Courses      int     `json:"courses"`
		Participants int     `json:"participants"`
		Hours        float64 `json:"hours"`
		FTE          float64 `json:"fte"`
	} `json:"total"`
	Kinds []struct {
		Kind         string  `json:"kind"`
		Courses      int     `json:"courses"`
		Participants int     `json:"participants"`
		Hours        float64 `json:"hours"`
		Share        float64 `json:"share"`
	} `json:"kinds"`
	Courses []struct {
		ID           string  `json:"id"`
		Participants int     `json:"participants"`
		Hours        float64 `json:"hours"`
		FTE          float64 `json:"fte"`
		Share        float64 `json:"share"`
	} `json:"courses"`
	Municipalities []struct {
		ID           string  `json:"id"`
		Name         string  `json:"name"`
		Participants int     `json:"participants"`
		Hours        float64 `json:"hours"`
	} `json:"municipalities"`
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

// TestCourseReport computes a course table by hand and compares it with the report to
// the hundredth of an hour. The network's MI course has three participants (Lars and
// Hege from Skien, Pia from Porsgrunn) and three sessions: 7 h attended by all three,
// 7 h by Lars and Pia, 3.5 h with no attendance taken (all three count): 21 + 14 +
// 10.5 = 45.5 h; Skien 17.5 + 10.5 = 28 h, Porsgrunn 17.5 h. Skien's BTI course has one
// 2.25 h session attended by Lars of its two participants, and one in 2027.
func TestCourseReport(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		coord, adminA := w.as(w.coord), w.as(fx.AdminA)
		netMI := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/competence-areas", coord,
			map[string]any{"name": "Motiverende intervju i nettverket", "network_id": w.net.ID}), 201, "network area")).ID
		bti := w.areaID(adminA, fx.A.ID, "BTI – Bedre tverrfaglig innsats")

		mi := map[string]any{"title": "MI grunnkurs", "kind": "fagutvikling", "network_id": w.net.ID, "area_ids": []string{netMI}}
		w.want(h.Do("POST", "/api/v1/courses", "", mi), 401, "anonymous")
		w.want(h.Do("POST", "/api/v1/courses", adminA, mi), 403, "member's admin for the network")
		w.want(h.Do("POST", "/api/v1/courses", w.as(w.coordC), mi), 404, "other network's coordinator")
		w.field(h.Do("POST", "/api/v1/courses", coord, map[string]any{"title": "x", "kind": "kurs", "network_id": w.net.ID}), "kind", "invalid")
		miID := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/courses", coord, mi), 201, "coordinator")).ID
		bc := map[string]any{"title": "BTI for alle", "kind": "faglig_pafyll", "municipality_id": fx.A.ID, "area_ids": []string{bti}, "bti": true}
		w.want(h.Do("POST", "/api/v1/courses", w.as(fx.EmployeeA), bc), 403, "employee")
		w.want(h.Do("POST", "/api/v1/courses", w.as(fx.AdminB), bc), 404, "other municipality's admin")
		w.field(h.Do("POST", "/api/v1/courses", adminA, map[string]any{"title": "x", "kind": "veiledning", "municipality_id": fx.A.ID,
			"area_ids": []string{netMI, "finnes-ikke"}}), "area_ids.1", "not_found")
		btiID := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/courses", adminA, bc), 201, "admin")).ID

		session := func(tok, cid, date string, hours float64) string {
			t.Helper()
			return webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/courses/"+cid+"/sessions", tok,
				map[string]any{"date": date, "hours": hours, "place": "Rådhuset"}), 201, "session")).ID
		}
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{{map[string]any{"date": "2026-03-02", "hours": 0}, "hours"}, {map[string]any{"date": "2026-03-02", "hours": 24.5}, "hours"},
			{map[string]any{"date": "2026-03-02", "hours": -3}, "hours"}, {map[string]any{"date": "2026-02-30", "hours": 3}, "date"},
			{map[string]any{"date": "2. mars", "hours": 3}, "date"}, {map[string]any{"date": "2026-03-02"}, "hours"}} {
			res := h.Do("POST", "/api/v1/courses/"+miID+"/sessions", coord, bad.body)
			if res.Status != 422 || !strings.Contains(string(res.Body), `"`+bad.field+`"`) {
				t.Fatalf("%v: %d %s", bad.body, res.Status, res.Body)
			}
		}
		w.want(h.Do("POST", "/api/v1/courses/"+miID+"/sessions", adminA, map[string]any{"date": "2026-03-02", "hours": 7}), 403, "admin on network course")
		s1, s2 := session(coord, miID, "2026-03-02", 7), session(coord, miID, "2026-03-03", 7)
		s3 := session(coord, miID, "2026-04-10", 3.5)
		b1, b2 := session(adminA, btiID, "2026-05-05", 2.25), session(adminA, btiID, "2027-01-10", 7)

		parts := func(tok, cid string, ids ...string) *webtest.Response {
			return h.Do("POST", "/api/v1/courses/"+cid+"/participants", tok, map[string]any{"user_ids": ids})
		}
		w.field(parts(adminA, btiID, fx.EmployeeA.ID, fx.EmployeeB.ID), "user_ids.1", "not_allowed")
		w.field(parts(adminA, btiID, "finnes-ikke"), "user_ids.0", "not_found")
		w.want(parts(w.as(fx.AdminB), btiID, fx.EmployeeB.ID), 404, "other admin registers")
		added := webtest.Decode[struct {
			Added int `json:"added"`
		}](t, w.want(parts(coord, miID, fx.EmployeeA.ID, fx.EmployeeA2.ID, fx.EmployeeB.ID, fx.EmployeeA.ID), 201, "register"))
		if added.Added != 3 {
			t.Fatalf("added %d", added.Added)
		}
		w.want(parts(coord, miID, fx.EmployeeB.ID), 201, "twice")
		w.want(parts(adminA, btiID, fx.EmployeeA.ID, fx.LeaderA.ID), 201, "register BTI")

		attend := func(tok, cid, sid string, ids ...string) *webtest.Response {
			return h.Do("POST", "/api/v1/courses/"+cid+"/sessions/"+sid+"/attendance", tok, map[string]any{"user_ids": ids})
		}
		w.field(attend(coord, miID, s1, fx.EmployeeA.ID, fx.LeaderA.ID), "user_ids.1", "not_allowed")
		w.want(attend(coord, miID, b1, fx.EmployeeA.ID), 404, "session of another course")
		w.want(attend(adminA, miID, s1, fx.EmployeeA.ID), 403, "admin takes network attendance")
		w.want(attend(coord, miID, s1, fx.EmployeeA.ID, fx.EmployeeA2.ID, fx.EmployeeB.ID), 200, "s1")
		w.want(attend(coord, miID, s2, fx.EmployeeA.ID, fx.EmployeeB.ID), 200, "s2")
		w.want(attend(adminA, btiID, b1, fx.EmployeeA.ID), 200, "b1")

		c := webtest.Decode[courseAnswer](t, w.want(h.Do("GET", "/api/v1/courses/"+miID, w.as(fx.EmployeeB), nil), 200, "course"))
		if !near(c.Hours, 45.5) || !near(c.FTE, 45.5/1700) || len(c.Sessions) != 3 || c.Sessions[1].Attended != 2 || c.Sessions[2].AttendanceTaken {
			t.Fatalf("course = %+v", c)
		}
		w.want(h.Do("GET", "/api/v1/courses/"+miID, w.as(w.staffC), nil), 404, "other municipality reads course")
		w.want(h.Do("GET", "/api/v1/courses/"+miID, "", nil), 401, "anonymous reads course")

		period := "&from=2026-01-01&to=2026-12-31"
		r := webtest.Decode[reportAnswer](t, w.want(h.Do("GET", "/api/v1/courses/report?network_id="+w.net.ID+period, coord, nil), 200, "report"))
		if r.HoursPerFTE != 1700 || r.Total.Courses != 1 || r.Total.Participants != 3 || !near(r.Total.Hours, 45.5) || !near(r.Total.FTE, 45.5/1700) {
			t.Fatalf("total = %+v", r.Total)
		}
		if len(r.Kinds) != 4 || r.Kinds[1].Kind != "fagutvikling" || !near(r.Kinds[1].Hours, 45.5) || r.Kinds[1].Share != 1 || r.Kinds[0].Hours != 0 {
			t.Fatalf("kinds = %+v", r.Kinds)
		}
		if len(r.Courses) != 1 || r.Courses[0].ID != miID || !near(r.Courses[0].Hours, 45.5) || r.Courses[0].Share != 1 {
			t.Fatalf("courses = %+v", r.Courses)
		}
		if len(r.Municipalities) != 2 || r.Municipalities[0].Name != "Porsgrunn" || !near(r.Municipalities[0].Hours, 17.5) ||
			r.Municipalities[1].Participants != 2 || !near(r.Municipalities[1].Hours, 28) {
			t.Fatalf("municipalities = %+v", r.Municipalities)
		}
		csv := w.want(h.Do("GET", "/api/v1/courses/report?format=csv&network_id="+w.net.ID+period, coord, nil), 200, "csv")
		if !bytes.HasPrefix(csv.Body, []byte("\ufeffdel;")) || !strings.Contains(string(csv.Body), "total;;;1;3;45,50;0,0268;1") ||
			!strings.Contains(string(csv.Body), "kommune;"+fx.B.ID+";Porsgrunn;;1;17,50;") || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv:\n%s", csv.Body)
		}
		w.want(h.Do("PATCH", "/api/v1/networks/"+w.net.ID, coord, map[string]any{"hours_per_fte": 1500}), 200, "hours")
		r = webtest.Decode[reportAnswer](t, w.want(h.Do("GET", "/api/v1/courses/report?network_id="+w.net.ID+period, coord, nil), 200, "report"))
		if r.HoursPerFTE != 1500 || math.Abs(r.Total.FTE-45.5/1500) > 0.0001 {
			t.Fatalf("after 1500 h: %+v", r.Total)
		}
		rm := webtest.Decode[reportAnswer](t, w.want(h.Do("GET", "/api/v1/courses/report?municipality_id="+fx.A.ID+period, adminA, nil), 200, "municipality report"))
		if rm.Total.Courses != 1 || rm.Total.Participants != 2 || !near(rm.Total.Hours, 2.25) || rm.Kinds[0].Kind != "faglig_pafyll" || rm.Kinds[0].Share != 1 {
			t.Fatalf("municipality report = %+v", rm)
		}
		w.want(h.Do("GET", "/api/v1/courses/report?network_id="+w.net.ID, adminA, nil), 403, "admin reads network report")
		w.want(h.Do("GET", "/api/v1/courses/report?municipality_id="+fx.A.ID, w.as(fx.LeaderA), nil), 403, "leader reads report")
		w.want(h.Do("GET", "/api/v1/courses/report?municipality_id="+fx.A.ID, w.as(fx.AdminB), nil), 404, "other admin reads report")
		w.want(h.Do("GET", "/api/v1/courses/report?municipality_id="+fx.A.ID, "", nil), 401, "anonymous report")
		w.field(h.Do("GET", "/api/v1/courses/report?municipality_id="+fx.A.ID+"&from=2026-13-01", adminA, nil), "from", "format")

		// Nobody has completed MI yet: its third session has no attendance.
		area := func() []string {
			return w.search(coord, map[string][]string{"network_id": {w.net.ID}, "area_id": {netMI}})
		}
		if got := area(); len(got) != 0 {
			t.Fatalf("before completion: %v", got)
		}
		w.want(attend(coord, miID, s3, fx.EmployeeA.ID, fx.EmployeeB.ID), 200, "s3")
		if got := area(); !slices.Equal(got, []string{"Pia Lærer", "Lars Lærer"}) {
			t.Fatalf("the course's area finds %v, want exactly Lars and Pia", got)
		}
		l := webtest.Decode[competenceList](t, w.want(h.Do("GET", "/api/v1/users/"+fx.EmployeeA.ID+"/competences", w.as(fx.EmployeeA), nil), 200, "Lars"))
		if len(l.Competences) != 1 || l.Competences[0].Source != "course" || !l.Competences[0].Verified || l.Competences[0].CourseID != miID {
			t.Fatalf("Lars's competence = %+v", l.Competences)
		}
		mine := webtest.Decode[struct {
			Courses []struct {
				ID        string  `json:"id"`
				Hours     float64 `json:"hours"`
				Completed bool    `json:"completed"`
			} `json:"courses"`
			Hours float64 `json:"hours"`
		}](t, w.want(h.Do("GET", "/api/v1/me/courses", w.as(fx.EmployeeA), nil), 200, "my courses"))
		// Lars: BTI 2.25 + 7 (no attendance taken in 2027) = 9.25; MI 17.5.
		if len(mine.Courses) != 2 || !near(mine.Hours, 26.75) {
			t.Fatalf("my courses = %+v", mine)
		}

		cov := func() float64 {
			v := webtest.Decode[struct {
				Trained int     `json:"trained"`
				Staff   int     `json:"staff"`
				Share   float64 `json:"share"`
			}](t, w.want(h.Do("GET", "/api/v1/municipalities/"+fx.A.ID+"/training-coverage", adminA, nil), 200, "coverage"))
			if v.Staff != 3 {
				t.Fatalf("coverage staff %d", v.Staff)
			}
			return v.Share
		}
		if got := cov(); got != 0 {
			t.Fatalf("coverage before = %v", got)
		}
		w.want(attend(adminA, btiID, b2, fx.EmployeeA.ID), 200, "b2")
		if got := cov(); !near(got, 1.0/3) {
			t.Fatalf("coverage = %v", got)
		}
		w.want(h.Do("GET", "/api/v1/municipalities/"+fx.A.ID+"/training-coverage", w.as(w.staffC), nil), 404, "other municipality coverage")

		// Removing a participant takes their hours and the competence the course gave.
		w.want(h.Do("DELETE", "/api/v1/courses/"+miID+"/participants/"+fx.EmployeeB.ID, adminA, nil), 403, "admin removes")
		w.want(h.Do("DELETE", "/api/v1/courses/"+miID+"/participants/"+fx.EmployeeB.ID, coord, nil), http.StatusNoContent, "remove")
		if got := area(); !slices.Equal(got, []string{"Lars Lærer"}) {
			t.Fatalf("after removal: %v", got)
		}
		for action, want := range map[string]int{"course.create": 2, "course.session": 5, "course.participants": 3, "course.attendance": 5,
			"course.participant_remove": 1} {
			if got := w.audited(action, ""); got != want {
				t.Errorf("%d %s records, want %d", got, action, want)
			}
		}
	})
}

// TestCourseImport: a CSV of e-mail addresses with a bad row stores none and lists
// every bad row; a good one registers them all.
func TestCourseImport(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		coord := w.as(w.coord)
		cid := webtest.Decode[webtest.ID](t, w.want(h.Do("POST", "/api/v1/courses", coord,
			map[string]any{"title": "Veiledning", "kind": "veiledning", "network_id": w.net.ID}), 201, "course")).ID
		path := "/api/v1/courses/" + cid + "/participants/import"
		bad := "\ufeffe-post;navn\nlarer@skien.no;Lars\nukjent@skien.no\nlarer@bamble.no\n\nLARER@porsgrunn.no\n"
		res := w.want(h.Do("POST", path, coord, bad), 422, "bad rows")
		e := webtest.Decode[webtest.ErrorBody](t, res)
		if len(e.Error.Fields) != 2 || e.Error.Fields["rows.3"] != "not_found" || e.Error.Fields["rows.4"] != "not_allowed" {
			t.Fatalf("fields = %v", e.Error.Fields)
		}
		c := webtest.Decode[courseAnswer](t, w.want(h.Do("GET", "/api/v1/courses/"+cid, coord, nil), 200, "course"))
		if len(c.Participants) != 0 {
			t.Fatalf("a bad import stored %+v", c.Participants)
		}
		w.want(h.Do("POST", path, w.as(fx.AdminA), "larer@skien.no\n"), 403, "member's admin imports")
		w.want(h.Do("POST", path, w.as(w.staffC), "larer@skien.no\n"), 404, "other municipality imports")
		w.want(h.Do("POST", path, "", "larer@skien.no\n"), 401, "anonymous imports")
		good := "e-post\r\nlarer@skien.no\r\nLARER@porsgrunn.no\r\nhelsesykepleier@skien.no\r\n"
		got := webtest.Decode[struct {
			Added int `json:"added"`
		}](t, w.want(h.Do("POST", path, coord, good), 201, "good"))
		c = webtest.Decode[courseAnswer](t, w.want(h.Do("GET", "/api/v1/courses/"+cid, coord, nil), 200, "course"))
		if got.Added != 3 || len(c.Participants) != 3 {
			t.Fatalf("added %d, participants %+v", got.Added, c.Participants)
		}
	})
}
