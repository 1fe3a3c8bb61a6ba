package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestTeamNamedCasePage: from the log, its holder brings it to a coming meeting of
// her team — refused by the consent field (linking to the consent form) while the
// consent does not cover the team, and nothing stored; the page is not there for a
// guardian or someone who may not read the log.
func TestTeamNamedCasePage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, _, _, tok := teamMeeting(t, h)
		coming := webtest.Decode[webtest.Meetings](t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings?from=2026-11-24&to=2026-12-31", tok, nil))
		if len(coming.Meetings) != 3 {
			t.Fatalf("%d coming meetings, want 3", len(coming.Meetings))
		}
		next := coming.Meetings[0].ID
		narrow, _ := namedLog(t, h, tok, fx.UnitA.ID)
		if doc := h.Page("GET", "/logg/"+narrow, tok, nil).Doc(t); doc.Find(`a[href="/logg/`+narrow+`/team"]`).Length() != 1 {
			t.Error("the log page does not offer to bring the log to a team")
		}
		res := h.Page("GET", "/logg/"+narrow+"/team", tok, nil)
		wantStatus(t, res, 200, "named case page")
		doc := res.Doc(t)
		if n := doc.Find("#namedcase-meeting option").Length(); n != 3 {
			t.Errorf("%d meetings offered, want the 3 coming ones", n)
		}
		choice := url.Values{"meeting": {tid + "/" + next}}
		res = h.Page("POST", "/logg/"+narrow+"/team", tok, choice)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("named case without covering consent = %d", res.Status)
		}
		doc = res.Doc(t)
		if doc.Find(`.ds-error-summary a[href="/logg/`+narrow+`/samtykker/ny"]`).Length() != 1 {
			t.Errorf("the error summary does not link to the consent form: %s", doc.Find(".ds-error-summary").Text())
		}
		if got := meetingOf(t, h, tok, tid, next); len(got.Cases) != 0 {
			t.Fatalf("a refused case was stored: %+v", got.Cases)
		}
		if res := h.Page("POST", "/logg/"+narrow+"/team", tok, url.Values{"meeting": {""}}); res.Status != http.StatusUnprocessableEntity ||
			res.Doc(t).Find("#namedcase-meeting-error").Length() != 1 {
			t.Errorf("no meeting chosen = %d without its message", res.Status)
		}

		id, _ := namedLog(t, h, tok, fx.UnitA.ID, fx.UnitA2.ID)
		res = h.Page("POST", "/logg/"+id+"/team", tok, choice)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/team/"+tid+"/mote/"+next {
			t.Fatalf("named case = %d %s", res.Status, res.Header.Get("Location"))
		}
		got := meetingOf(t, h, h.Login(fx.EmployeeA2), tid, next)
		if len(got.Cases) != 1 || got.Cases[0].Concern != "Ola er mye borte fra skolen." {
			t.Fatalf("the named case = %+v", got.Cases)
		}

		// Not there for someone who may not read the log, nor for anyone signed out.
		wantStatus(t, h.Page("GET", "/logg/"+id+"/team", h.Login(fx.EmployeeA2), nil), 404, "a member who may not read the log")
		wantStatus(t, h.Page("POST", "/logg/"+id+"/team", h.Login(fx.EmployeeB), choice), 404, "other municipality")
		if res := h.Page("GET", "/logg/"+id+"/team", "", nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/innlogging") {
			t.Errorf("signed out = %d %s", res.Status, res.Header.Get("Location"))
		}
	})
}

// TestTeamCaseLogPage: the one who brought an anonymous case opens an undring from
// it on a page that shows what is carried over; the new log has the question and
// the advice; nobody else has the page.
func TestTeamCaseLogPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, m0, _, tok := teamMeeting(t, h)
		cid := webtest.IDOf(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+m0+"/cases", tok, anonCase(fx.UnitA.ID)))
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+cid+"/advice", tok, map[string]any{"text": "Inviter foreldrene til samtale."}), 201, "advice")
		path := "/team/" + tid + "/mote/" + m0 + "/saker/" + cid + "/logg"
		nurse := h.Login(fx.EmployeeA2)
		if doc := h.Page("GET", "/team/"+tid+"/mote/"+m0, tok, nil).Doc(t); doc.Find(`a[href="`+path+`"]`).Length() != 1 {
			t.Error("the meeting page does not offer the bringer to open a log")
		}
		if doc := h.Page("GET", "/team/"+tid+"/mote/"+m0, nurse, nil).Doc(t); doc.Find(`a[href="`+path+`"]`).Length() != 0 {
			t.Error("another member is offered to open a log from the case")
		}
		res := h.Page("GET", path, tok, nil)
		wantStatus(t, res, 200, "case to log page")
		doc := res.Doc(t)
		if doc.Find("#caselog-question").Text() != "Hva kan skolen gjøre før vi melder?" || !strings.Contains(doc.Find("#caselog-advice").Text(), "Inviter foreldrene") {
			t.Errorf("what is carried over: %q / %q", doc.Find("#caselog-question").Text(), doc.Find("#caselog-advice").Text())
		}
		wantStatus(t, h.Page("GET", path, nurse, nil), 404, "another member")
		wantStatus(t, h.Page("GET", path, h.Login(fx.EmployeeB), nil), 404, "other municipality")

		res = h.Page("POST", path, tok, url.Values{"unit_id": {fx.UnitA.ID}, "name": {"Kari Nordmann"}})
		if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#caselog-birth-date-error").Length() != 1 {
			t.Fatalf("no birth date = %d without its message", res.Status)
		}
		res = h.Page("POST", path, tok, url.Values{"unit_id": {fx.UnitA.ID}, "name": {"Kari Nordmann"}, "birth_date": {"2017-05-03"}})
		loc := res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/logg/") {
			t.Fatalf("case to log = %d %s", res.Status, loc)
		}
		l := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+strings.TrimPrefix(loc, "/logg/"), tok, nil))
		if l.Status != "undring" || len(l.Entries) != 2 || l.Child.Name != "Kari Nordmann" {
			t.Fatalf("the log = %+v", l)
		}
		// Once it is a log, the page is gone and the meeting links the log instead.
		wantStatus(t, h.Page("GET", path, tok, nil), 404, "a second time")
		if doc := h.Page("GET", "/team/"+tid+"/mote/"+m0, tok, nil).Doc(t); doc.Find(`a[href="/logg/`+l.ID+`"]`).Length() != 1 {
			t.Error("the meeting does not link the new log")
		}
	})
}
