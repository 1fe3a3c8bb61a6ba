package web_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// TestNotifyMeetingPlanned: a planned meeting is told to the team's members (not to
// others), naming the team, the time and a link, never a case; before each meeting
// the members are told its agenda is ready, once per meeting and day; a cancelled
// meeting's reminder is dropped, and a moved meeting is told again.
func TestNotifyMeetingPlanned(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		tid := teamOf(t, h)
		emp := h.Login(fx.EmployeeA)
		res := h.Do("POST", "/api/v1/teams/"+tid+"/series", emp, map[string]any{
			"first": "2026-11-26T14:00:00+01:00", "every_days": 14, "minutes": 90, "until": "2026-12-31", "place": "Rådhuset"})
		wantStatus(t, res, 201, "series")
		ms := webtest.Decode[webtest.Meetings](t, res).Meetings
		if len(ms) != 3 {
			t.Fatalf("%d meetings, want 3", len(ms))
		}
		members := []string{fx.EmployeeA2.Email, fx.EmployeeA.Email}
		got := x.flush()
		if r := recipients(got); !slices.Equal(r, members) {
			t.Fatalf("planned: mails to %v, want the members %v", r, members)
		}
		for _, m := range got {
			if !strings.Contains(m.Text, "Drøftingsteam Skien har fått et nytt møte: 26.11.2026 kl. 14:00.") ||
				!strings.Contains(m.Text, "https://stafett.test/team/"+tid+"/mote/"+ms[0].ID) {
				t.Errorf("planned mail: %s", m.Text)
			}
		}
		// On /varsler too, with the link to the meeting's page.
		doc := h.Page("GET", "/varsler", h.Login(fx.EmployeeA2), nil).Doc(t)
		if a := doc.Find(`a[href="/team/` + tid + `/mote/` + ms[0].ID + `"]`); a.Length() != 1 ||
			!strings.Contains(doc.Text(), "Drøftingsteam Skien har fått et nytt møte: 26.11.2026 kl. 14:00.") {
			t.Errorf("/varsler: %d links to the meeting", a.Length())
		}
		if k := x.kinds(h.Login(fx.LeaderA)); len(k) != 0 {
			t.Errorf("a non-member was told: %v", k)
		}
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+ms[0].ID+"/cases", emp, map[string]any{
			"anonymous": true, "grade": 3, "theme": "Fravær", "question": "Hemmelig spørsmål om Ola",
			"brought_by_unit_id": fx.UnitA.ID}), 201, "case")

		x.scan() // three days before: no agenda yet
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("agenda three days early: %v", recipients(got))
		}
		h.Clock.Add(2 * 24 * time.Hour) // 2026-11-25 09:00 UTC, the meeting in 28 hours
		x.scan()
		x.scan() // a second scan (or server) makes nothing more
		got = x.flush()
		if r := recipients(got); !slices.Equal(r, members) {
			t.Fatalf("agenda: mails to %v", r)
		}
		for _, m := range got {
			if !strings.Contains(m.Text, "Sakslista til møtet i Drøftingsteam Skien 26.11.2026 kl. 14:00 er klar.") ||
				strings.Contains(m.Text, "Fravær") || strings.Contains(m.Raw, "Hemmelig") {
				t.Errorf("agenda mail: %s", m.Text)
			}
		}
		x.noChildData(got)
		if k := x.kinds(h.Login(fx.EmployeeA2)); !slices.Equal(k, []string{"meeting_planned", "meeting_planned"}) {
			t.Errorf("member's notifications = %v", k)
		}
		x.scan()
		if again := x.flush(); len(again) != 0 {
			t.Errorf("a later scan sent %d more", len(again))
		}

		// The next meeting's reminder is made, then the meeting is cancelled before it goes.
		h.Clock.Add(14 * 24 * time.Hour) // 2026-12-09 09:00 UTC
		emp = h.Login(fx.EmployeeA)
		x.scan()
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+ms[1].ID+"/cancel", emp, nil), 200, "cancel")
		if got := x.flush(); len(got) != 0 {
			t.Errorf("a cancelled meeting's agenda went to %v", recipients(got))
		}
		// The last is moved: the members are told its new time.
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+ms[2].ID+"/move", emp,
			map[string]any{"starts_at": "2026-12-22T09:00:00+01:00", "minutes": 60}), 200, "move")
		got = x.flush()
		if r := recipients(got); !slices.Equal(r, members) || !strings.Contains(got[0].Text, "22.12.2026 kl. 09:00") {
			t.Errorf("moved: %v %v", r, got)
		}
	})
}
