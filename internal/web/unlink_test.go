package web_test

import (
	"net/http"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// eventEntry returns the one entry of log l that records an event of kind (the
// clock stands still, so entries share their time), failing when there is none.
func eventEntry(t *testing.T, l webtest.Log, kind string) webtest.Entry {
	t.Helper()
	var found *webtest.Entry
	for i, e := range l.Entries {
		if e.Event != nil && string(e.Event.Kind) == kind {
			if found != nil {
				t.Errorf("two %s entries", kind)
			}
			found = &l.Entries[i]
		}
	}
	if found == nil {
		t.Fatalf("no %s entry in %+v", kind, l.Entries)
	}
	return *found
}

// wantGone checks that tok sees nothing of log id: every route answers 404 as for a
// log that does not exist, and the list leaves it out.
func (x lp) wantGone(tok, id, who string) {
	x.t.Helper()
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/v1/logs/" + id, nil},
		{"GET", "/api/v1/logs/" + id + "/entries", nil},
		{"GET", "/api/v1/logs/" + id + "/access-log", nil},
		{"GET", "/api/v1/logs/" + id + "/export", nil},
		{"POST", "/api/v1/logs/" + id + "/entries", map[string]any{"kind": "note", "text": "Hei"}},
	} {
		x.wantErr(x.h.Do(c.method, c.path, tok, c.body), 404, "not_found", "", "", who+" "+c.method+" "+c.path)
	}
	if x.listed(tok, id) {
		x.t.Errorf("%s still lists the log", who)
	}
	for _, path := range []string{"/logg/" + id, "/logg/" + id + "/pdf"} {
		if res := x.h.Page("GET", path, tok, nil); res.Status != http.StatusNotFound {
			x.t.Errorf("%s GET %s = %d, want 404", who, path, res.Status)
		}
	}
}

// TestUnlink covers issue 24 point 2: the holder or a leader ends a wrong guardian
// or youth link with a reason. Access ends at once everywhere, the log keeps an
// entry naming who was unlinked, by whom and why, another person (or the same) can
// be linked afterwards, and unlinking never lifts a leader's suspension.
func TestUnlink(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 6, 11, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, leader, guardian, nurse := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain), h.Login(fx.EmployeeA2)
		outsider := h.Login(fx.EmployeeB)
		youth := x.user("ungdom@example.no", "Ulrik Ungdom")
		other := x.user("verge@example.no", "Vera Verge")
		youth2 := x.user("ungdom2@example.no", "Una Ungdom")
		youthTok, otherTok := h.Login(youth), h.Login(other)
		id := x.open(holder, fx.UnitA.ID, "Ulrik Ungdom", "2011-01-15")
		x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID}), 201, "link youth")
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		x.want(h.Do("GET", "/api/v1/logs/"+id, guardian, nil), 200, "guardian reads before")
		x.want(h.Do("GET", "/api/v1/logs/"+id, youthTok, nil), 200, "youth reads before")

		unlinkG := "/api/v1/logs/" + id + "/guardians/" + fx.Plain.ID
		unlinkY := "/api/v1/logs/" + id + "/youth/" + youth.ID
		reason := map[string]any{"reason": "Feil person koblet til"}
		for _, path := range []string{unlinkG, unlinkY} {
			x.wantErr(h.Do("DELETE", path, "", reason), 401, "unauthenticated", "", "", "anonymous "+path)
			x.wantErr(h.Do("DELETE", path, outsider, reason), 404, "not_found", "", "", "other municipality "+path)
			x.wantErr(h.Do("DELETE", path, nurse, reason), 403, "forbidden", "", "", "participant "+path)
			x.wantErr(h.Do("DELETE", path, guardian, reason), 403, "forbidden", "", "", "guardian "+path)
			x.wantErr(h.Do("DELETE", path, youthTok, reason), 403, "forbidden", "", "", "youth "+path)
			x.wantErr(h.Do("DELETE", path, leader, map[string]any{"reason": " "}), 422, "invalid", "reason", "required", "blank reason "+path)
			x.wantErr(h.Do("DELETE", path, holder, map[string]any{}), 422, "invalid", "reason", "required", "no reason "+path)
		}
		x.wantErr(h.Do("DELETE", "/api/v1/logs/"+id+"/guardians/"+youth.ID, holder, reason), 404, "not_found", "", "", "unlink a guardian who is not linked")
		x.wantErr(h.Do("DELETE", "/api/v1/logs/"+id+"/youth/"+fx.Plain.ID, holder, reason), 404, "not_found", "", "", "unlink a youth who is not linked")
		// Nothing of the refused attempts reached the log.
		if w := x.writes(holder, id); w[len(w)-1] != "participant.add" {
			t.Errorf("writes after refused unlinks end %v, want participant.add", w)
		}

		// The holder unlinks the guardian.
		if res := h.Do("DELETE", unlinkG, holder, reason); res.Status != 204 || len(res.Body) != 0 {
			t.Fatalf("holder unlinks the guardian: %d %s", res.Status, res.Body)
		}
		x.wantGone(guardian, id, "unlinked guardian")
		m := x.log(holder, id)
		if m.Guardian(fx.Plain.ID) != nil {
			t.Errorf("the unlinked guardian is still listed: %v", m.Guardians)
		}
		e := eventEntry(t, m, "guardian_unlinked")
		if e.Kind != "family" || e.Text != "Frida Forelder ble koblet fra loggen som foresatt. Feil person koblet til" ||
			e.Author.ID != fx.EmployeeA.ID {
			t.Errorf("unlink entry = %+v", e)
		}
		if ev := e.Event; ev.Kind != "guardian_unlinked" || ev.UserID != fx.Plain.ID {
			t.Errorf("unlink event = %+v", ev)
		}
		x.wantErr(h.Do("DELETE", unlinkG, holder, reason), 404, "not_found", "", "", "second unlink")
		// Another person can be linked, and so can the same person again.
		x.guardian(holder, id, other.ID, true)
		x.want(h.Do("GET", "/api/v1/logs/"+id, otherTok, nil), 200, "the new guardian reads")

		// The leader unlinks the youth, and another young person is linked.
		if res := h.Do("DELETE", unlinkY, leader, map[string]any{"reason": "Feil ungdom"}); res.Status != 204 {
			t.Fatalf("leader unlinks the youth: %d %s", res.Status, res.Body)
		}
		x.wantGone(youthTok, id, "unlinked youth")
		m = x.log(holder, id)
		if m.Youth != nil {
			t.Errorf("youth after unlink = %+v", m.Youth)
		}
		e = eventEntry(t, m, "youth_unlinked")
		if e.Kind != "family" || e.Text != "Ulrik Ungdom ble koblet fra loggen som ungdom. Feil ungdom" ||
			e.Author.ID != fx.LeaderA.ID {
			t.Errorf("youth unlink entry = %+v", e)
		}
		// Family see the entry too, named, in their own language.
		req := webtest.NewRequest("GET", "/api/v1/logs/"+id)
		req.Header.Set("Authorization", "Bearer "+otherTok)
		req.Header.Set("Accept-Language", "en")
		en := h.Serve(req)
		if got := eventEntry(t, webtest.Decode[webtest.Log](t, en), "youth_unlinked").Text; got != "Ulrik Ungdom was unlinked from the log as the young person. Feil ungdom" {
			t.Errorf("the entry for the new guardian in English = %q", got)
		}
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth2.ID}), 201, "link another youth")
		if y := x.log(holder, id).Youth; y == nil || y.UserID != youth2.ID {
			t.Errorf("youth after relinking = %+v", y)
		}

		// A suspended guardian who is unlinked and linked again stays suspended.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/guardians/"+other.ID+"/suspend", leader, map[string]any{"reason": "Vedtak"}), 200, "suspend")
		if res := h.Do("DELETE", "/api/v1/logs/"+id+"/guardians/"+other.ID, holder, reason); res.Status != 204 {
			t.Fatalf("unlink the suspended guardian: %d %s", res.Status, res.Body)
		}
		x.guardian(holder, id, other.ID, true)
		x.wantGone(otherTok, id, "relinked suspended guardian")
		if g := x.log(holder, id).Guardian(other.ID); g == nil || !g.Suspended {
			t.Errorf("relinked suspended guardian = %v, want suspended", g)
		}
		// The first guardian, linked again, reads again.
		x.guardian(holder, id, fx.Plain.ID, true)
		x.want(h.Do("GET", "/api/v1/logs/"+id, guardian, nil), 200, "relinked guardian reads")

		w := x.writes(holder, id)
		var unlinks []string
		for _, a := range w {
			if a == "guardian.unlink" || a == "youth.unlink" {
				unlinks = append(unlinks, a)
			}
		}
		if len(unlinks) != 3 || unlinks[0] != "guardian.unlink" || unlinks[1] != "youth.unlink" || unlinks[2] != "guardian.unlink" {
			t.Errorf("unlinks in the access log = %v", unlinks)
		}

		// A closed log is read-only.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/close", holder, map[string]any{"reason": "goal_reached", "text": "Slutt"}), 200, "close")
		x.wantErr(h.Do("DELETE", unlinkG, holder, reason), 409, "conflict", "", "", "unlink in a closed log")
		x.wantErr(h.Do("DELETE", "/api/v1/logs/"+id+"/youth/"+youth2.ID, leader, reason), 409, "conflict", "", "", "unlink youth in a closed log")
	})
}
