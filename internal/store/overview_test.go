package store_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestOverviewDeadlines checks the overview's next evaluation date per log and its
// measures due: only the newest version of a measure counts, an evaluated measure
// is done, and a measure is listed for the person responsible, the holder and the
// holder unit's leader, not for another participant.
func TestOverviewDeadlines(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }
		w := newLogWorld(t, db)
		l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
			Child: logbook.Child{Name: "Ola Nordmann", BirthDate: "2016-01-02"}, Concern: "Ola er sliten."}, 0)
		if err != nil {
			t.Fatal(err)
		}
		id := l.ID
		must := func(_ any, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(db.LinkGuardian(ctx, w.holder, id, store.PersonRef{UserID: w.guardian.UserID}, true))
		must(db.AddConsent(ctx, w.holder, id, logbook.NewConsent{CoversUnitIDs: []string{w.school.ID, w.health.ID}, GivenBy: "Mor"}, nil))
		must(db.ChangeLevel(ctx, w.holder, id, 1, "Samtykke gitt"))
		must(db.AddParticipant(ctx, w.holder, id, logbook.NewParticipant{UserID: w.nurse.UserID, Access: logbook.ParticipantWrite}))
		measure := func(responsible access.Actor, evaluateBy logbook.Date) *logbook.Entry {
			t.Helper()
			e, err := db.AddEntry(ctx, w.holder, id, logbook.NewEntry{Kind: logbook.KindMeasure, Text: "Samtaler", Goal: "Bedre søvn",
				ResponsibleUserID: responsible.UserID, StartDate: "2026-11-02", EvaluateBy: evaluateBy})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		nurses := measure(w.nurse, "2026-12-10")
		moved := measure(w.holder, "2026-11-28")
		must(db.AmendEntry(ctx, w.holder, id, moved.ID, logbook.NewEntry{Kind: logbook.KindMeasure, Text: "Samtaler", Goal: "Bedre søvn",
			ResponsibleUserID: w.holder.UserID, StartDate: "2026-11-02", EvaluateBy: "2027-01-20"}))
		evaluated := measure(w.holder, "2026-11-25")
		must(db.AddEntry(ctx, w.holder, id, logbook.NewEntry{Kind: logbook.KindEvaluation, Text: "Gikk bra",
			MeasureID: evaluated.ID, Outcome: logbook.OutcomePartly}))

		check := func(name string, a access.Actor, next logbook.Date, overdue bool, due ...*logbook.Entry) {
			t.Helper()
			o, err := db.GetOverview(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Logs) != 1 || o.Logs[0].Log.ID != id || o.Logs[0].NextDeadline != next || o.Logs[0].Overdue != overdue {
				t.Errorf("%s: logs = %+v, want next deadline %s, overdue %v", name, o.Logs, next, overdue)
			}
			var got []string
			for _, m := range o.MeasuresDue {
				got = append(got, m.MeasureID)
				if m.LogID != id || m.Child.Name != "Ola Nordmann" || m.Overdue != (m.EvaluateBy < "2026-12-01") {
					t.Errorf("%s: due %+v", name, m)
				}
			}
			var want []string
			for _, e := range due {
				want = append(want, e.ID)
			}
			if !equalStrings(got, want) {
				t.Errorf("%s: measures due %v, want %v", name, got, want)
			}
		}
		check("Holder", w.holder, "2026-12-10", false, nurses)
		check("Responsible", w.nurse, "2026-12-10", false, nurses)
		check("Leader", w.leader, "2026-12-10", false, nurses)
		if o, err := db.GetOverview(ctx, w.outsider); err != nil || len(o.Logs) != 0 || len(o.MeasuresDue) != 0 {
			t.Errorf("outsider: %+v, %v", o, err)
		}

		late := measure(w.holder, "2026-11-30")
		check("HolderLate", w.holder, "2026-11-30", true, late, nurses)
		check("LeaderLate", w.leader, "2026-11-30", true, late, nurses)
		check("ResponsibleNotForOthers", w.nurse, "2026-11-30", true, nurses)
	})
}
