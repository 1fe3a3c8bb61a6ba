package store_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestFirstEvaluationKept checks the first evaluation a measure's versions carry for
// the indicators: an evaluation sets it on every version, a later one leaves it, a
// new version takes it over, an evaluation of an old version reaches the new one, and
// Bulk.Entries keeps it for an evaluation of a measure written before.
func TestFirstEvaluationKept(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clock := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return clock }
		at := func(day int) time.Time { return time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC) }
		w := newLogWorld(t, db)
		l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
			Child: logbook.Child{Name: "Ola Nordmann", BirthDate: "2016-01-02"}, Concern: "Ola er sliten."}, 0)
		if err != nil {
			t.Fatal(err)
		}
		measure := logbook.NewEntry{Kind: logbook.KindMeasure, Text: "Samtaler", Goal: "Bedre søvn",
			ResponsibleUserID: w.holder.UserID, StartDate: "2026-11-02", EvaluateBy: "2026-12-10"}
		add := func(day int, in logbook.NewEntry) *logbook.Entry {
			t.Helper()
			clock = at(day)
			e, err := db.AddEntry(ctx, w.holder, l.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		amend := func(day int, id string) *logbook.Entry {
			t.Helper()
			clock = at(day)
			e, err := db.AmendEntry(ctx, w.holder, l.ID, id, measure)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		evaluate := func(day int, id string) {
			t.Helper()
			add(day, logbook.NewEntry{Kind: logbook.KindEvaluation, Text: "Gikk bra", MeasureID: id, Outcome: logbook.OutcomePartly})
		}
		want := func(name string, id string, day int) {
			t.Helper()
			got, err := db.FirstEvaluationForTest(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case day == 0 && got != nil:
				t.Errorf("%s: first evaluation %v, want none", name, got)
			case day != 0 && (got == nil || !got.Equal(at(day))):
				t.Errorf("%s: first evaluation %v, want %v", name, got, at(day))
			}
		}

		m := add(3, measure)
		want("NotEvaluated", m.ID, 0)
		evaluate(4, m.ID)
		want("Evaluated", m.ID, 4)
		m2 := amend(5, m.ID)
		want("NewVersionTakesIt", m2.ID, 4)
		evaluate(6, m2.ID)
		want("LaterLeavesIt", m.ID, 4)
		want("LaterLeavesItNewVersion", m2.ID, 4)

		n := add(7, measure)
		n2 := amend(8, n.ID)
		want("AmendedNotEvaluated", n2.ID, 0)
		evaluate(9, n.ID)
		want("OldVersionEvaluated", n.ID, 9)
		want("OldVersionEvaluatedReachesNew", n2.ID, 9)

		// Through a bulk load: an evaluation of a measure written before, and a new
		// version of it.
		o := add(10, measure)
		b, err := db.BeginBulk(ctx, store.BulkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		o2 := logbook.Entry{ID: "bulk-version-o2", LogID: l.ID, Kind: logbook.KindMeasure, AuthorID: w.holder.UserID,
			AuthorRole: logbook.AuthorStaff, CreatedAt: at(11), Version: 2, Amends: o.ID, Goal: "Bedre søvn",
			StartDate: "2026-11-02", EvaluateBy: "2026-12-10"}
		ev := logbook.Entry{ID: "bulk-evaluation-o", LogID: l.ID, Kind: logbook.KindEvaluation, AuthorID: w.holder.UserID,
			AuthorRole: logbook.AuthorStaff, CreatedAt: at(12), Version: 1, MeasureID: o.ID, Outcome: logbook.OutcomeReached}
		if err := b.Entries(ctx, []logbook.Entry{o2, ev}); err != nil {
			b.Abort()
			t.Fatal(err)
		}
		if err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		want("BulkLateEvaluation", o.ID, 12)
		want("BulkLateVersion", o2.ID, 12)
	})
}
