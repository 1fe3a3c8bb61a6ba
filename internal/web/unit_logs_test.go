package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/web/webtest"
)

// TestUnitLogsPage covers issue 21 point 7: a leader's unit view (/enhet/{id},
// linked from their overview) lists every log of the unit and only those, filters by
// level, status, holder and passed deadline, searches by child, sorts, pages 50 at a
// time, lists what is overdue with who must act, and records each log shown in its
// access log. Everyone but the unit's leaders gets 404; anonymous is sent to sign in.
func TestUnitLogsPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, nurse, leader := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.LeaderA)
		mia := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		x.consent(holder, mia, fx.UnitA.ID, fx.UnitA2.ID)
		x.guardian(holder, mia, fx.Plain.ID, true)
		x.activate(holder, mia)
		x.want(h.Do("POST", "/api/v1/logs/"+mia+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		x.want(h.Do("POST", "/api/v1/logs/"+mia+"/entries", holder, map[string]any{
			"kind": "measure", "text": "Samtaler", "goal": "Mia sover bedre", "responsible_user_id": fx.EmployeeA2.ID,
			"start_date": "2027-03-01", "evaluate_by": "2027-03-15"}), 201, "measure")
		h.SetClock(time.Date(2027, 3, 1, 10, 5, 0, 0, time.UTC))
		x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2019-05-02")
		x.open(nurse, fx.UnitA2.ID, "Per Persen", "2017-01-01")
		h.SetClock(time.Date(2027, 4, 1, 10, 0, 0, 0, time.UTC))
		holder, nurse, leader = h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.LeaderA)
		path := "/enhet/" + fx.UnitA.ID

		if h.Page("GET", "/", leader, nil).Doc(t).Find(`a[href="`+path+`"]`).Length() != 1 {
			t.Error("the leader's overview does not link to the unit view")
		}
		if h.Page("GET", "/", holder, nil).Doc(t).Find(`a[href^="/enhet/"]`).Length() != 0 {
			t.Error("an employee's overview links to a unit view")
		}
		listed := func(query string) []string {
			t.Helper()
			res := h.Page("GET", path+query, leader, nil)
			if res.Status != http.StatusOK {
				t.Fatalf("GET %s = %d", query, res.Status)
			}
			var out []string
			res.Doc(t).Find("ul.unit-logs h3 a").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
			return out
		}
		want := func(query string, names ...string) {
			t.Helper()
			if got := listed(query); strings.Join(got, ",") != strings.Join(names, ",") {
				t.Errorf("%q lists %q, want %q", query, got, names)
			}
		}
		want("", "Ola Nordmann", "Mia Kristiansen")
		want("?sorter=old", "Mia Kristiansen", "Ola Nordmann")
		want("?sorter=child", "Mia Kristiansen", "Ola Nordmann")
		want("?niva=1", "Mia Kristiansen")
		want("?niva=0", "Ola Nordmann")
		want("?barn=OLA", "Ola Nordmann")
		want("?barn=kristian", "Mia Kristiansen")
		want("?barn=nobody")
		want("?frist=1", "Ola Nordmann", "Mia Kristiansen")
		want("?holder="+fx.EmployeeA.ID, "Ola Nordmann", "Mia Kristiansen")
		want("?holder=" + fx.LeaderA.ID)
		want("?status=closed")
		want("?niva=9&sorter=nonsense&side=-3&status=x", "Ola Nordmann", "Mia Kristiansen")

		doc := h.Page("GET", path, leader, nil).Doc(t)
		overdue := doc.Find("section[aria-labelledby=h-unit-overdue]").Text()
		for _, s := range []string{"Ola Nordmann", "fristen var 15. mars 2027", fx.EmployeeA.Name + " må følge opp",
			"Mia Kristiansen", fx.EmployeeA2.Name + " må følge opp"} {
			if !strings.Contains(overdue, s) {
				t.Errorf("the overdue lists do not say %q:\n%s", s, overdue)
			}
		}
		if strings.Contains(doc.Find("main").Text(), "Per Persen") {
			t.Error("a log of another unit is listed")
		}
		found := false
		for _, e := range webtest.Decode[webtest.AccessLog](t, h.Do("GET", "/api/v1/logs/"+mia+"/access-log", holder, nil)).Events {
			if e.Action == "log.list" && e.Actor.ID == fx.LeaderA.ID {
				found = true
			}
		}
		if !found {
			t.Error("the unit view is not in the log's access log")
		}

		// Paging: 50 on a page, a link to the next that keeps the filter.
		for i := range 50 {
			x.open(holder, fx.UnitA.ID, fmt.Sprintf("Barn %02d", i), "2019-01-01")
		}
		res := h.Page("GET", path+"?niva=0", leader, nil)
		doc = res.Doc(t)
		if n := doc.Find("ul.unit-logs > li").Length(); n != 50 {
			t.Errorf("page 1 lists %d logs, want 50", n)
		}
		if got := doc.Find("main [role=status]").Text(); !strings.Contains(got, "Viser 1–50 av 51.") {
			t.Errorf("count = %q", got)
		}
		next, _ := doc.Find(`a[rel=next]`).Attr("href")
		if next != path+"?niva=0&side=2" {
			t.Errorf("next page link = %q", next)
		}
		want("?niva=0&side=2", "Ola Nordmann")

		for who, tok := range map[string]string{"employee of the unit": holder, "employee elsewhere": nurse,
			"municipality admin": h.Login(fx.AdminA), "other municipality": h.Login(fx.EmployeeB), "guardian": h.Login(fx.Plain)} {
			if res := h.Page("GET", path, tok, nil); res.Status != http.StatusNotFound {
				t.Errorf("%s = %d, want 404", who, res.Status)
			}
		}
		if res := h.Page("GET", "/enhet/"+fx.UnitA2.ID, leader, nil); res.Status != http.StatusNotFound {
			t.Errorf("a unit the leader does not lead = %d, want 404", res.Status)
		}
		if res := h.Page("GET", "/enhet/nope", leader, nil); res.Status != http.StatusNotFound {
			t.Errorf("unknown unit = %d, want 404", res.Status)
		}
		if res := h.Page("GET", path, "", nil); res.Status != http.StatusSeeOther {
			t.Errorf("anonymous = %d, want a redirect to sign in", res.Status)
		}
	})
}
