package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// TestLongTimelinePaged: a log of 200 entries shows its newest 20 first, newest on
// top, with a link to the next older ones that keeps the filter; the print view has
// them all (issue 21, point 2).
func TestLongTimelinePaged(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder := h.Login(fx.EmployeeA)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		logp := "/logg/" + id
		for i := 1; i <= 200; i++ {
			kind := "note"
			if i%4 == 0 {
				kind = "bright_spot"
			}
			h.Clock.Add(time.Minute)
			o.ok(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": kind, "text": fmt.Sprintf("Innslag nummer %d.", i)}), 201, "entry")
		}
		res := h.Page("GET", logp, holder, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("log page = %d", res.Status)
		}
		doc := res.Doc(t)
		items := doc.Find("#timeline ol.timeline > li")
		if items.Length() != 20 {
			t.Fatalf("the timeline shows %d entries, want 20", items.Length())
		}
		if first := items.First().Find(".entry-text").Text(); first != "Innslag nummer 200." {
			t.Errorf("first entry = %q, want the newest", first)
		}
		older := doc.Find(`#timeline a[href^="` + logp + `?vis=40#innslag-"]`)
		if older.Length() != 1 || strings.TrimSpace(older.Text()) != "Vis 20 eldre innslag" {
			t.Fatalf("no link to older entries")
		}
		// The action bar is at the top, before the first section.
		if doc.Find(`main > nav.action-bar ~ section[aria-labelledby="h-level"]`).Length() != 1 {
			t.Error("the action bar is not above the log's first section")
		}
		if doc.Find(`main > nav.action-bar a[href="`+logp+`/innslag/ny?type=note"]`).Length() != 1 {
			t.Error("no action bar link to a new note")
		}
		href, _ := older.Attr("href")
		href, _, _ = strings.Cut(href, "#") // a browser keeps the fragment to itself
		doc = h.Page("GET", href, holder, nil).Doc(t)
		if n := doc.Find("#timeline ol.timeline > li").Length(); n != 40 {
			t.Errorf("after show older: %d entries, want 40", n)
		}
		// The filter by kind keeps paging within the kind.
		doc = h.Page("GET", logp+"?type=bright_spot", holder, nil).Doc(t)
		items = doc.Find("#timeline ol.timeline > li")
		if items.Length() != 20 || !strings.Contains(doc.Find("#timeline").Text(), "Viser de 20 nyeste av 50 innslag.") {
			t.Errorf("bright spots: %d shown: %q", items.Length(), flat(doc.Find("#timeline > p").First().Text()))
		}
		if doc.Find(`#timeline a[href*="type=bright_spot"][href*="vis=40"]`).Length() != 1 {
			t.Error("show older loses the filter")
		}
		if n := h.Page("GET", logp+"?vis=alle", holder, nil).Doc(t).Find("#timeline ol.timeline > li").Length(); n < 200 {
			t.Errorf("vis=alle shows %d", n)
		}
		if n := h.Page("GET", logp+"/utskrift", holder, nil).Doc(t).Find("#timeline ol.timeline > li").Length(); n < 200 {
			t.Errorf("the print view shows %d entries, want all", n)
		}
	})
}
