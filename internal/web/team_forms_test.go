package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestTeamMeetingForms: the meeting page's forms do what the API does — add an
// anonymous case (refusing a national ID by the field, nothing saved), write advice
// with a follow-up, save attendance and minutes, move and cancel the meeting — and
// only for the team's members.
func TestTeamMeetingForms(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, m0, m1, tok := teamMeeting(t, h)
		base := "/team/" + tid + "/mote/" + m0
		doc := h.Page("GET", base, tok, nil).Doc(t)
		for _, sel := range []string{`form[action="` + base + `/saker"]`, `form[action="` + base + `/referat"]`, `form[action="` + base + `/flytt"]`, `form[action="` + base + `/avlys"]`} {
			if doc.Find(sel).Length() != 1 {
				t.Errorf("the meeting page lacks %s", sel)
			}
		}
		if doc.Find(`#case-brought-by-unit-id option[value="`+fx.UnitA.ID+`"]`).Length() != 1 {
			t.Error("the case form does not offer the teacher's unit")
		}

		// A case with a national ID: 422 with the message by the field, nothing saved.
		bad := url.Values{"grade": {"3"}, "theme": {"Fravær"}, "question": {"Gjelder 01021512345, hva gjør vi?"}, "brought_by_unit_id": {fx.UnitA.ID}}
		res := h.Page("POST", base+"/saker", tok, bad)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("case with a national ID = %d", res.Status)
		}
		if msg := res.Doc(t).Find("#case-question-error").Text(); !strings.Contains(msg, "fødselsnummer") {
			t.Errorf("the question's error says %q", msg)
		}
		if n := len(meetingOf(t, h, tok, tid, m0).Cases); n != 0 {
			t.Fatalf("a refused case was saved: %d cases", n)
		}
		if res := h.Page("POST", base+"/saker", tok, url.Values{"age": {"tolv"}, "theme": {"X"}, "question": {"Y"}, "brought_by_unit_id": {fx.UnitA.ID}}); res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#case-age-error").Length() != 1 {
			t.Errorf("a malformed age = %d without its message", res.Status)
		}

		good := url.Values{"grade": {"3"}, "theme": {"Fravær"}, "question": {"Hva kan skolen gjøre før vi melder?"}, "brought_by_unit_id": {fx.UnitA.ID}}
		if res := h.Page("POST", base+"/saker", tok, good); res.Status != http.StatusSeeOther || res.Header.Get("Location") != base {
			t.Fatalf("add case = %d %s", res.Status, res.Header.Get("Location"))
		}
		md := meetingOf(t, h, tok, tid, m0)
		if len(md.Cases) != 1 || md.Cases[0].Question != "Hva kan skolen gjøre før vi melder?" || md.Cases[0].Grade == nil || *md.Cases[0].Grade != 3 {
			t.Fatalf("the case saved: %+v", md.Cases)
		}
		cid := md.Cases[0].ID

		// Advice with a follow-up at the next meeting.
		if res := h.Page("POST", base+"/saker/"+cid+"/rad", tok, url.Values{"text": {""}}); res.Status != http.StatusUnprocessableEntity ||
			res.Doc(t).Find("#advice-"+cid+"-text-error").Length() != 1 {
			t.Errorf("empty advice = %d without its message", res.Status)
		}
		if res := h.Page("POST", base+"/saker/"+cid+"/rad", tok, url.Values{"text": {"Kartlegg fraværet sammen med foreldrene."}, "follow_up_meeting_id": {m1}}); res.Status != http.StatusSeeOther {
			t.Fatalf("advice = %d %s", res.Status, res.Body)
		}
		if fu := meetingOf(t, h, tok, tid, m1).FollowUps; len(fu) != 1 || fu[0].ID != cid || len(fu[0].Advice) != 1 {
			t.Errorf("the follow-up at the next meeting: %+v", fu)
		}

		// Attendance and minutes.
		res = h.Page("POST", base+"/referat", tok, url.Values{"attended_user_ids": {fx.EmployeeA.ID}, "text": {"Ett tema drøftet."}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("minutes = %d %s", res.Status, res.Body)
		}
		md = meetingOf(t, h, tok, tid, m0)
		if md.Minutes != "Ett tema drøftet." || len(md.Attendance) != 1 || md.Attendance[0] != fx.EmployeeA.ID {
			t.Errorf("minutes %q, attendance %v", md.Minutes, md.Attendance)
		}
		if doc := h.Page("GET", base, tok, nil).Doc(t); doc.Find("#minutes-attended-"+fx.EmployeeA.ID+"[checked]").Length() != 1 {
			t.Error("the minutes form does not show who attended")
		}

		// Move (bad time: 422 by the field) and cancel.
		if res := h.Page("POST", "/team/"+tid+"/mote/"+m1+"/flytt", tok, url.Values{"starts_at": {"i morgen"}, "minutes": {"60"}}); res.Status != http.StatusUnprocessableEntity ||
			res.Doc(t).Find("#move-starts-at-error").Length() != 1 {
			t.Errorf("move to a malformed time = %d without its message", res.Status)
		}
		if res := h.Page("POST", "/team/"+tid+"/mote/"+m1+"/flytt", tok, url.Values{"starts_at": {"2026-09-18T09:30"}, "minutes": {"60"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("move = %d %s", res.Status, res.Body)
		}
		if got := meetingOf(t, h, tok, tid, m1).StartsAt.UTC().Format("2006-01-02T15:04"); got != "2026-09-18T07:30" {
			t.Errorf("moved meeting starts %s UTC, want 07:30 (09:30 summer time)", got)
		}
		if res := h.Page("POST", "/team/"+tid+"/mote/"+m1+"/avlys", tok, url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("cancel = %d %s", res.Status, res.Body)
		}
		if !meetingOf(t, h, tok, tid, m1).Cancelled {
			t.Error("the meeting is not cancelled")
		}

		// Not a member: other municipality 404, anonymous to sign-in.
		if res := h.Page("POST", base+"/saker", h.Login(fx.EmployeeB), good); res.Status != http.StatusNotFound {
			t.Errorf("other municipality adds a case = %d, want 404", res.Status)
		}
		if res := h.Page("POST", base+"/saker", "", good); res.Status == http.StatusSeeOther && res.Header.Get("Location") == base {
			t.Error("an anonymous visitor added a case")
		}
		if n := len(meetingOf(t, h, tok, tid, m0).Cases); n != 1 {
			t.Errorf("%d cases after the refused ones, want 1", n)
		}
	})
}
