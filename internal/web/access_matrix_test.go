package web_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// amColumns are the columns of the table in DESIGN.md §4, the two kinds of other
// employee and guardian / youth split, and the admin column split in two.
var amColumns = []string{"holder", "participant_write", "participant_read", "leader_of_holder_unit",
	"employee_same_unit", "employee_other_unit", "employee_other_municipality", "guardian", "youth",
	"municipality_admin", "network_coordinator", "system_admin"}

// amTable is DESIGN.md §4 (its admin column split in three: municipality admin,
// network coordinator of a network the log's municipality is in, system admin) for an active log as the statuses of API.md: the success
// status where the table says ✔, 403 where it says ✖ to someone who may read the log,
// 404 to anyone who may not. 0 is a cell the table leaves empty (—). The undring row
// is the "not undring" of the guardian's read; an undring has no participants. The
// family withdraw consent in the app; the holder and the leader register a withdrawal
// the family made outside it, as they register a consent from paper.
var amTable = map[string][]int{
	//                         hold  pW   pR  lead sameU othU othM guar youth madm ncrd sadm
	"read_log":               {200, 200, 200, 200, 404, 404, 404, 200, 200, 404, 404, 404},
	"read_undring":           {200, 0, 0, 200, 404, 404, 404, 404, 404, 404, 404, 404},
	"add_note":               {201, 201, 403, 201, 404, 404, 404, 201, 201, 404, 404, 404},
	"add_bright_spot":        {201, 201, 403, 201, 404, 404, 404, 201, 201, 404, 404, 404},
	"add_concern":            {201, 201, 403, 201, 404, 404, 404, 403, 403, 404, 404, 404},
	"add_measure":            {201, 201, 403, 201, 404, 404, 404, 403, 403, 404, 404, 404},
	"add_meeting":            {201, 201, 403, 201, 404, 404, 404, 403, 403, 404, 404, 404},
	"add_evaluation":         {201, 201, 403, 201, 404, 404, 404, 403, 403, 404, 404, 404},
	"change_level":           {200, 403, 403, 200, 404, 404, 404, 403, 403, 404, 404, 404},
	"add_participant":        {201, 403, 403, 201, 404, 404, 404, 403, 403, 404, 404, 404},
	"remove_participant":     {204, 403, 403, 204, 404, 404, 404, 403, 403, 404, 404, 404},
	"propose_transfer":       {201, 403, 403, 201, 404, 404, 404, 403, 403, 404, 404, 404},
	"register_paper_consent": {201, 403, 403, 201, 404, 404, 404, 0, 0, 404, 404, 404},
	"give_consent_in_app":    {0, 403, 403, 0, 404, 404, 404, 201, 201, 404, 404, 404},
	"withdraw_consent":       {200, 403, 403, 200, 404, 404, 404, 200, 200, 404, 404, 404},
	"close":                  {200, 403, 403, 200, 404, 404, 404, 200, 200, 404, 404, 404},
	"see_access_log":         {200, 403, 403, 200, 404, 404, 404, 200, 200, 404, 404, 404},
	"export":                 {200, 403, 403, 200, 404, 404, 404, 200, 200, 404, 404, 404},
}

// amLog is one log of the matrix and the sub-objects its requests name.
type amLog struct{ id, consent, measure string }

// amCol is one column: a person and how their entries are marked.
type amCol struct {
	name string
	user people.User
	role string // author_role of their entries
}

// amWorld holds the people of TestAccessMatrix and builds its logs.
type amWorld struct {
	h                            *webtest.Harness
	cols                         []amCol
	tok                          map[string]string // column name (and "spare") → token
	holder                       string            // the holder's token
	writer, reader, spare, youth people.User
}

func newAMWorld(t *testing.T, h *webtest.Harness) *amWorld {
	fx := h.Fx
	o := logOps{t, h}
	adminTok := h.Login(fx.AdminA)
	w := &amWorld{h: h, tok: map[string]string{}, writer: fx.EmployeeA2}
	w.reader = o.person(adminTok, "leser@skien.no", "Rune Leser", fx.UnitA2.ID)
	w.spare = o.person(adminTok, "ny@skien.no", "Nils Ny", fx.UnitA2.ID)
	w.youth = o.person(adminTok, "mia@example.no", "Mia Matrise", "")
	users := []people.User{fx.EmployeeA, w.writer, w.reader, fx.LeaderA,
		o.person(adminTok, "kollega@skien.no", "Kari Kollega", fx.UnitA.ID),
		o.person(adminTok, "annen@skien.no", "Anders Annen", fx.UnitA2.ID),
		fx.EmployeeB, fx.Plain, w.youth, fx.AdminA, amCoordinator(t, h), fx.SysAdmin}
	for i, name := range amColumns {
		role := "staff"
		if name == "guardian" || name == "youth" {
			role = name
		}
		w.cols = append(w.cols, amCol{name, users[i], role})
		w.tok[name] = h.Login(users[i])
	}
	w.tok["spare"] = h.Login(w.spare)
	w.holder = w.tok["holder"]
	return w
}

// newLog builds an active log at level 1 held by the holder at the school: the
// guardian with parental responsibility and the youth linked, one paper consent
// covering the school and the health station, the writer and the reader (both at the
// health station) taking part, and one measure.
func (w *amWorld) newLog(t *testing.T) amLog {
	t.Helper()
	o, fx := logOps{t, w.h}, w.h.Fx
	id := w.newUndring(t).id
	cid := o.consent(w.holder, id, map[string]any{"given_by": "Frida Forelder"}, fx.UnitA.ID, fx.UnitA2.ID)
	o.level(w.holder, id, 1)
	o.participant(w.holder, id, w.writer.ID, "write")
	o.participant(w.holder, id, w.reader.ID, "read")
	m := o.okID(w.h.Do("POST", "/api/v1/logs/"+id+"/entries", w.holder, w.entryBody("measure", amLog{})), 201, "measure")
	return amLog{id, cid, m}
}

// newUndring opens an undring about the youth with the guardian and the youth
// already linked.
func (w *amWorld) newUndring(t *testing.T) amLog {
	t.Helper()
	o, fx := logOps{t, w.h}, w.h.Fx
	id := o.open(w.holder, fx.UnitA.ID, map[string]any{"name": "Mia Matrise", "birth_date": "2010-01-01"}, "Mia er mye borte.")
	o.guardian(w.holder, id, fx.Plain.ID, true)
	o.ok(w.h.Do("POST", "/api/v1/logs/"+id+"/youth", w.holder, map[string]any{"user_id": w.youth.ID}), 201, "link youth")
	return amLog{id: id}
}

// entryBody is a valid entry of kind for log l.
func (w *amWorld) entryBody(kind string, l amLog) map[string]any {
	switch kind {
	case "measure":
		return map[string]any{"kind": kind, "text": "Samtaler hver uke", "goal": "Mia er på skolen",
			"responsible_user_id": w.h.Fx.EmployeeA.ID, "start_date": "2026-11-24", "evaluate_by": "2027-01-15"}
	case "meeting":
		return map[string]any{"kind": kind, "held_at": "2026-11-20T10:00:00Z", "attendees": []string{"Lars", "Frida"},
			"text": "Samarbeidsmøte", "decisions": "Ny samtale om to uker"}
	case "evaluation":
		return map[string]any{"kind": kind, "measure_id": l.measure, "outcome": "partly", "text": "Bedre, men ikke helt"}
	}
	return map[string]any{"kind": kind, "text": "Et innlegg av typen " + kind}
}

// amState is a log as the holder sees it and the write actions in its access log.
// raw is the same answer as a map, so that comparing two states sees every field.
type amState struct {
	log    webtest.Log
	raw    map[string]any
	writes []string
}

func (w *amWorld) state(t *testing.T, id string) amState {
	t.Helper()
	x := lp{t, w.h}
	res := w.h.Do("GET", "/api/v1/logs/"+id, w.holder, nil)
	raw := x.want(res, 200, "show log")
	return amState{webtest.Decode[webtest.Log](t, res), raw, x.writes(w.holder, id)}
}

// audited counts the events of action by user uid in log id's access log, as the
// holder reads it. That read is itself recorded, as the holder's access_log.read,
// which the next count sees.
func (w *amWorld) audited(t *testing.T, id, uid, action string) int {
	t.Helper()
	res := w.h.Do("GET", "/api/v1/logs/"+id+"/access-log", w.holder, nil)
	lp{t, w.h}.want(res, 200, "access log")
	n := 0
	for _, e := range webtest.Decode[webtest.AccessLog](t, res).Events {
		if e.Action == action && e.Actor.ID == uid {
			n++
		}
	}
	return n
}

// readRecords is how many records a read of r by c adds to what audited counts: one
// for an allowed read, none for a refused one, and one more when the count is of the
// holder reading the access log, since counting is such a read.
func (w *amWorld) readRecords(r amRow, c amCol, allowed bool) int {
	n := 0
	if allowed {
		n++
	}
	if c.name == "holder" && r.audit == "access_log.read" {
		n++
	}
	return n
}

// amNewEntries returns the entries of log after that before does not have.
func amNewEntries(before, after webtest.Log) []webtest.Entry {
	seen := map[string]bool{}
	for _, e := range before.Entries {
		seen[e.ID] = true
	}
	var out []webtest.Entry
	for _, e := range after.Entries {
		if !seen[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// amFind returns the first element of list that match accepts, or nil.
func amFind[T any](list []T, match func(T) bool) *T {
	for i := range list {
		if match(list[i]) {
			return &list[i]
		}
	}
	return nil
}

// amRow is one action of the table: its request and, for an allowed answer, what
// must then be true.
type amRow struct {
	name    string
	write   bool
	fresh   bool // every cell gets a log of its own, allowed or not
	undring bool // on the undring instead of the active log
	do      func(w *amWorld, tok string, l amLog) *webtest.Response
	// An allowed write leaves exactly one new entry, of kind by the actor, and one
	// more write of audit in the access log. An allowed read leaves an event of audit
	// by the actor there, a refused one none.
	kind, audit string
	// check looks at an allowed answer; after and entry are the log and the new entry
	// after a write, nil after a read.
	check func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, entry *webtest.Entry)
}

func amPost(suffix string, body any) func(*amWorld, string, amLog) *webtest.Response {
	return func(w *amWorld, tok string, l amLog) *webtest.Response {
		return w.h.Do("POST", "/api/v1/logs/"+l.id+suffix, tok, body)
	}
}

func amGet(suffix string) func(*amWorld, string, amLog) *webtest.Response {
	return func(w *amWorld, tok string, l amLog) *webtest.Response {
		return w.h.Do("GET", "/api/v1/logs/"+l.id+suffix, tok, nil)
	}
}

// amEntryRow adds an entry of kind; it must hold what was sent and be marked as from
// the guardian or youth exactly when it is.
func amEntryRow(kind string) amRow {
	return amRow{name: "add_" + kind, write: true, kind: kind, audit: "entry.add",
		do: func(w *amWorld, tok string, l amLog) *webtest.Response {
			return w.h.Do("POST", "/api/v1/logs/"+l.id+"/entries", tok, w.entryBody(kind, l))
		},
		check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, _ *webtest.Log, e *webtest.Entry) {
			if got := webtest.Decode[webtest.ID](t, res).ID; got != e.ID {
				t.Errorf("answered entry %v, but the new entry is %v", got, e.ID)
			}
			if e.AuthorRole != c.role || e.FromGuardianOrYouth != (c.role != "staff") {
				t.Errorf("entry marked %v (from family %v), want %s", e.AuthorRole, e.FromGuardianOrYouth, c.role)
			}
			sent := w.entryBody(kind, l)
			if e.Text != sent["text"] || (kind == "evaluation" && (e.MeasureID != l.measure || e.Outcome != "partly")) {
				t.Errorf("stored entry = %+v", e)
			}
		}}
}

// amReadRows are the reads.
func amReadRows() []amRow {
	return []amRow{
		{name: "read_log", audit: "log.read", do: amGet(""), check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, _ *webtest.Log, _ *webtest.Entry) {
			if m := webtest.Decode[webtest.Log](t, res); m.ID != l.id || amFind(m.Entries, func(e webtest.Entry) bool { return e.ID == l.measure }) == nil {
				t.Errorf("log = %.300s", res.Body)
			}
		}},
		{name: "read_undring", audit: "log.read", undring: true, do: amGet(""), check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, _ *webtest.Log, _ *webtest.Entry) {
			if m := webtest.Decode[webtest.Log](t, res); m.ID != l.id || m.Status != "undring" {
				t.Errorf("undring = %.300s", res.Body)
			}
		}},
		{name: "see_access_log", audit: "access_log.read", do: amGet("/access-log"), check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, _ *webtest.Log, _ *webtest.Entry) {
			if amFind(webtest.Decode[webtest.AccessLog](t, res).Events, func(e webtest.AccessEvent) bool { return e.Action == "log.create" }) == nil {
				t.Errorf("access log = %.300s", res.Body)
			}
		}},
		{name: "export", audit: "log.export", do: amGet("/export"), check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, _ *webtest.Log, _ *webtest.Entry) {
			m := webtest.Decode[webtest.Export](t, res)
			if !strings.Contains(res.Header.Get("Content-Disposition"), l.id) || m.Log.ID != l.id || len(m.AccessLog) == 0 {
				t.Errorf("export = %v %.300s", res.Header, res.Body)
			}
		}},
	}
}

// amManageRows change the level, the participants and the holder.
func amManageRows() []amRow {
	return []amRow{
		{name: "change_level", write: true, kind: "level_change", audit: "log.level",
			do: amPost("/level", map[string]any{"level": 2, "reason": "Trenger flere tjenester"}),
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				if webtest.Decode[webtest.Log](t, res).Level != 2 || after.Level != 2 || after.Status != "active" {
					t.Errorf("after the change the log is at level %v, %v: %s", after.Level, after.Status, res.Body)
				}
			}},
		{name: "add_participant", write: true, kind: "participant", audit: "participant.add",
			do: func(w *amWorld, tok string, l amLog) *webtest.Response {
				return w.h.Do("POST", "/api/v1/logs/"+l.id+"/participants", tok, map[string]any{"user_id": w.spare.ID, "access": "read"})
			},
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				if p := amFind(after.Participants, func(p webtest.Participant) bool { return p.UserID == w.spare.ID }); p == nil || p.Access != "read" || !p.Active {
					t.Errorf("new participant = %+v", p)
				}
				lp{t, w.h}.show(w.tok["spare"], l.id)
			}},
		{name: "remove_participant", write: true, kind: "participant", audit: "participant.remove",
			do: func(w *amWorld, tok string, l amLog) *webtest.Response {
				return w.h.Do("DELETE", "/api/v1/logs/"+l.id+"/participants/"+w.reader.ID, tok, nil)
			},
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				if p := amFind(after.Participants, func(p webtest.Participant) bool { return p.UserID == w.reader.ID }); p != nil {
					t.Errorf("removed participant still listed: %+v", p)
				}
				if res := w.h.Do("GET", "/api/v1/logs/"+l.id, w.tok["participant_read"], nil); res.Status != 404 {
					t.Errorf("removed participant reads the log: %d", res.Status)
				}
			}},
		{name: "propose_transfer", write: true, kind: "transfer", audit: "transfer.propose",
			do: func(w *amWorld, tok string, l amLog) *webtest.Response {
				return w.h.Do("POST", "/api/v1/logs/"+l.id+"/transfers", tok, map[string]any{"to_user_id": w.writer.ID, "note": "Mia bytter skole"})
			},
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				p := after.PendingTransfer
				if tid := webtest.Decode[webtest.ID](t, res).ID; p == nil || tid == "" || p.ID != tid || p.ToUserID != w.writer.ID || p.ToUnitID != w.h.Fx.UnitA2.ID {
					t.Errorf("pending transfer = %+v, answered %s", p, res.Body)
				}
				if h := after.Holder.ID; h != w.h.Fx.EmployeeA.ID {
					t.Errorf("holder changed before acceptance: %v", h)
				}
			}},
	}
}

// amConsentRows register, give and withdraw consent, and close the log.
func amConsentRows(w *amWorld) []amRow {
	fx := w.h.Fx
	return []amRow{
		{name: "register_paper_consent", write: true, kind: "consent", audit: "consent.register",
			do: amPost("/consents", map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}, "given_by": "Frida Forelder"}),
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				amCheckConsent(t, after, res, "paper", "Frida Forelder", fx.UnitA.ID)
			}},
		{name: "give_consent_in_app", write: true, kind: "consent", audit: "consent.give",
			do: amPost("/consents", map[string]any{"covers_unit_ids": []string{fx.UnitA2.ID}}),
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				amCheckConsent(t, after, res, "digital", c.user.ID, fx.UnitA2.ID)
			}},
		{name: "withdraw_consent", write: true, kind: "consent", audit: "consent.withdraw",
			do: func(w *amWorld, tok string, l amLog) *webtest.Response {
				return w.h.Do("POST", "/api/v1/logs/"+l.id+"/consents/"+l.consent+"/withdraw", tok, nil)
			},
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				if k := amFind(after.Consents, func(k webtest.Consent) bool { return k.ID == l.consent }); k == nil || k.WithdrawnAt == nil || k.Valid {
					t.Errorf("withdrawn consent = %+v", k)
				}
				// No unit is covered any more: the participants' access ends at once.
				if res := w.h.Do("GET", "/api/v1/logs/"+l.id, w.tok["participant_write"], nil); res.Status != 404 {
					t.Errorf("participant reads the log after the withdrawal: %d", res.Status)
				}
			}},
		{name: "close", write: true, fresh: true, kind: "closure", audit: "log.close",
			do: amPost("/close", map[string]any{"reason": "goal_reached", "text": "Målet er nådd"}),
			check: func(t *testing.T, w *amWorld, c amCol, l amLog, res *webtest.Response, after *webtest.Log, _ *webtest.Entry) {
				if webtest.Decode[webtest.Log](t, res).Status != "closed" || after.Status != "closed" || after.ClosureReason != "goal_reached" || after.ClosedAt == nil {
					t.Errorf("after closing: status %v, reason %v, closed_at %v: %s", after.Status, after.ClosureReason, after.ClosedAt, res.Body)
				}
			}},
	}
}

// amCheckConsent checks that the answered consent is in the log, valid, from source,
// given by givenBy and covering unit only.
func amCheckConsent(t *testing.T, after *webtest.Log, res *webtest.Response, source, givenBy, unit string) {
	t.Helper()
	m := webtest.Decode[webtest.ID](t, res)
	k := amFind(after.Consents, func(k webtest.Consent) bool { return k.ID == m.ID })
	if m.ID == "" || k == nil || k.Source != source || k.GivenBy != givenBy || !k.Valid || !slices.Equal(k.CoversUnitIDs, []string{unit}) {
		t.Errorf("consent answered %s, in the log %+v; want %s given by %s for %s", res.Body, k, source, givenBy, unit)
	}
}

// TestAccessMatrix checks every cell of the table in DESIGN.md §4 through the API:
// each allowed action succeeds and leaves what it should, each refused one answers
// 403 to someone who may read the log and 404 to anyone else, exactly as for a log
// that does not exist, and changes nothing. Allowed writes and every close get a log
// of their own; the rest share one. Two rows are tested elsewhere: accepting a
// transfer (only the proposed holder: TestLogFlow, TestTransferNeedsConsentWhenAccepted)
// and writes to closed logs (TestLogFlow).
func TestAccessMatrix(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newAMWorld(t, h)
		rows := amReadRows()
		for _, kind := range []string{"note", "bright_spot", "concern", "measure", "meeting", "evaluation"} {
			rows = append(rows, amEntryRow(kind))
		}
		rows = append(append(rows, amManageRows()...), amConsentRows(w)...)
		if len(rows) != len(amTable) {
			t.Fatalf("%d rows for the %d rows of the table", len(rows), len(amTable))
		}
		shared, undring := w.newLog(t), w.newUndring(t)
		for _, r := range rows {
			want, ok := amTable[r.name]
			if !ok || len(want) != len(w.cols) {
				t.Fatalf("row %s: table has %v", r.name, want)
			}
			t.Run(r.name, func(t *testing.T) {
				for i, c := range w.cols {
					if want[i] == 0 {
						continue
					}
					t.Run(fmt.Sprintf("%s_%d", c.name, want[i]), func(t *testing.T) {
						l := shared
						switch {
						case r.undring:
							l = undring
						case r.fresh || (r.write && want[i] < 300):
							l = w.newLog(t)
						}
						if w.runCell(t, r, c, l, want[i]) && l == shared {
							shared = w.newLog(t) // a refused write got through: later cells need a clean log
						}
					})
				}
			})
		}
	})
}

// runCell sends r's request as c on l and checks the answer against want. It reports
// whether l was changed by a request that should have been refused.
func (w *amWorld) runCell(t *testing.T, r amRow, c amCol, l amLog, want int) (spoiled bool) {
	var before amState
	var reads int // for a read: the records of it in the access log before
	if r.write {
		before = w.state(t, l.id)
	} else {
		reads = w.audited(t, l.id, c.user.ID, r.audit)
	}
	res := r.do(w, w.tok[c.name], l)
	if res.Status != want {
		t.Errorf("%s as %s = %d, want %d: %.300s", r.name, c.name, res.Status, want, res.Body)
	}
	if want >= 300 {
		w.checkRefusal(t, r, c, l, res, want, reads)
		if !r.write {
			return false
		}
		if after := w.state(t, l.id); !reflect.DeepEqual(after, before) {
			t.Errorf("a refused %s by %s changed the log: writes %v → %v", r.name, c.name, before.writes, after.writes)
			return true
		}
		return false
	}
	if res.Status != want {
		return false
	}
	if !r.write {
		if got, wantN := w.audited(t, l.id, c.user.ID, r.audit)-reads, w.readRecords(r, c, true); got != wantN {
			t.Errorf("the read added %d records %s by %s to the access log, want %d", got, r.audit, c.name, wantN)
		}
		r.check(t, w, c, l, res, nil, nil)
		return false
	}
	after := w.state(t, l.id)
	if wantW := append(slices.Clone(before.writes), r.audit); !slices.Equal(after.writes, wantW) {
		t.Errorf("writes in the access log = %v, want %v", after.writes, wantW)
	}
	added := amNewEntries(before.log, after.log)
	if len(added) != 1 || added[0].Kind != r.kind || added[0].Author.ID != c.user.ID {
		t.Fatalf("new entries = %+v, want one %s by %s", added, r.kind, c.user.ID)
	}
	r.check(t, w, c, l, res, &after.log, &added[0])
	return false
}

// checkRefusal checks that a 403 is a forbidden error and a 404 is the very answer
// to the same request on a log that does not exist; a refused read is not audited.
func (w *amWorld) checkRefusal(t *testing.T, r amRow, c amCol, l amLog, res *webtest.Response, want, reads int) {
	t.Helper()
	if res.Status != want {
		return
	}
	code, _ := res.ErrorCode(t)
	switch {
	case want == 403 && code != "forbidden", want == 404 && code != "not_found":
		t.Errorf("%d with error code %q: %s", want, code, res.Body)
	case want == 404:
		twin := r.do(w, w.tok[c.name], amLog{id: unknownID(t), consent: l.consent, measure: l.measure})
		if twin.Status != res.Status || !bytes.Equal(twin.Body, res.Body) || twin.Header.Get("Content-Type") != res.Header.Get("Content-Type") {
			t.Errorf("answers differently from a log that does not exist:\n got  %d %s\n twin %d %s", res.Status, res.Body, twin.Status, twin.Body)
		}
	}
	if !r.write {
		if got, wantN := w.audited(t, l.id, c.user.ID, r.audit)-reads, w.readRecords(r, c, false); got != wantN {
			t.Errorf("a refused read added %d records %s by %s to the access log, want %d", got, r.audit, c.name, wantN)
		}
	}
}

// amMovedColumns are the people around a log moved to a county's school (API.md,
// Counties and moves): the new holder, the old holder (who reads for 30 days), the
// old holder's leader and a participant of the old municipality, both sides' admins,
// another employee of the county and the system administrator.
var amMovedColumns = []string{"new_holder", "old_holder", "old_leader", "old_participant",
	"county_admin", "old_admin", "county_other_employee", "system_admin"}

// amMovedTable is the moved log's cells: content for the new holder, reading only
// for the old holder, nothing (404) for everyone else, admins on either side included.
var amMovedTable = map[string][]int{
	//                 new  oldH oldL oldP cAdm oAdm cEmp sadm
	"read_log":       {200, 200, 404, 404, 404, 404, 404, 404},
	"read_entries":   {200, 200, 404, 404, 404, 404, 404, 404},
	"see_access_log": {200, 403, 404, 404, 404, 404, 404, 404},
	"export":         {200, 403, 404, 404, 404, 404, 404, 404},
	"add_note":       {201, 403, 404, 404, 404, 404, 404, 404},
}

// TestAccessMatrixMovedLog checks amMovedTable on both databases, and that the old
// holder's cells turn to 404 after the 30 days.
func TestAccessMatrixMovedLog(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		w := newCountyWorld(t, h)
		other := o.person(h.Login(w.admin), "annen@skienvgs.no", "Ane Annen", w.school.ID)
		holder := h.Login(fx.EmployeeA)
		id := o.activeLog(holder, fx.UnitA.ID, "Mona Matrise", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID, w.school.ID)
		o.participant(holder, id, fx.EmployeeA2.ID, "write")
		tid := o.okID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": w.employee.ID}), 201, "propose")
		o.ok(h.Do("POST", "/api/v1/transfers/"+tid+"/accept", h.Login(w.employee), nil), 200, "accept")
		users := []people.User{w.employee, fx.EmployeeA, fx.LeaderA, fx.EmployeeA2, w.admin, fx.AdminA, other, fx.SysAdmin}
		req := map[string]struct {
			method, path string
			body         any
		}{
			"read_log":       {"GET", "/api/v1/logs/" + id, nil},
			"read_entries":   {"GET", "/api/v1/logs/" + id + "/entries", nil},
			"see_access_log": {"GET", "/api/v1/logs/" + id + "/access-log", nil},
			"export":         {"GET", "/api/v1/logs/" + id + "/export", nil},
			"add_note":       {"POST", "/api/v1/logs/" + id + "/entries", map[string]any{"kind": "note", "text": "Et notat."}},
		}
		check := func(col int, want func(row string) int) {
			tok := h.Login(users[col])
			for _, row := range slices.Sorted(maps.Keys(amMovedTable)) {
				r := req[row]
				if res := h.Do(r.method, r.path, tok, r.body); res.Status != want(row) {
					t.Errorf("%s / %s = %d, want %d: %s", row, amMovedColumns[col], res.Status, want(row), res.Body)
				}
			}
		}
		for col := range amMovedColumns {
			check(col, func(row string) int { return amMovedTable[row][col] })
		}
		for _, row := range slices.Sorted(maps.Keys(amMovedTable)) {
			r := req[row]
			if res := h.Do(r.method, r.path, "", r.body); res.Status != 401 {
				t.Errorf("%s / anonymous = %d, want 401", row, res.Status)
			}
		}
		h.Clock.Add(30*24*time.Hour + time.Minute)
		check(1, func(string) int { return 404 })
	})
}

// amCoordinator is the coordinator of a network of both municipalities of h.
func amCoordinator(t *testing.T, h *webtest.Harness) people.User {
	t.Helper()
	ctx, sys := context.Background(), people.System()
	n := org.Network{Name: "Matrisen", MunicipalityIDs: []string{h.Fx.A.ID, h.Fx.B.ID}}
	if err := h.DB.CreateNetwork(ctx, sys, &n); err != nil {
		t.Fatal(err)
	}
	hash, err := webtest.Hasher.Hash(webtest.Password)
	if err != nil {
		t.Fatal(err)
	}
	u := people.User{Email: "koordinator@matrisen.no", Name: "Kai Koordinator"}
	if err := h.DB.CreateUser(ctx, sys, &u, hash); err != nil {
		t.Fatal(err)
	}
	if err := h.DB.GrantRole(ctx, sys, u.ID, &people.Role{Role: people.NetworkCoordinator, NetworkID: n.ID}); err != nil {
		t.Fatal(err)
	}
	h.EnrolTOTP(u.ID)
	return u
}
