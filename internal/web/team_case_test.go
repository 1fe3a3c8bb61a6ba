package web_test

import (
	"net/http"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// teamMeeting sets up the team with a series and returns the team, its first two
// meetings and the teacher's token.
func teamMeeting(t *testing.T, h *webtest.Harness) (tid, m0, m1, tok string) {
	t.Helper()
	tid = teamOf(t, h)
	tok = h.Login(h.Fx.EmployeeA)
	ms := seriesOf(t, h, tok, tid)
	return tid, ms.Meetings[0].ID, ms.Meetings[1].ID, tok
}

func anonCase(unit string) map[string]any {
	return map[string]any{"anonymous": true, "grade": 3, "theme": "Fravær", "question": "Hva kan skolen gjøre før vi melder?",
		"brought_by_unit_id": unit}
}

func meetingOf(t *testing.T, h *webtest.Harness, tok, tid, mid string) webtest.MeetingDetail {
	t.Helper()
	res := h.Do("GET", "/api/v1/teams/"+tid+"/meetings/"+mid, tok, nil)
	if res.Status != http.StatusOK {
		t.Fatalf("meeting: %d %s", res.Status, res.Body)
	}
	return webtest.Decode[webtest.MeetingDetail](t, res)
}

func TestTeamAnonymousCase(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, m0, m1, tok := teamMeeting(t, h)
		path := "/api/v1/teams/" + tid + "/meetings/" + m0 + "/cases"
		for _, c := range []struct {
			name  string
			edit  func(map[string]any)
			field string
			code  string
		}{
			{"NationalID", func(b map[string]any) { b["question"] = "Gjelder eleven med fnr 01021512345" }, "question", "personal_data"},
			{"NationalIDSpaced", func(b map[string]any) { b["theme"] = "010215 12345" }, "theme", "personal_data"},
			{"BirthDate", func(b map[string]any) { b["question"] = "Født 3.5.2017, bekymret for språk" }, "question", "personal_data"},
			{"BirthDateNamed", func(b map[string]any) { b["question"] = "Hun er født 3. mai 2017" }, "question", "personal_data"},
			{"TooLong", func(b map[string]any) { b["question"] = strings.Repeat("ø", 2001) }, "question", "too_long"},
			{"NoAgeOrGrade", func(b map[string]any) { delete(b, "grade") }, "age", "required"},
			{"NameField", func(b map[string]any) { b["name"] = "Ola" }, "name", "unknown_field"},
			{"NotMyUnit", func(b map[string]any) { b["brought_by_unit_id"] = fx.UnitA2.ID }, "brought_by_unit_id", "not_allowed"},
		} {
			t.Run(c.name, func(t *testing.T) {
				b := anonCase(fx.UnitA.ID)
				c.edit(b)
				wantField(t, h.Do("POST", path, tok, b), c.field, c.code)
			})
		}
		if got := meetingOf(t, h, tok, tid, m0); len(got.Cases) != 0 {
			t.Fatalf("a refused case was stored: %+v", got.Cases)
		}
		// 2,000 characters exactly is allowed.
		b := anonCase(fx.UnitA.ID)
		b["question"] = strings.Repeat("ø", 2000)
		wantStatus(t, h.Do("POST", path, tok, b), 201, "2,000 characters")

		wantStatus(t, h.Do("POST", path, "", anonCase(fx.UnitA.ID)), 401, "anonymous")
		wantStatus(t, h.Do("POST", path, h.Login(fx.EmployeeB), anonCase(fx.UnitB.ID)), 404, "other municipality")
		wantStatus(t, h.Do("POST", path, h.Login(fx.LeaderA), anonCase(fx.UnitA.ID)), 404, "leader not a member")
		wantStatus(t, h.Do("POST", path, h.Login(fx.AdminA), anonCase(fx.UnitA.ID)), 403, "admin never works cases")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings/"+m0, h.Login(fx.AdminA), nil), 403, "admin reads no cases")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings/"+m0, h.Login(fx.EmployeeB), nil), 404, "other municipality reads")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings/"+m0, "", nil), 401, "anonymous reads")

		cid := webtest.IDOf(t, h.Do("POST", path, tok, anonCase(fx.UnitA.ID)))
		// Advice, with a follow-up at the next meeting.
		adv := "/api/v1/teams/" + tid + "/cases/" + cid + "/advice"
		nurse := h.Login(fx.EmployeeA2)
		wantField(t, h.Do("POST", adv, nurse, map[string]any{"text": "Snakk med 01021512345"}), "text", "personal_data")
		wantField(t, h.Do("POST", adv, nurse, map[string]any{"text": "Ta det opp igjen", "follow_up_meeting_id": m0}), "follow_up_meeting_id", "invalid")
		wantStatus(t, h.Do("POST", adv, h.Login(fx.AdminA), map[string]any{"text": "x"}), 403, "admin advice")
		wantStatus(t, h.Do("POST", adv, h.Login(fx.EmployeeB), map[string]any{"text": "x"}), 404, "other municipality advice")
		wantStatus(t, h.Do("POST", adv, nurse, map[string]any{"text": "Kartlegg fraværet og inviter foreldrene til samtale.", "follow_up_meeting_id": m1}), 201, "advice")
		got := meetingOf(t, h, nurse, tid, m0)
		if len(got.Cases) != 2 {
			t.Fatalf("cases = %+v", got.Cases)
		}
		var c webtest.TeamCase
		for _, k := range got.Cases {
			if k.ID == cid {
				c = k
			}
		}
		if !c.Anonymous || c.Grade == nil || *c.Grade != 3 || c.Theme != "Fravær" || c.BroughtByUnitID != fx.UnitA.ID ||
			len(c.Advice) != 1 || c.Advice[0].FollowUpMeetingID != m1 {
			t.Errorf("case = %+v", c)
		}
		next := meetingOf(t, h, nurse, tid, m1)
		if len(next.FollowUps) != 1 || next.FollowUps[0].ID != cid || len(next.Cases) != 0 {
			t.Errorf("follow-ups at the next meeting = %+v", next.FollowUps)
		}

		// Attendance and minutes.
		mins := "/api/v1/teams/" + tid + "/meetings/" + m0 + "/minutes"
		wantField(t, h.Do("PUT", mins, tok, map[string]any{"text": "ok", "attended_user_ids": []string{fx.LeaderA.ID}}), "attended_user_ids", "not_found")
		wantField(t, h.Do("PUT", mins, tok, map[string]any{"text": "Født 01.02.2015"}), "text", "personal_data")
		wantStatus(t, h.Do("PUT", mins, h.Login(fx.AdminA), map[string]any{"text": "x"}), 403, "admin minutes")
		res := h.Do("PUT", mins, tok, map[string]any{"text": "To saker drøftet.", "attended_user_ids": []string{fx.EmployeeA.ID, fx.EmployeeA2.ID}})
		wantStatus(t, res, 200, "minutes")
		if d := webtest.Decode[webtest.MeetingDetail](t, res); d.Minutes != "To saker drøftet." || len(d.Attendance) != 2 {
			t.Errorf("minutes = %+v", d)
		}
		// Adding to a cancelled meeting is a conflict.
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+m1+"/cancel", tok, nil), 200, "cancel")
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+m1+"/cases", tok, anonCase(fx.UnitA.ID)), 409, "case on a cancelled meeting")
	})
}

// namedLog opens a log in the teacher's unit with a consent covering units, and
// returns it and the consent.
func namedLog(t *testing.T, h *webtest.Harness, tok string, units ...string) (id, consent string) {
	t.Helper()
	o := logOps{t, h}
	id = o.open(tok, h.Fx.UnitA.ID, map[string]any{"name": "Ola Nordmann", "birth_date": "2017-05-03"}, "Ola er mye borte fra skolen.")
	if len(units) > 0 {
		consent = o.consent(tok, id, nil, units...)
	}
	return id, consent
}

func TestTeamNamedCaseFollowsConsent(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, m0, _, tok := teamMeeting(t, h)
		path := "/api/v1/teams/" + tid + "/meetings/" + m0 + "/cases"
		// Consent for the school only: the team also speaks for the health station.
		narrow, _ := namedLog(t, h, tok, fx.UnitA.ID)
		wantField(t, h.Do("POST", path, tok, map[string]any{"log_id": narrow}), "consent", "missing")
		none, _ := namedLog(t, h, tok)
		wantField(t, h.Do("POST", path, tok, map[string]any{"log_id": none}), "consent", "missing")
		if got := meetingOf(t, h, tok, tid, m0); len(got.Cases) != 0 {
			t.Fatalf("refused named cases were stored: %+v", got.Cases)
		}
		id, cid := namedLog(t, h, tok, fx.UnitA.ID, fx.UnitA2.ID)
		// The nurse is a member but may not read the log: she cannot bring it.
		wantField(t, h.Do("POST", path, h.Login(fx.EmployeeA2), map[string]any{"log_id": id}), "log_id", "not_found")
		wantStatus(t, h.Do("POST", path, tok, map[string]any{"log_id": id}), 201, "named case")

		nurse := h.Login(fx.EmployeeA2)
		got := meetingOf(t, h, nurse, tid, m0)
		if len(got.Cases) != 1 || got.Cases[0].Concern != "Ola er mye borte fra skolen." || got.Cases[0].Unavailable {
			t.Fatalf("named case = %+v", got.Cases)
		}
		body := string(h.Do("GET", "/api/v1/teams/"+tid+"/meetings/"+m0, nurse, nil).Body)
		for _, secret := range []string{"Ola Nordmann", "2017-05-03", "birth_date", "entries"} {
			if strings.Contains(body, secret) {
				t.Errorf("the meeting shows %q of the log: %s", secret, body)
			}
		}
		// The nurse still may not open the log itself.
		wantStatus(t, h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404, "team member reads the log")
		// Every view is in the log's access log, by the member who read.
		al := webtest.Decode[webtest.AccessLog](t, h.Do("GET", "/api/v1/logs/"+id+"/access-log", tok, nil))
		reads := 0
		for _, e := range al.Events {
			if e.Action == "team_case.read" && e.Actor.ID == fx.EmployeeA2.ID {
				reads++
			}
		}
		if reads != 2 { // meetingOf and the GET above
			t.Errorf("%d team reads by the nurse in the access log, want 2: %+v", reads, al.Events)
		}
		caseID := got.Cases[0].ID
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+caseID+"/advice", nurse, map[string]any{"text": "Kontakt helsesykepleier."}), 201, "advice on a named case")

		// Consent withdrawn: the concern and the advice are gone, and nothing is recorded.
		wantStatus(t, h.Do("POST", "/api/v1/logs/"+id+"/consents/"+cid+"/withdraw", tok, nil), 200, "withdraw")
		got = meetingOf(t, h, nurse, tid, m0)
		if c := got.Cases[0]; !c.Unavailable || c.Concern != "" || len(c.Advice) != 0 {
			t.Errorf("after withdrawal the case shows %+v", c)
		}
		wantField(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+caseID+"/advice", nurse, map[string]any{"text": "Mer råd."}), "consent", "missing")
		after := webtest.Decode[webtest.AccessLog](t, h.Do("GET", "/api/v1/logs/"+id+"/access-log", tok, nil))
		n := 0
		for _, e := range after.Events {
			if e.Action == "team_case.read" {
				n++
			}
		}
		if n != reads {
			t.Errorf("reads after withdrawal were recorded: %d, want %d", n, reads)
		}
	})
}

func TestTeamCaseToLog(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid, m0, _, tok := teamMeeting(t, h)
		cid := webtest.IDOf(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+m0+"/cases", tok, anonCase(fx.UnitA.ID)))
		nurse := h.Login(fx.EmployeeA2)
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+cid+"/advice", nurse, map[string]any{"text": "Kartlegg fraværet."}), 201, "advice 1")
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+cid+"/advice", tok, map[string]any{"text": "Inviter foreldrene til samtale."}), 201, "advice 2")
		body := map[string]any{"unit_id": fx.UnitA.ID, "child": map[string]any{"name": "Kari Nordmann", "birth_date": "2017-05-03"}}
		path := "/api/v1/teams/" + tid + "/cases/" + cid + "/log"
		wantStatus(t, h.Do("POST", path, nurse, body), 403, "not the one who brought it")
		wantStatus(t, h.Do("POST", path, h.Login(fx.EmployeeB), body), 404, "other municipality")
		wantStatus(t, h.Do("POST", path, "", body), 401, "anonymous")
		wantStatus(t, h.Do("POST", path, h.Login(fx.AdminA), body), 403, "admin")
		wantField(t, h.Do("POST", path, tok, map[string]any{"unit_id": fx.UnitA.ID, "child": map[string]any{"name": "Kari"}}), "child.birth_date", "required")
		res := h.Do("POST", path, tok, body)
		wantStatus(t, res, 201, "case to log")
		l := webtest.Decode[webtest.Log](t, res)
		if l.Status != "undring" || l.Level != 0 || l.Holder.ID != fx.EmployeeA.ID || len(l.Entries) != 3 {
			t.Fatalf("log = %+v", l)
		}
		texts := map[string]bool{}
		for _, e := range l.Entries {
			texts[e.Kind+":"+e.Text] = true
		}
		for _, want := range []string{"concern:Fravær\n\nHva kan skolen gjøre før vi melder?", "note:Kartlegg fraværet.", "note:Inviter foreldrene til samtale."} {
			if !texts[want] {
				t.Errorf("no entry %q in %v", want, texts)
			}
		}
		wantStatus(t, h.Do("POST", path, tok, body), 409, "second log")
		// The link shows to the one who brought the case, not to the other members.
		if c := meetingOf(t, h, tok, tid, m0).Cases[0]; c.CreatedLogID != l.ID {
			t.Errorf("bringer sees created_log_id %q, want %q", c.CreatedLogID, l.ID)
		}
		if c := meetingOf(t, h, nurse, tid, m0).Cases[0]; c.CreatedLogID != "" {
			t.Errorf("another member sees created_log_id %q", c.CreatedLogID)
		}
	})
}
