package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// stepIDs lists the IDs of a checklist, with "+" after those done and "!" after the
// overdue ones.
func stepIDs(lg *store.LogGuide) []string {
	var out []string
	for _, s := range lg.Steps {
		id := s.ID
		if s.Done {
			id += "+"
		}
		if s.Overdue {
			id += "!"
		}
		out = append(out, id)
	}
	return out
}

func TestLogSteps(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newLogWorld(t, db)
		// Monday 23 November 2026, 10.00 in Oslo.
		clock := &stepClock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
			Child: logbook.Child{Initials: "ON", BirthDate: "2017-03-14"}, Concern: "Ola er sliten."}, 0)
		if err != nil {
			t.Fatal(err)
		}
		id := l.ID
		show := func(a access.Actor) *store.LogView {
			t.Helper()
			v, err := db.GetLog(ctx, a, id)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}

		t.Run("ChecklistWithDueDates", func(t *testing.T) {
			lg := show(w.holder).Guide
			if lg.Version != 1 || lg.Level != 0 || lg.MunicipalityNumber != "4003" || lg.Title != "Nivå 0 – Undring" {
				t.Errorf("guide = version %d level %d number %s title %q", lg.Version, lg.Level, lg.MunicipalityNumber, lg.Title)
			}
			var due []string
			for _, s := range lg.Steps {
				due = append(due, s.ID+" "+string(s.Due))
			}
			want := []string{"undring-haster 2026-11-24", "undring-skriv-ned 2026-11-26", "undring-drofte-leder 2026-11-30",
				"undring-samtale 2026-12-03", "undring-beslutning 2026-12-07"}
			if len(due) != len(want) {
				t.Fatalf("steps = %v, want %v", due, want)
			}
			for i := range want {
				if due[i] != want[i] {
					t.Errorf("step %d = %s, want %s", i, due[i], want[i])
				}
			}
		})

		seq := auditEnd(t, db)
		t.Run("MarkDone", func(t *testing.T) {
			st, created, err := db.MarkStepDone(ctx, w.holder, id, "undring-skriv-ned", "Notert i to dager")
			if err != nil || !created || !st.Done || st.EntryID == "" || st.DoneBy != "holder@skien.no" || st.DoneAt == nil {
				t.Fatalf("mark = %+v, %v, %v", st, created, err)
			}
			v := show(w.holder)
			var entry *store.EntryView
			for i := range v.Entries {
				if v.Entries[i].ID == st.EntryID {
					entry = &v.Entries[i]
				}
			}
			if entry == nil || entry.Kind != logbook.KindStepDone || entry.Text != "Notert i to dager" ||
				entry.AuthorID != w.holder.UserID {
				t.Fatalf("entry = %+v", entry)
			}
			wantEvent := &logbook.Event{Kind: logbook.EventStepDone, StepID: "undring-skriv-ned", StepTitle: "Skriv ned det du har sett"}
			if diff := cmp.Diff(wantEvent, entry.Event); diff != "" {
				t.Errorf("event differs (-want +got):\n%s", diff)
			}
			events, end := auditSince(t, db, seq)
			if len(events) < 1 || events[0].Action != audit.MarkStep || events[0].ActorID != w.holder.UserID ||
				events[0].Role != "holder" || events[0].UnitID != w.school.ID || events[0].LogID != id ||
				events[0].Detail != "undring-skriv-ned "+st.EntryID {
				t.Errorf("audit = %+v", events)
			}
			seq = end
		})
		t.Run("MarkAgainChangesNothing", func(t *testing.T) {
			before := len(show(w.holder).Entries)
			seq = auditEnd(t, db)
			st, created, err := db.MarkStepDone(ctx, w.leader, id, "undring-skriv-ned", "")
			if err != nil || created || !st.Done || st.DoneBy != "holder@skien.no" {
				t.Errorf("second mark = %+v, %v, %v", st, created, err)
			}
			events, _ := auditSince(t, db, seq)
			if len(events) != 1 || events[0].Detail != "undring-skriv-ned already done" {
				t.Errorf("audit of a repeated tick = %+v", events)
			}
			if after := len(show(w.holder).Entries); after != before {
				t.Errorf("entries %d → %d: a repeated tick wrote an entry", before, after)
			}
		})
		t.Run("Refused", func(t *testing.T) {
			seq = auditEnd(t, db)
			for name, c := range map[string]struct {
				a    access.Actor
				sid  string
				code fault.Code
			}{
				"Outsider":        {w.outsider, "undring-haster", fault.NotFound},
				"OtherUnit":       {w.nurse, "undring-haster", fault.NotFound},
				"Guardian":        {w.guardian, "undring-haster", fault.NotFound},
				"UnknownStep":     {w.holder, "finnes-ikke", fault.NotFound},
				"StepOfNextLevel": {w.holder, "niva1-tiltak", fault.NotFound},
			} {
				if _, _, err := db.MarkStepDone(ctx, c.a, id, c.sid, ""); !fault.Is(err, c.code) {
					t.Errorf("%s: err = %v, want %s", name, err, c.code)
				}
			}
			if _, _, err := db.MarkStepDone(ctx, w.holder, id, "undring-haster", string(make([]byte, 3000))); !fault.Is(err, fault.Invalid) {
				t.Errorf("too long note: %v", err)
			}
			if events, _ := auditSince(t, db, seq); len(events) != 0 {
				t.Errorf("refused ticks left audit records: %+v", events)
			}
		})
		t.Run("Overdue", func(t *testing.T) {
			clock.now = clock.now.Add(48 * time.Hour) // Wednesday 25 November
			got := stepIDs(show(w.holder).Guide)
			want := []string{"undring-haster!", "undring-skriv-ned+", "undring-drofte-leder", "undring-samtale", "undring-beslutning"}
			if !equalStrings(got, want) {
				t.Errorf("checklist = %v, want %v", got, want)
			}
			o, err := db.GetOverview(ctx, w.holder)
			if err != nil || len(o.StepsDue) != 1 || o.StepsDue[0].StepID != "undring-haster" || o.StepsDue[0].Due != "2026-11-24" ||
				o.StepsDue[0].LogID != id || o.StepsDue[0].Title != "Vurder om saken haster" {
				t.Errorf("holder's overdue steps = %+v, %v", o.StepsDue, err)
			}
			if o, _ := db.GetOverview(ctx, w.leader); len(o.StepsDue) != 1 {
				t.Errorf("leader's overdue steps = %+v", o.StepsDue)
			}
			if o, _ := db.GetOverview(ctx, w.outsider); len(o.StepsDue) != 0 {
				t.Errorf("outsider's overdue steps = %+v", o.StepsDue)
			}
		})
		t.Run("NewLevelNewChecklist", func(t *testing.T) {
			if _, err := db.LinkGuardian(ctx, w.holder, id, store.PersonRef{UserID: w.guardian.UserID}, true); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddConsent(ctx, w.holder, id, logbook.NewConsent{CoversUnitIDs: []string{w.school.ID}, GivenBy: "Mor"}, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ChangeLevel(ctx, w.holder, id, 1, "Samtykke gitt"); err != nil {
				t.Fatal(err)
			}
			lg := show(w.guardian).Guide // family see the checklist too
			if lg.Level != 1 || len(lg.Steps) != 4 || lg.Steps[0].Due != "2026-12-09" || lg.Steps[0].Done || lg.Steps[2].Due != "" {
				t.Errorf("level 1 checklist = %+v", lg)
			}
			if _, _, err := db.MarkStepDone(ctx, w.guardian, id, "niva1-kartlegg", ""); !fault.Is(err, fault.Forbidden) {
				t.Errorf("guardian ticks: %v, want forbidden", err)
			}
			if _, _, err := db.MarkStepDone(ctx, w.holder, id, "niva1-kartlegg", ""); err != nil {
				t.Fatal(err)
			}
			// Up to level 2 and back: level 1 is walked again.
			clock.now = clock.now.Add(time.Hour)
			if _, err := db.ChangeLevel(ctx, w.holder, id, 2, "Trenger PPT"); err != nil {
				t.Fatal(err)
			}
			clock.now = clock.now.Add(time.Hour)
			if _, err := db.ChangeLevel(ctx, w.holder, id, 1, "PPT er ferdig"); err != nil {
				t.Fatal(err)
			}
			if got := stepIDs(show(w.holder).Guide); got[0] != "niva1-kartlegg" {
				t.Errorf("back at level 1: %v, want the step open again", got)
			}
		})
		t.Run("ClosedLogConflict", func(t *testing.T) {
			if _, err := db.CloseLog(ctx, w.holder, id, logbook.NewClosure{Reason: logbook.ClosureGoalReached, Text: "Bra"}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.MarkStepDone(ctx, w.holder, id, "niva1-tiltak", ""); !fault.Is(err, fault.Conflict) {
				t.Errorf("tick on closed log: %v", err)
			}
			for _, s := range show(w.holder).Guide.Steps {
				if s.Overdue {
					t.Errorf("step %s overdue in a closed log", s.ID)
				}
			}
		})
	})
}

// TestUndringDeadlineFollowsGuide: a new undring's decision deadline is the largest
// deadline among the level-0 steps of the municipality's published guide.
func TestUndringDeadlineFollowsGuide(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newLogWorld(t, db)
		clock := &stepClock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		admin := guideAdmin(t, db, w.m, "admin@skien.no")
		open := func() *logbook.Log {
			t.Helper()
			l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
				Child: logbook.Child{Initials: "KN", BirthDate: "2018-05-01"}, Concern: "Kari gråter ofte."}, 0)
			if err != nil {
				t.Fatal(err)
			}
			return l
		}
		first := open()
		if want := clock.now.AddDate(0, 0, 14); !first.UndringDeadline.Equal(want) {
			t.Errorf("deadline = %v, want %v", first.UndringDeadline, want)
		}
		g := guide.National()
		for i := range g.Levels[0].Steps {
			g.Levels[0].Steps[i].DeadlineDays = guide.Days(min(2*(i+1), 7))
		}
		removed := g.Levels[0].Steps[0].ID
		g.Levels[0].Steps = g.Levels[0].Steps[1:]
		if _, err := db.SaveGuideDraft(ctx, admin, w.m.ID, g); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishGuide(ctx, admin, w.m.ID); err != nil {
			t.Fatal(err)
		}
		second := open()
		if want := clock.now.AddDate(0, 0, 7); !second.UndringDeadline.Equal(want) {
			t.Errorf("deadline after the guide changed = %v, want %v", second.UndringDeadline, want)
		}
		// The first undring keeps the deadline it was opened with, and its checklist
		// follows the new version: the removed step is gone.
		v, err := db.GetLog(ctx, w.holder, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Log.UndringDeadline.Equal(first.UndringDeadline) || v.Guide.Version != 2 || len(v.Guide.Steps) != 4 {
			t.Errorf("first undring: deadline %v, version %d, %d steps", v.Log.UndringDeadline, v.Guide.Version, len(v.Guide.Steps))
		}
		for _, s := range v.Guide.Steps {
			if s.ID == removed {
				t.Errorf("removed step %s still listed", removed)
			}
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
