package web_test

import (
	"net/http"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// TestYouthSuspension covers issue 24 point 2's reproduction: a leader suspends
// the young person's own link with a reason, and from the next request the young
// person reads, lists, writes, exports and prints nothing of the log, exactly as for
// a log that does not exist; staff see "suspended", a guardian sees no trace.
func TestYouthSuspension(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 6, 11, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, leader, guardian := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain)
		youth := x.user("ungdom@example.no", "Ulrik Ungdom")
		youthTok := h.Login(youth)
		id := x.open(holder, fx.UnitA.ID, "Ulrik Ungdom", "2011-01-15")
		x.consent(holder, id, fx.UnitA.ID)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID}), 201, "link youth")
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		if y := x.log(holder, id).Youth; y == nil || y.UserID != youth.ID || y.Name != "Ulrik Ungdom" || y.Suspended {
			t.Errorf("youth in the log = %+v", y)
		}
		x.want(h.Do("GET", "/api/v1/logs/"+id, youthTok, nil), 200, "youth reads before")

		suspend := "/api/v1/logs/" + id + "/youth/" + youth.ID + "/suspend"
		x.wantErr(h.Do("POST", suspend, holder, map[string]any{"reason": "Vedtak"}), 403, "forbidden", "", "", "holder suspends")
		x.wantErr(h.Do("POST", suspend, leader, map[string]any{"reason": " "}), 422, "invalid", "reason", "required", "no reason")
		x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth/"+fx.Plain.ID+"/suspend", leader, map[string]any{"reason": "Vedtak"}),
			404, "not_found", "", "", "suspend someone who is not the youth")
		x.wantErr(h.Do("POST", suspend, youthTok, map[string]any{"reason": "Vedtak"}), 403, "forbidden", "", "", "youth suspends themself")
		res := h.Do("POST", suspend, leader, map[string]any{"reason": "Vedtak fra barnevernet"})
		x.want(res, 200, "leader suspends")
		if m := webtest.Decode[webtest.Youth](t, res); m.UserID != youth.ID || !m.Suspended {
			t.Errorf("suspend = %s", res.Body)
		}
		x.wantErr(h.Do("POST", suspend, leader, map[string]any{"reason": "Igjen"}), 409, "conflict", "", "", "second suspension")

		for _, c := range []struct {
			method, path string
			body         any
		}{
			{"GET", "/api/v1/logs/" + id, nil},
			{"GET", "/api/v1/logs/" + id + "/access-log", nil},
			{"GET", "/api/v1/logs/" + id + "/export", nil},
			{"POST", "/api/v1/logs/" + id + "/entries", map[string]any{"kind": "note", "text": "Hei"}},
			{"POST", "/api/v1/logs/" + id + "/consents", map[string]any{"covers_unit_ids": []string{fx.UnitA2.ID}}},
			{"POST", "/api/v1/logs/" + id + "/close", map[string]any{"reason": "guardian_request", "text": "Slutt"}},
		} {
			x.wantErr(h.Do(c.method, c.path, youthTok, c.body), 404, "not_found", "", "", "suspended youth "+c.method+" "+c.path)
		}
		if x.listed(youthTok, id) {
			t.Error("the suspended youth still lists the log")
		}
		for _, path := range []string{"/logg/" + id, "/logg/" + id + "/pdf", "/logg/" + id + "/utskrift", "/logg/" + id + "/tilgangslogg"} {
			if res := h.Page("GET", path, youthTok, nil); res.Status != http.StatusNotFound {
				t.Errorf("suspended youth GET %s = %d, want 404", path, res.Status)
			}
		}
		if y := x.log(holder, id).Youth; y == nil || !y.Suspended {
			t.Errorf("holder's view of the youth = %+v, want suspended", y)
		}
		if g := x.log(guardian, id); g.Youth != nil {
			t.Errorf("a guardian is shown the suspended youth: %+v", g.Youth)
		}
		res = h.Do("GET", "/api/v1/logs/"+id+"/access-log", guardian, nil)
		x.want(res, 200, "guardian access log")
		for _, e := range webtest.Decode[webtest.AccessLog](t, res).Events {
			if e.Action == "youth.suspend" {
				t.Errorf("a guardian sees the suspension in the access log: %+v", e)
			}
		}
		if w := x.writes(holder, id); w[len(w)-1] != "youth.suspend" {
			t.Errorf("last write = %v, want youth.suspend", w)
		}
	})
}
