package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// teamOf sets up a drøftingsteam in Skien with the teacher and the health nurse as
// members, speaking for their two units, and returns its id.
func teamOf(t *testing.T, h *webtest.Harness) string {
	t.Helper()
	fx := h.Fx
	res := h.Do("POST", "/api/v1/teams", h.Login(fx.AdminA), map[string]any{
		"name": "Drøftingsteam Skien", "kind": "drofting", "municipality_id": fx.A.ID,
		"member_user_ids": []string{fx.EmployeeA.ID, fx.EmployeeA2.ID}, "unit_ids": []string{fx.UnitA.ID, fx.UnitA2.ID}})
	if res.Status != http.StatusCreated {
		t.Fatalf("create team: %d %s", res.Status, res.Body)
	}
	return webtest.IDOf(t, res)
}

// seriesOf adds a fortnightly 14:00 series from 3 September to the end of 2026.
func seriesOf(t *testing.T, h *webtest.Harness, tok, tid string) webtest.Meetings {
	t.Helper()
	res := h.Do("POST", "/api/v1/teams/"+tid+"/series", tok, map[string]any{
		"first": "2026-09-03T14:00:00+02:00", "every_days": 14, "minutes": 90, "until": "2026-12-31", "place": "Rådhuset, møterom 2"})
	if res.Status != http.StatusCreated {
		t.Fatalf("series: %d %s", res.Status, res.Body)
	}
	return webtest.Decode[webtest.Meetings](t, res)
}

func wantStatus(t *testing.T, res *webtest.Response, status int, what string) {
	t.Helper()
	if res.Status != status {
		t.Errorf("%s: %d, want %d: %s", what, res.Status, status, res.Body)
	}
}

func wantField(t *testing.T, res *webtest.Response, field, code string) {
	t.Helper()
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422: %s", res.Status, res.Body)
	}
	if got := webtest.Decode[webtest.ErrorBody](t, res).Error.Fields[field]; got != code {
		t.Errorf("field %s = %q, want %q (%s)", field, got, code, res.Body)
	}
}

func TestTeamCreate(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid := teamOf(t, h)
		emp := h.Login(fx.EmployeeA)
		tm := webtest.Decode[webtest.Team](t, h.Do("GET", "/api/v1/teams/"+tid, emp, nil))
		if tm.Name != "Drøftingsteam Skien" || tm.Kind != "drofting" || tm.MunicipalityID != fx.A.ID || len(tm.Members) != 2 || len(tm.UnitIDs) != 2 {
			t.Errorf("team = %+v", tm)
		}
		if tm.Members[0].Name != "Hege Helse" || tm.Members[1].Name != "Lars Lærer" {
			t.Errorf("members = %+v", tm.Members)
		}
		list := webtest.Decode[webtest.Teams](t, h.Do("GET", "/api/v1/teams", emp, nil))
		if len(list.Teams) != 1 || list.Teams[0].ID != tid {
			t.Errorf("my teams = %+v", list)
		}
		// The team's own admin sees it; the leader (no member) and the other
		// municipality do not: not found.
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.AdminA), nil), 200, "own admin")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.LeaderA), nil), 404, "leader not a member")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.AdminB), nil), 404, "other municipality's admin")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.EmployeeB), nil), 404, "other municipality's employee")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, "", nil), 401, "anonymous")
		if l := webtest.Decode[webtest.Teams](t, h.Do("GET", "/api/v1/teams", h.Login(fx.EmployeeB), nil)); len(l.Teams) != 0 {
			t.Errorf("other municipality lists %+v", l)
		}

		body := func(mid string, members ...string) map[string]any {
			return map[string]any{"name": "FFB", "kind": "ffb", "municipality_id": mid, "member_user_ids": members}
		}
		wantStatus(t, h.Do("POST", "/api/v1/teams", "", body(fx.A.ID, fx.EmployeeA.ID)), 401, "anonymous create")
		wantStatus(t, h.Do("POST", "/api/v1/teams", emp, body(fx.A.ID, fx.EmployeeA.ID)), 403, "employee create")
		wantStatus(t, h.Do("POST", "/api/v1/teams", h.Login(fx.AdminB), body(fx.A.ID, fx.EmployeeA.ID)), 403, "other admin create")
		adm := h.Login(fx.AdminA)
		// A member from another municipality, a unit of another, a bad kind.
		wantField(t, h.Do("POST", "/api/v1/teams", adm, body(fx.A.ID, fx.EmployeeB.ID)), "member_user_ids", "not_found")
		b := body(fx.A.ID, fx.EmployeeA.ID)
		b["unit_ids"] = []string{fx.UnitB.ID}
		wantField(t, h.Do("POST", "/api/v1/teams", adm, b), "unit_ids", "not_found")
		b = body(fx.A.ID, fx.EmployeeA.ID)
		b["kind"] = "poker"
		wantField(t, h.Do("POST", "/api/v1/teams", adm, b), "kind", "invalid")
		if l := webtest.Decode[webtest.Teams](t, h.Do("GET", "/api/v1/teams", adm, nil)); len(l.Teams) != 1 {
			t.Errorf("refused teams were stored: %+v", l)
		}
	})
}

// A network's team: a system administrator or the network's coordinator sets it up;
// a municipality admin or another network's coordinator may not.
func TestTeamNetworkOwner(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		sys := h.Login(fx.SysAdmin)
		res := h.Do("POST", "/api/v1/networks", sys, map[string]any{"name": "Grenland", "municipality_ids": []string{fx.A.ID, fx.B.ID}})
		nid := webtest.IDOf(t, res)
		body := map[string]any{"name": "Ressursteam for unge", "kind": "ressurs", "network_id": nid,
			"member_user_ids": []string{fx.EmployeeA.ID, fx.EmployeeB.ID}}
		wantStatus(t, h.Do("POST", "/api/v1/teams", h.Login(fx.AdminA), body), 403, "municipality admin for a network")
		coord := amCoordinator(t, h) // of another network of the same municipalities
		wantStatus(t, h.Do("POST", "/api/v1/teams", h.Login(coord), body), 403, "another network's coordinator")
		wantStatus(t, h.Do("POST", "/api/v1/users/"+coord.ID+"/roles", sys, map[string]any{"role": "network_coordinator", "network_id": nid}), 201, "made Grenland's coordinator")
		wantStatus(t, h.Do("POST", "/api/v1/teams", h.Login(coord), body), 201, "the network's coordinator")
		res = h.Do("POST", "/api/v1/teams", sys, body)
		wantStatus(t, res, 201, "system admin for a network")
		tid := webtest.IDOf(t, res)
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.EmployeeB), nil), 200, "member from the other municipality")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.EmployeeA2), nil), 404, "not a member")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.AdminA), nil), 404, "municipality admin, not the owner")
	})
}

func TestTeamSeriesAcrossDST(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid := teamOf(t, h)
		emp := h.Login(fx.EmployeeA)
		made := seriesOf(t, h, emp, tid)
		if len(made.Meetings) != 9 {
			t.Fatalf("%d meetings, want 9", len(made.Meetings))
		}
		list := webtest.Decode[webtest.Meetings](t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings?from=2026-10-01&to=2026-11-30", emp, nil))
		oslo, _ := time.LoadLocation("Europe/Oslo")
		if len(list.Meetings) != 5 { // 1, 15, 29 Oct; 12, 26 Nov
			t.Fatalf("October–November: %d meetings: %+v", len(list.Meetings), list)
		}
		for _, m := range list.Meetings {
			if l := m.StartsAt.In(oslo); l.Hour() != 14 || l.Minute() != 0 || m.EndsAt.Sub(m.StartsAt) != 90*time.Minute {
				t.Errorf("meeting at %s (%s), want 14:00 Oslo for 90 minutes", l, m.StartsAt)
			}
			if m.Place != "Rådhuset, møterom 2" || m.Cancelled {
				t.Errorf("meeting %+v", m)
			}
		}
		if got := list.Meetings[1].StartsAt.UTC().Hour(); got != 12 {
			t.Errorf("15 October at %d UTC, want 12 (summer time)", got)
		}
		if got := list.Meetings[2].StartsAt.UTC().Hour(); got != 13 {
			t.Errorf("29 October at %d UTC, want 13 (winter time)", got)
		}
		// The admin plans too; the other municipality and the unit leader may not.
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings", h.Login(fx.AdminA), nil), 200, "admin lists")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings", h.Login(fx.EmployeeB), nil), 404, "other municipality lists")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings", "", nil), 401, "anonymous lists")
		series := map[string]any{"first": "2026-09-03T14:00:00+02:00", "every_days": 7, "minutes": 60}
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/series", h.Login(fx.LeaderA), series), 404, "leader not a member")
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/series", h.Login(fx.AdminB), series), 404, "other admin")
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/series", "", series), 401, "anonymous")
		wantField(t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings?from=1.10.2026", emp, nil), "from", "format")
	})
}

func TestTeamSeriesBadInput(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tid := teamOf(t, h)
		emp := h.Login(h.Fx.EmployeeA)
		for _, c := range []struct {
			name  string
			body  map[string]any
			field string
			code  string
		}{
			{"EveryDaysZero", map[string]any{"first": "2026-09-03T14:00:00+02:00", "every_days": 0, "minutes": 90}, "every_days", "range"},
			{"Over12Hours", map[string]any{"first": "2026-09-03T14:00:00+02:00", "every_days": 14, "minutes": 721}, "minutes", "range"},
			{"UntilBeforeFirst", map[string]any{"first": "2026-09-03T14:00:00+02:00", "every_days": 14, "minutes": 90, "until": "2026-09-01"}, "until", "range"},
			{"FirstNotATime", map[string]any{"first": "torsdag", "every_days": 14, "minutes": 90}, "first", "format"},
			{"UntilNotADate", map[string]any{"first": "2026-09-03T14:00:00+02:00", "every_days": 14, "minutes": 90, "until": "31.12.2026"}, "until", "format"},
			{"UnknownField", map[string]any{"first": "2026-09-03T14:00:00+02:00", "every_days": 14, "minutes": 90, "weekday": 4}, "weekday", "unknown_field"},
		} {
			t.Run(c.name, func(t *testing.T) {
				wantField(t, h.Do("POST", "/api/v1/teams/"+tid+"/series", emp, c.body), c.field, c.code)
			})
		}
		if l := webtest.Decode[webtest.Meetings](t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings", emp, nil)); len(l.Meetings) != 0 {
			t.Errorf("refused series left %d meetings", len(l.Meetings))
		}
	})
}

func TestTeamMeetingCancelMoveAndCalendar(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tid := teamOf(t, h)
		emp := h.Login(fx.EmployeeA)
		made := seriesOf(t, h, emp, tid)
		m0, m1 := made.Meetings[0], made.Meetings[1]
		path := "/api/v1/teams/" + tid + "/meetings/"
		wantStatus(t, h.Do("POST", path+m0.ID+"/cancel", "", nil), 401, "anonymous cancel")
		wantStatus(t, h.Do("POST", path+m0.ID+"/cancel", h.Login(fx.EmployeeB), nil), 404, "other municipality cancel")
		wantStatus(t, h.Do("POST", path+m0.ID+"/cancel", h.Login(fx.LeaderA), nil), 404, "leader cancel")
		wantStatus(t, h.Do("POST", path+"nope/cancel", emp, nil), 404, "unknown meeting")
		res := h.Do("POST", path+m0.ID+"/cancel", emp, nil)
		wantStatus(t, res, 200, "member cancels")
		if !webtest.Decode[webtest.Meeting](t, res).Cancelled {
			t.Error("not cancelled")
		}
		wantStatus(t, h.Do("POST", path+m0.ID+"/cancel", emp, nil), 409, "second cancel")
		res = h.Do("POST", path+m1.ID+"/move", emp, map[string]any{"starts_at": "2026-09-18T09:00:00+02:00", "minutes": 60})
		wantStatus(t, res, 200, "move")
		if got := webtest.Decode[webtest.Meeting](t, res); !got.StartsAt.Equal(time.Date(2026, 9, 18, 7, 0, 0, 0, time.UTC)) {
			t.Errorf("moved to %s", got.StartsAt)
		}
		wantField(t, h.Do("POST", path+m1.ID+"/move", emp, map[string]any{"starts_at": "2026-09-18T09:00:00+02:00", "minutes": 800}), "minutes", "range")

		res = h.Do("GET", "/api/v1/teams/"+tid+"/calendar.ics", emp, nil)
		wantStatus(t, res, 200, "calendar")
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
			t.Errorf("Content-Type %q", ct)
		}
		events := parseICS(t, string(res.Body))
		if len(events) != 9 {
			t.Fatalf("%d events, want 9", len(events))
		}
		if events[0]["UID"] != m0.ID+"@stafett" || events[0]["STATUS"] != "CANCELLED" {
			t.Errorf("cancelled event %v", events[0])
		}
		if events[1]["UID"] != m1.ID+"@stafett" || events[1]["DTSTART"] != "20260918T070000Z" || events[1]["SEQUENCE"] != "1" {
			t.Errorf("moved event %v", events[1])
		}
		if events[4]["DTSTART"] != "20261029T130000Z" || events[3]["DTSTART"] != "20261015T120000Z" {
			t.Errorf("DST: %v / %v", events[3]["DTSTART"], events[4]["DTSTART"])
		}
		if events[2]["LOCATION"] != `Rådhuset\, møterom 2` || events[2]["SUMMARY"] != "Drøftingsteam Skien" {
			t.Errorf("event %v", events[2])
		}
		// The same feed twice: stable UIDs and text.
		if again := h.Do("GET", "/api/v1/teams/"+tid+"/calendar.ics", emp, nil); string(again.Body) != string(res.Body) {
			t.Error("the feed changed between two reads")
		}
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/calendar.ics", "", nil), 401, "anonymous calendar")
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid+"/calendar.ics", h.Login(fx.EmployeeB), nil), 404, "other municipality calendar")
	})
}

// parseICS reads an iCalendar answer strictly: CRLF lines of at most 75 octets,
// folded lines joined, BEGIN/END nested, and UID, DTSTAMP and DTSTART in every event.
func parseICS(t *testing.T, s string) []map[string]string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the calendar does not end in CRLF")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") || len(l) > 75 {
			t.Fatalf("bad line %q", l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	var events []map[string]string
	var cur map[string]string
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				cur = map[string]string{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s closes %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART"} {
					if cur[p] == "" {
						t.Errorf("event without %s", p)
					}
				}
				events = append(events, cur)
				cur = nil
			}
		default:
			if cur != nil {
				cur[name] = value
			}
		}
	}
	if len(stack) != 0 || len(lines) == 0 || lines[0] != "BEGIN:VCALENDAR" {
		t.Fatal("not one VCALENDAR")
	}
	return events
}
