package web_test

import (
	"testing"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/web/webtest"
)

// correctionEntry returns the correction entry of log l whose event is of kind.
func correctionEntry(t *testing.T, l webtest.Log, kind string) webtest.Entry {
	t.Helper()
	e := eventEntry(t, l, kind)
	if e.Kind != "correction" {
		t.Errorf("%s entry has kind %q", kind, e.Kind)
	}
	return e
}

// TestChildCorrection covers issue 21 point 5: the holder or a leader corrects the
// child's name, initials and birth date (PATCH /api/v1/logs/{id}/child); the log
// keeps an entry with the old and the new value; everyone else is refused, bad
// input is 422 per field with nothing written, and a closed log answers 409.
func TestChildCorrection(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, leader, guardian, nurse := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain), h.Login(fx.EmployeeA2)
		outsider, admin := h.Login(fx.EmployeeB), h.Login(fx.AdminA)
		id := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		path := "/api/v1/logs/" + id + "/child"

		res := h.Do("PATCH", path, holder, map[string]any{"name": "Mia Kristensen", "birth_date": "2018-03-10"})
		x.want(res, 200, "holder corrects")
		l := webtest.Decode[webtest.Log](t, res)
		if l.Child != (webtest.Child{Name: "Mia Kristensen", BirthDate: "2018-03-10"}) {
			t.Errorf("child after correction = %+v", l.Child)
		}
		e := correctionEntry(t, l, "child_corrected")
		want := []logbook.Change{{Field: "child.name", Old: "Mia Kristiansen", New: "Mia Kristensen"},
			{Field: "child.birth_date", Old: "2018-03-01", New: "2018-03-10"}}
		if len(e.Event.Changes) != 2 || e.Event.Changes[0] != want[0] || e.Event.Changes[1] != want[1] {
			t.Errorf("changes = %+v, want %+v", e.Event.Changes, want)
		}
		if e.Author.ID != fx.EmployeeA.ID || e.Text != "Barnets navn ble rettet fra «Mia Kristiansen» til «Mia Kristensen». "+
			"Barnets fødselsdato ble rettet fra 1. mars 2018 til 10. mars 2018." {
			t.Errorf("entry by %s: %q", e.Author.ID, e.Text)
		}

		res = h.Do("PATCH", path, leader, map[string]any{"initials": "m.k."})
		x.want(res, 200, "leader corrects")
		if got := webtest.Decode[webtest.Log](t, res).Child.Initials; got != "MK" {
			t.Errorf("initials = %q, want MK", got)
		}
		if w := x.writes(holder, id); w[len(w)-1] != "log.child" || w[len(w)-2] != "log.child" {
			t.Errorf("audit ends %v, want two log.child", w)
		}

		body := map[string]any{"name": "Noen Andre"}
		x.wantErr(h.Do("PATCH", path, "", body), 401, "unauthenticated", "", "", "anonymous")
		x.wantErr(h.Do("PATCH", path, nurse, body), 403, "forbidden", "", "", "write participant")
		x.wantErr(h.Do("PATCH", path, guardian, body), 403, "forbidden", "", "", "guardian")
		x.wantErr(h.Do("PATCH", path, outsider, body), 404, "not_found", "", "", "other municipality")
		x.wantErr(h.Do("PATCH", path, admin, body), 404, "not_found", "", "", "municipality admin")
		x.wantErr(h.Do("PATCH", "/api/v1/logs/nope/child", holder, body), 404, "not_found", "", "", "no such log")

		for _, c := range []struct {
			name       string
			body       any
			status     int
			field, why string
		}{
			{"BadInitials", map[string]any{"initials": "M1"}, 422, "child.initials", "format"},
			{"FutureBirth", map[string]any{"birth_date": "2030-01-01"}, 422, "child.birth_date", "range"},
			{"BadDate", map[string]any{"birth_date": "10.3.2018"}, 422, "child.birth_date", "format"},
			{"NoName", map[string]any{"name": "", "initials": ""}, 422, "child.name", "required"},
			{"TooLong", map[string]any{"name": string(make([]rune, 121))}, 422, "child.name", "*"},
			{"NothingChanges", map[string]any{"name": "Mia Kristensen"}, 422, "child", "required"},
			{"Empty", map[string]any{}, 422, "child", "required"},
			{"UnknownField", `{"nickname":"M"}`, 422, "nickname", "unknown_field"},
			{"Malformed", `{"name":`, 400, "", ""},
			{"WrongType", `{"name":5}`, 422, "name", "type"},
		} {
			x.wantErr(h.Do("PATCH", path, holder, c.body), c.status, "invalid", c.field, c.why, c.name)
		}
		if got := x.log(holder, id).Child; got != (webtest.Child{Name: "Mia Kristensen", Initials: "MK", BirthDate: "2018-03-10"}) {
			t.Errorf("refused corrections changed the child: %+v", got)
		}
		n := 0
		for _, e := range x.log(holder, id).Entries {
			if e.Kind == "correction" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d correction entries, want 2", n)
		}

		x.want(h.Do("POST", "/api/v1/logs/"+id+"/close", holder, map[string]any{"reason": "goal_reached", "text": "Ferdig"}), 200, "close")
		x.wantErr(h.Do("PATCH", path, holder, body), 409, "conflict", "", "", "closed log")
	})
}

// TestEvaluationMove covers issue 21 point 5: a measure's evaluation date is moved
// with a reason. The measure gets a new version with the new date (the old one
// stays), the log an entry from which date to which and why; those who may not add
// measures are refused; the old version, an evaluated measure and bad input are
// refused without writing anything.
func TestEvaluationMove(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, guardian, nurse := h.Login(fx.EmployeeA), h.Login(fx.Plain), h.Login(fx.EmployeeA2)
		outsider := h.Login(fx.EmployeeB)
		id := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2016-05-01")
		x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		measure := func() string {
			return x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
				"kind": "measure", "text": "Samtaler", "goal": "Ola sover bedre", "responsible_user_id": fx.EmployeeA.ID,
				"start_date": "2027-03-01", "evaluate_by": "2027-04-15"}), 201, "measure")
		}
		m := measure()
		move := func(mid string) string { return "/api/v1/logs/" + id + "/entries/" + mid + "/evaluate-by" }
		body := map[string]any{"evaluate_by": "2027-06-01", "reason": "Påskeferie og sykdom"}

		res := h.Do("POST", move(m), nurse, body)
		x.want(res, 201, "write participant moves")
		v2 := webtest.Decode[webtest.Entry](t, res)
		if v2.Kind != "measure" || v2.EvaluateBy != "2027-06-01" || v2.Version != 2 || v2.Amends == nil || *v2.Amends != m ||
			v2.Goal != "Ola sover bedre" || v2.Text != "Samtaler" || v2.StartDate != "2027-03-01" {
			t.Errorf("new version = %+v", v2)
		}
		l := x.log(holder, id)
		e := correctionEntry(t, l, "evaluation_moved")
		if e.Event.MeasureID != v2.ID || len(e.Event.Changes) != 1 ||
			e.Event.Changes[0] != (logbook.Change{Field: "evaluate_by", Old: "2027-04-15", New: "2027-06-01"}) ||
			e.Text != "Evalueringsdatoen for tiltaket ble flyttet fra 15. april 2027 til 1. juni 2027. Påskeferie og sykdom" {
			t.Errorf("correction entry = %+v, event %+v", e, e.Event)
		}
		versions := 0
		for _, e := range l.Entries {
			if e.Kind == "measure" {
				versions++
			}
		}
		if versions != 2 {
			t.Errorf("%d measure versions in the log, want the old and the new", versions)
		}
		if w := x.writes(holder, id); w[len(w)-1] != "measure.move" {
			t.Errorf("audit ends %v", w)
		}

		x.wantErr(h.Do("POST", move(v2.ID), "", body), 401, "unauthenticated", "", "", "anonymous")
		x.wantErr(h.Do("POST", move(v2.ID), guardian, body), 403, "forbidden", "", "", "guardian")
		x.wantErr(h.Do("POST", move(v2.ID), outsider, body), 404, "not_found", "", "", "other municipality")
		x.wantErr(h.Do("POST", move(m), holder, map[string]any{"evaluate_by": "2027-07-01", "reason": "x"}), 409, "conflict", "", "", "old version")
		x.wantErr(h.Do("POST", move("nope"), holder, body), 404, "not_found", "", "", "no such measure")
		note := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Notat"}), 201, "note")
		x.wantErr(h.Do("POST", move(note), holder, body), 404, "not_found", "", "", "a note")
		for _, c := range []struct {
			name  string
			body  any
			field string
		}{
			{"SameDate", map[string]any{"evaluate_by": "2027-06-01", "reason": "x"}, "evaluate_by"},
			{"BeforeStart", map[string]any{"evaluate_by": "2027-02-01", "reason": "x"}, "evaluate_by"},
			{"BadDate", map[string]any{"evaluate_by": "1.6.2027", "reason": "x"}, "evaluate_by"},
			{"NoReason", map[string]any{"evaluate_by": "2027-07-01", "reason": "  "}, "reason"},
		} {
			x.wantErr(h.Do("POST", move(v2.ID), holder, c.body), 422, "invalid", c.field, "*", c.name)
		}
		x.wantErr(h.Do("POST", move(v2.ID), holder, `{"evaluate_by":`), 400, "invalid", "", "", "malformed")

		m2 := measure()
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "evaluation", "measure_id": m2,
			"outcome": "reached", "text": "Bra"}), 201, "evaluate")
		x.wantErr(h.Do("POST", move(m2), holder, body), 409, "conflict", "", "", "evaluated measure")
		if n := len(x.log(holder, id).Entries); n != len(l.Entries)+3 {
			t.Errorf("%d entries, want %d: refused moves wrote something", n, len(l.Entries)+3)
		}
	})
}
