package web_test

import (
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

func TestTeamPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, m0, m1, tok := teamMeeting(t, h)
		cid := webtest.IDOf(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+m0+"/cases", tok, anonCase(fx.UnitA.ID)))
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+cid+"/advice", tok,
			map[string]any{"text": "Kartlegg fraværet.", "follow_up_meeting_id": m1}), 201, "advice")
		wantStatus(t, h.Do("PUT", "/api/v1/teams/"+tid+"/meetings/"+m0+"/minutes", tok,
			map[string]any{"text": "Én sak drøftet.", "attended_user_ids": []string{fx.EmployeeA.ID}}), 200, "minutes")
		// The harness clock is 23 November 2026: six meetings (3 September–12 November) are past.
		res := h.Page("GET", "/team", tok, nil)
		wantStatus(t, res, 200, "my teams")
		if doc := res.Doc(t); doc.Find(`#teams a[href="/team/`+tid+`"]`).Length() != 1 {
			t.Errorf("my teams does not link the team")
		}
		doc := h.Page("GET", "/team/"+tid, tok, nil).Doc(t)
		if n := doc.Find("#meetings-coming tbody tr").Length(); n != 3 { // 26 November, 10 and 24 December
			t.Errorf("%d coming meetings, want 3", n)
		}
		if n := doc.Find("#meetings-past tbody tr").Length(); n != 6 {
			t.Errorf("%d past meetings, want 6", n)
		}
		// The follow-up meeting (17 September) is past, so nothing waits.
		if doc.Find("#followups").Length() != 0 {
			t.Errorf("a past follow-up is listed as waiting")
		}
		if doc.Find(`a[href="/api/v1/teams/`+tid+`/calendar.ics"]`).Length() != 1 {
			t.Error("no calendar link")
		}
		page := h.Page("GET", "/team/"+tid+"/mote/"+m0, tok, nil)
		wantStatus(t, page, 200, "meeting page")
		md := page.Doc(t)
		if got := md.Find("#cases .team-case").Text(); !strings.Contains(got, "Fravær") || !strings.Contains(got, "Kartlegg fraværet.") {
			t.Errorf("meeting cases = %q", got)
		}
		if got := md.Find("#minutes").Text(); got != "Én sak drøftet." {
			t.Errorf("minutes = %q", got)
		}
		if got := md.Find("#attendance").Text(); !strings.Contains(got, "Lars Lærer") {
			t.Errorf("attendance = %q", got)
		}
		if got := md.Find("#case-help").Text(); !strings.Contains(got, h.NBText("team.case.help")) {
			t.Errorf("help text = %q", got)
		}
		pr := h.Page("GET", "/team/"+tid+"/mote/"+m0+"/utskrift", tok, nil)
		wantStatus(t, pr, 200, "print")
		if pd := pr.Doc(t); pd.Find("#case-help").Length() != 0 || !strings.Contains(pd.Find("#cases").Text(), "Fravær") {
			t.Error("the print view is not the content alone")
		}
		follow := h.Page("GET", "/team/"+tid+"/mote/"+m1, tok, nil).Doc(t)
		if !strings.Contains(follow.Find("#followups").Text(), "Fravær") {
			t.Error("the follow-up meeting does not list the case")
		}

		// Access: the admin sees the plan but not the meetings' cases; other
		// municipalities and non-members see nothing; anonymous goes to sign-in.
		adm := h.Login(fx.AdminA)
		wantStatus(t, h.Page("GET", "/team/"+tid, adm, nil), 200, "admin team page")
		if d := h.Page("GET", "/team/"+tid, adm, nil).Doc(t); d.Find(`a[href^="/team/`+tid+`/mote/"]`).Length() != 0 {
			t.Error("the admin gets links to the meetings' cases")
		}
		wantStatus(t, h.Page("GET", "/team/"+tid+"/mote/"+m0, adm, nil), 403, "admin meeting page")
		for _, p := range []string{"/team/" + tid, "/team/" + tid + "/mote/" + m0, "/team/" + tid + "/mote/" + m0 + "/utskrift"} {
			wantStatus(t, h.Page("GET", p, h.Login(fx.EmployeeB), nil), 404, "other municipality "+p)
			wantStatus(t, h.Page("GET", p, h.Login(fx.LeaderA), nil), 404, "not a member "+p)
			if res := h.Page("GET", p, "", nil); res.Status != 303 && res.Status != 302 && res.Status != 401 {
				t.Errorf("anonymous %s: %d", p, res.Status)
			}
		}
	})
}
