package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// TestCorrectionPages covers issue 21 point 5 in the pages: the holder corrects the
// child's details on /logg/{id}/barn and moves a measure's evaluation date with a
// reason on /logg/{id}/tiltak/{mid}/flytt; both are linked from the log for those
// who may, refused for the others (403 for a reader of the log, 404 outside it),
// and a failed try comes back on its page with the message at its field and
// nothing written. The timeline shows the correction and the measure's earlier
// version.
func TestCorrectionPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, guardian, outsider := h.Login(fx.EmployeeA), h.Login(fx.Plain), h.Login(fx.EmployeeB)
		id := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		x.consent(holder, id, fx.UnitA.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		mid := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
			"kind": "measure", "text": "Samtaler", "goal": "Mia sover bedre", "responsible_user_id": fx.EmployeeA.ID,
			"start_date": "2027-03-01", "evaluate_by": "2027-04-15"}), 201, "measure")
		logp := "/logg/" + id
		childp, movep := logp+"/barn", logp+"/tiltak/"+mid+"/flytt"

		doc := h.Page("GET", logp, holder, nil).Doc(t)
		for _, href := range []string{childp, movep} {
			if doc.Find(`a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("the log page does not link to %s", href)
			}
		}
		gdoc := h.Page("GET", logp, guardian, nil).Doc(t)
		if gdoc.Find(`a[href="`+childp+`"]`).Length()+gdoc.Find(`a[href="`+movep+`"]`).Length() != 0 {
			t.Error("the guardian is offered the corrections")
		}

		res := h.Page("GET", childp, holder, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s = %d", childp, res.Status)
		}
		doc = res.Doc(t)
		if v, _ := doc.Find("#child-name").Attr("value"); v != "Mia Kristiansen" {
			t.Errorf("name field = %q", v)
		}
		if v, _ := doc.Find("#child-birth-date").Attr("value"); v != "2018-03-01" {
			t.Errorf("birth date field = %q", v)
		}
		for who, tok := range map[string]string{"guardian": guardian} {
			for _, p := range []string{childp, movep} {
				if res := h.Page("GET", p, tok, nil); res.Status != http.StatusForbidden {
					t.Errorf("%s GET %s = %d, want 403", who, p, res.Status)
				}
				if res := h.Page("POST", p, tok, url.Values{"name": {"X"}, "evaluate_by": {"2027-06-01"}, "reason": {"x"}}); res.Status != http.StatusForbidden {
					t.Errorf("%s POST %s = %d, want 403", who, p, res.Status)
				}
			}
		}
		for _, p := range []string{childp, movep} {
			if res := h.Page("GET", p, outsider, nil); res.Status != http.StatusNotFound {
				t.Errorf("other municipality GET %s = %d, want 404", p, res.Status)
			}
		}
		if res := h.Page("GET", logp+"/tiltak/nope/flytt", holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("unknown measure = %d, want 404", res.Status)
		}

		// A failed correction: the message at its field, nothing written.
		res = h.Page("POST", childp, holder, url.Values{"name": {"Mia Kristiansen"}, "initials": {"M1"}, "birth_date": {"2018-03-01"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad initials = %d", res.Status)
		}
		doc = res.Doc(t)
		if got := strings.TrimSpace(doc.Find("#child-initials-error").Text()); got != "Skriv bare bokstavene, for eksempel MK eller M.K. (høyst fire)." {
			t.Errorf("initials message = %q", got)
		}
		if doc.Find(`.ds-error-summary a[href="#child-initials"]`).Length() != 1 {
			t.Error("the summary does not link to the initials")
		}
		res = h.Page("POST", childp, holder, url.Values{"name": {"Mia Kristiansen"}, "initials": {""}, "birth_date": {"2018-03-01"}})
		if got := strings.TrimSpace(res.Doc(t).Find("#child-name-error").Text()); res.Status != 422 || !strings.HasPrefix(got, "Du har ikke endret noe.") {
			t.Errorf("unchanged = %d %q", res.Status, got)
		}
		if c := x.log(holder, id).Child; c.Name != "Mia Kristiansen" || c.Initials != "" {
			t.Errorf("failed corrections changed the child: %+v", c)
		}

		res = h.Page("POST", childp, holder, url.Values{"name": {"Mia Kristensen"}, "initials": {""}, "birth_date": {"2018-03-10"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != logp {
			t.Fatalf("correction = %d %s", res.Status, res.Header.Get("Location"))
		}
		doc = h.Page("GET", logp, holder, nil).Doc(t)
		if got := strings.TrimSpace(doc.Find("main h1").Text()); got != "Mia Kristensen" {
			t.Errorf("heading after the correction = %q", got)
		}
		if !strings.Contains(doc.Find("#h-timeline").Parent().Text(), "Barnets navn ble rettet fra «Mia Kristiansen» til «Mia Kristensen».") {
			t.Error("the timeline does not show the correction")
		}

		// Moving the evaluation date: a reason is needed.
		res = h.Page("POST", movep, holder, url.Values{"evaluate_by": {"2027-06-01"}, "reason": {""}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("move without reason = %d", res.Status)
		}
		doc = res.Doc(t)
		if got := strings.TrimSpace(doc.Find("#move-" + mid + "-reason-error").Text()); got != "Skriv kort hvorfor datoen flyttes." {
			t.Errorf("reason message = %q", got)
		}
		if v, _ := doc.Find("#move-" + mid + "-evaluate-by").Attr("value"); v != "2027-06-01" {
			t.Errorf("the date typed is lost: %q", v)
		}
		res = h.Page("POST", movep, holder, url.Values{"evaluate_by": {"2027-06-01"}, "reason": {"Påskeferie"}})
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), logp+"#innslag-") {
			t.Fatalf("move = %d %s", res.Status, res.Header.Get("Location"))
		}
		doc = h.Page("GET", logp, holder, nil).Doc(t)
		text := doc.Find("main").Text()
		for _, want := range []string{"Evalueringsdatoen for tiltaket ble flyttet fra 15. april 2027 til 1. juni 2027.", "Påskeferie", "1. juni 2027"} {
			if !strings.Contains(text, want) {
				t.Errorf("the log page does not say %q", want)
			}
		}
		// The old version's page is gone: it was corrected.
		if res := h.Page("GET", movep, holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("moving the old version = %d, want 404", res.Status)
		}
	})
}

// TestAmendFromPage covers issue 21 point 5: the author corrects their entry from
// the log page; the form comes filled in with what the entry says, saving adds a
// new version and the timeline shows the old one behind it. Someone else's entry,
// an old version and a closed log offer nothing; an empty text comes back with its
// message and writes nothing.
func TestAmendFromPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, leader, guardian, outsider := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain), h.Login(fx.EmployeeB)
		id := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		x.consent(holder, id, fx.UnitA.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		note := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Mia var sliten i dag"}), 201, "note")
		mid := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
			"kind": "measure", "text": "Samtaler", "goal": "Mia sover bedre", "responsible_user_id": fx.EmployeeA.ID,
			"start_date": "2027-03-01", "evaluate_by": "2027-04-15"}), 201, "measure")
		logp := "/logg/" + id
		amend := func(eid string) string { return logp + "/innslag/" + eid + "/rett" }

		doc := h.Page("GET", logp, holder, nil).Doc(t)
		for _, eid := range []string{note, mid} {
			if doc.Find(`#innslag-`+eid+` a[href="`+amend(eid)+`"]`).Length() != 1 {
				t.Errorf("the timeline does not offer to correct %s", eid)
			}
		}
		if n := h.Page("GET", logp, leader, nil).Doc(t).Find(`a[href="` + amend(note) + `"]`).Length(); n != 0 {
			t.Error("the leader is offered to correct the holder's note")
		}
		if res := h.Page("GET", amend(note), leader, nil); res.Status != http.StatusForbidden {
			t.Errorf("leader GET = %d, want 403", res.Status)
		}
		if res := h.Page("POST", amend(note), guardian, url.Values{"kind": {"note"}, "text": {"x"}}); res.Status != http.StatusForbidden {
			t.Errorf("guardian POST = %d, want 403", res.Status)
		}
		if res := h.Page("GET", amend(note), outsider, nil); res.Status != http.StatusNotFound {
			t.Errorf("other municipality GET = %d, want 404", res.Status)
		}

		doc = h.Page("GET", amend(mid), holder, nil).Doc(t)
		if v, _ := doc.Find("#amend-" + mid + "-goal").Attr("value"); v != "Mia sover bedre" {
			t.Errorf("goal field = %q", v)
		}
		if v, _ := doc.Find("#amend-" + mid + "-evaluate-by").Attr("value"); v != "2027-04-15" {
			t.Errorf("evaluate_by field = %q", v)
		}
		if doc.Find(".ds-error-summary").Length() != 0 {
			t.Error("the unsent form shows an error summary")
		}
		res := h.Page("POST", amend(note), holder, url.Values{"kind": {"note"}, "text": {"  "}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("empty correction = %d", res.Status)
		}
		if got := strings.TrimSpace(res.Doc(t).Find("#amend-" + note + "-text-error").Text()); got != "Skriv teksten før du lagrer. Et innslag kan ikke være tomt." {
			t.Errorf("text message = %q", got)
		}
		res = h.Page("POST", amend(note), holder, url.Values{"kind": {"note"}, "text": {"Mia var sliten etter svømming"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("correction = %d", res.Status)
		}
		versions := 0
		for _, e := range x.log(holder, id).Entries {
			if e.Kind == "note" {
				versions++
			}
		}
		if versions != 2 {
			t.Errorf("%d versions of the note, want 2", versions)
		}
		doc = h.Page("GET", logp, holder, nil).Doc(t)
		text := doc.Find("#h-timeline").Parent().Text()
		if !strings.Contains(text, "Mia var sliten etter svømming") || !strings.Contains(text, "Tidligere versjoner") || !strings.Contains(text, "Mia var sliten i dag") {
			t.Error("the timeline does not show the new version with the old behind it")
		}
		if res := h.Page("GET", amend(note), holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("correcting the old version = %d, want 404", res.Status)
		}
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/close", holder, map[string]any{"reason": "goal_reached", "text": "Ferdig"}), 200, "close")
		if n := h.Page("GET", logp, holder, nil).Doc(t).Find(`a[href$="/rett"]`).Length(); n != 0 {
			t.Errorf("a closed log offers %d corrections", n)
		}
	})
}
