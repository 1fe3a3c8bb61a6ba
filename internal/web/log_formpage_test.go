package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestFailedFormOnItsOwnPage: a form that could not be saved comes back on a page of
// its own, the error summary first under the heading, each message beside its field
// saying how to put it right, optional fields never flagged, and nothing written
// (issue 21, point 1).
func TestFailedFormOnItsOwnPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder := h.Login(fx.EmployeeA)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		logp := "/logg/" + id
		res := h.Page("POST", logp+"/innslag", holder, url.Values{"kind": {"measure"}, "text": {"Lesekurs i fire uker."},
			"responsible_user_id": {fx.EmployeeA.ID}, "start_date": {"2026-11-23"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("failed measure = %d", res.Status)
		}
		doc := res.Doc(t)
		// The page is the form's: one form, not the log with all its sections.
		if n := doc.Find("main form[method=post]").Length(); n != 1 || doc.Find("#h-timeline").Length() != 0 {
			t.Errorf("the failed form is shown on a page with %d forms and the timeline", n)
		}
		if got := strings.TrimSpace(doc.Find("main h1").Text()); got != "Legg til et tiltak" {
			t.Errorf("heading = %q", got)
		}
		// The summary comes before the form.
		if doc.Find("main .ds-error-summary + form").Length() != 1 {
			t.Error("the error summary is not right above the form")
		}
		want := map[string]string{"entry-measure-goal": "Skriv hva tiltaket skal oppnå.", "entry-measure-evaluate-by": "Skriv datoen tiltaket skal evalueres."}
		for field, msg := range want {
			if got := strings.TrimSpace(doc.Find("#" + field + "-error").Text()); got != msg {
				t.Errorf("message at %s = %q, want %q", field, got, msg)
			}
			if doc.Find(`.ds-error-summary a[href="#`+field+`"]`).Length() != 1 {
				t.Errorf("the summary does not link to %s", field)
			}
		}
		if n := doc.Find(".ds-validation-message").Length(); n != len(want) {
			t.Errorf("%d messages, want %d", n, len(want))
		}
		if doc.Find("#entry-measure-catalog-service-id-error").Length() != 0 {
			t.Error("the optional service choice is flagged")
		}
		if v := doc.Find("#entry-measure-text").Text(); v != "Lesekurs i fire uker." {
			t.Errorf("the text typed is lost: %q", v)
		}
		// The language switch comes back to the form, not to where it posted.
		if v, _ := doc.Find(`input[name="neste"]`).Attr("value"); v != logp+"/innslag/ny?type=measure" {
			t.Errorf("language switch returns to %q", v)
		}
		lg := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, holder, nil))
		for _, e := range lg.Entries {
			if e.Kind == "measure" {
				t.Error("the failed measure was written")
			}
		}
		// The name of an undring is marked optional no more: it is flagged only with
		// what to write instead.
		res = h.Page("POST", "/logg", holder, url.Values{"unit_id": {fx.UnitA.ID}, "birth_date": {"2017-03-14"}, "concern": {"x"}})
		doc = res.Doc(t)
		if l := doc.Find(`label[for="undring-name"]`).Text(); strings.Contains(l, "valgfritt") {
			t.Errorf("the name is labelled %q and flagged", l)
		}
		if got := doc.Find("#undring-name-error").Text(); got != "Skriv barnets navn eller initialene." {
			t.Errorf("name message = %q", got)
		}
		// An unknown kind of form is not found.
		if res := h.Page("GET", logp+"/innslag/ny?type=closure", holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("form for kind closure = %d", res.Status)
		}
	})
}

// TestMissingConsentLinksToItsForm: changing the level of a log without consent says
// what is missing and links to where it is given (issue 21, point 3).
func TestMissingConsentLinksToItsForm(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder := h.Login(fx.EmployeeA)
		id := o.open(holder, fx.UnitA.ID, map[string]any{"initials": "ÅB", "birth_date": "2016-05-01"}, "Sliten.")
		logp := "/logg/" + id
		res := h.Page("POST", logp+"/undring", holder, url.Values{"outcome": {"activated"}, "text": {"Vi starter."}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("activate without consent = %d", res.Status)
		}
		doc := res.Doc(t)
		consent := doc.Find(`.ds-error-summary a[href="` + logp + `/samtykker/ny"]`)
		if !strings.Contains(consent.Text(), "trenger et gyldig samtykke") || strings.Contains(consent.Text(), "Dette mangler") {
			t.Errorf("the consent line = %q", consent.Text())
		}
		if g := doc.Find(`.ds-error-summary a[href="` + logp + `/foresatte"]`); !strings.Contains(g.Text(), "foreldreansvar") {
			t.Errorf("the guardian line = %q", g.Text())
		}
		if res := h.Page("GET", logp+"/foresatte", holder, nil); res.Status != http.StatusOK || res.Doc(t).Find(`form[action="`+logp+`/foresatte"] #guardian-name`).Length() != 1 {
			t.Errorf("the guardian form's page = %d", res.Status)
		}
	})
}

// TestIrreversibleStepsAsk: closing, withdrawing a consent, removing a participant
// and stopping a guardian's access are asked on a page of their own that says what
// will happen; the log page has no button that does any of them (issue 21, point 4).
func TestIrreversibleStepsAsk(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, leader, guardian := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain)
		id := o.open(holder, fx.UnitA.ID, map[string]any{"name": "Åse Bjørnstad", "birth_date": "2016-05-01"}, "Sliten.")
		o.guardian(holder, id, fx.Plain.ID, true)
		cid := o.consent(holder, id, map[string]any{"given_by": "Frida Forelder"}, fx.UnitA.ID, fx.UnitA2.ID)
		o.level(holder, id, 1)
		o.participant(holder, id, fx.EmployeeA2.ID, "write")
		logp := "/logg/" + id
		api := "/api/v1/logs/" + id

		for _, tok := range []string{holder, leader, guardian} {
			doc := h.Page("GET", logp, tok, nil).Doc(t)
			for _, sel := range []string{`form[action$="/avslutt"]`, `form[action$="/trekk"]`, `form[action$="/fjern"]`, `form[action$="/suspender"]`} {
				if n := doc.Find(sel).Length(); n != 0 {
					t.Errorf("the log page has %d × %s", n, sel)
				}
			}
		}
		// A guardian's close is asked first, and a close without reason comes back on
		// its page.
		res := h.Page("POST", logp+"/avslutt", guardian, url.Values{"text": {"Vi flytter."}})
		doc := res.Doc(t)
		if res.Status != http.StatusUnprocessableEntity || doc.Find("#what-happens").Length() != 1 ||
			strings.TrimSpace(doc.Find("#close-reason-error").Text()) != "Velg hvorfor loggen avsluttes." {
			t.Errorf("close without reason = %d\n%s", res.Status, flat(doc.Find("main").Text()))
		}
		if lg := webtest.Decode[webtest.Log](t, h.Do("GET", api, holder, nil)); lg.Status != "active" {
			t.Fatalf("a refused close closed the log: %s", lg.Status)
		}

		// Stopping a guardian's access: the reason is asked with what it means.
		res = h.Page("POST", logp+"/foresatte/"+fx.Plain.ID+"/suspender", leader, url.Values{"reason": {""}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(flat(res.Doc(t).Find("#what-happens").Text()), "Frida Forelder ser ingenting i loggen lenger") {
			t.Errorf("suspend without reason = %d", res.Status)
		}
		if res := h.Page("GET", logp+"/foresatte/"+unknownID(t)+"/suspender", leader, nil); res.Status != http.StatusNotFound {
			t.Errorf("suspend page of someone not linked = %d", res.Status)
		}

		// Withdrawing the consent names the participant who loses access.
		page := h.Page("GET", logp+"/samtykker/"+cid+"/trekk", guardian, nil)
		if !strings.Contains(flat(page.Doc(t).Find("#what-happens").Text()), "Hege Helse, Helsestasjonen") {
			t.Errorf("the withdraw page does not say who loses access")
		}
		if res := h.Page("GET", logp+"/samtykker/"+unknownID(t)+"/trekk", guardian, nil); res.Status != http.StatusNotFound {
			t.Errorf("withdraw page of an unknown consent = %d", res.Status)
		}

		// Removing the participant: asked, then done.
		page = h.Page("GET", logp+"/aktorer/"+fx.EmployeeA2.ID+"/fjern", holder, nil)
		if page.Status != http.StatusOK || page.Doc(t).Find(`form[action="`+logp+`/aktorer/`+fx.EmployeeA2.ID+`/fjern"] button`).Length() != 1 {
			t.Fatalf("remove page = %d", page.Status)
		}
		if res := h.Page("POST", logp+"/aktorer/"+fx.EmployeeA2.ID+"/fjern", holder, url.Values{}); res.Status != http.StatusSeeOther {
			t.Errorf("remove = %d", res.Status)
		}
		if res := h.Page("GET", logp+"/aktorer/"+fx.EmployeeA2.ID+"/fjern", h.Login(fx.EmployeeA2), nil); res.Status != http.StatusNotFound {
			t.Errorf("the removed participant's remove page = %d, want 404", res.Status)
		}

		// Withdraw, then close from the confirmation pages.
		if res := h.Page("POST", logp+"/samtykker/"+cid+"/trekk", guardian, url.Values{}); res.Status != http.StatusSeeOther {
			t.Errorf("withdraw = %d", res.Status)
		}
		res = h.Page("POST", logp+"/avslutt", guardian, url.Values{"reason": {"moved"}, "text": {"Vi flytter."}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != logp {
			t.Errorf("close = %d %s", res.Status, res.Header.Get("Location"))
		}
		if lg := webtest.Decode[webtest.Log](t, h.Do("GET", api, holder, nil)); lg.Status != "closed" || lg.ClosureReason != "moved" {
			t.Errorf("after close: %s %s", lg.Status, lg.ClosureReason)
		}
		// A closed log asks nothing any more.
		if res := h.Page("GET", logp+"/avslutt", holder, nil); res.Status != http.StatusForbidden {
			t.Errorf("close page of a closed log = %d", res.Status)
		}
	})
}
