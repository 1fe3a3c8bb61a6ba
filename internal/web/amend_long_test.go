package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// TestAmendInLongLog covers the rest of issue 21 point 5: in a log of more than
// 100 entries (the API's first page), the oldest note is still corrected from its
// page (the log page reads every entry); another person's entry stays forbidden,
// an old version is not found and another municipality sees nothing.
func TestAmendInLongLog(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, leader := h.Login(fx.EmployeeA), h.Login(fx.LeaderA)
		id := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		first := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Den første"}), 201, "note")
		amend := func(eid string) string { return "/logg/" + id + "/innslag/" + eid + "/rett" }
		res := h.Page("POST", amend(first), holder, url.Values{"kind": {"note"}, "text": {"Den første, rettet"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("correction = %d", res.Status)
		}
		newest := ""
		for _, e := range x.log(holder, id).Entries {
			if e.Amends != nil && *e.Amends == first {
				newest = e.ID
			}
		}
		h.SetClock(time.Date(2027, 3, 2, 10, 1, 0, 0, time.UTC))
		for i := range 105 {
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": fmt.Sprintf("Notat %d", i)}), 201, "note")
		}
		if strings.Contains(string(h.Page("GET", "/logg/"+id, holder, nil).Body), "Den første, rettet") {
			t.Fatal("the log page holds the oldest note; the test needs a longer log")
		}
		res = h.Page("GET", amend(newest), holder, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("correcting an old entry = %d, want 200", res.Status)
		}
		doc := res.Doc(t)
		if got := doc.Find("#amend-" + newest + "-text").Text(); got != "Den første, rettet" {
			t.Errorf("text field = %q", got)
		}
		if res := h.Page("GET", amend(first), holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("an old version = %d, want 404", res.Status)
		}
		if res := h.Page("GET", amend(newest), leader, nil); res.Status != http.StatusForbidden {
			t.Errorf("leader = %d, want 403", res.Status)
		}
		if res := h.Page("GET", amend(newest), h.Login(fx.EmployeeB), nil); res.Status != http.StatusNotFound {
			t.Errorf("other municipality = %d, want 404", res.Status)
		}
		res = h.Page("POST", amend(newest), holder, url.Values{"kind": {"note"}, "text": {"Den første, rettet igjen"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("second correction = %d", res.Status)
		}
	})
}
