package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// systemEntry is what a system entry records, as the tests compare it.
type systemEntry struct {
	Kind   logbook.Kind
	Author string
	Text   string
	Event  logbook.Event
}

// systemEntries returns log id's system entries, oldest first.
func systemEntries(t *testing.T, db *store.DB, w *logWorld, id string) []systemEntry {
	t.Helper()
	v, err := db.GetLog(context.Background(), w.holder, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []systemEntry
	for _, e := range v.Entries {
		switch {
		case e.Kind.IsUser() && e.Event != nil:
			t.Errorf("%s entry %s has event %+v", e.Kind, e.ID, e.Event)
		case e.Kind.IsSystem() && e.Event == nil:
			t.Errorf("%s entry %s (%q) has no event", e.Kind, e.ID, e.Text)
		case e.Kind.IsSystem():
			out = append(out, systemEntry{e.Kind, e.AuthorID, e.Text, *e.Event})
		}
	}
	return out
}

// eventFlow runs a log through every kind of system entry but a step done (see
// TestLogSteps) and returns the log, an undring decided at once, and the system
// entries the flow should have left in the log, oldest first.
func eventFlow(t *testing.T, db *store.DB, w *logWorld) (logID, undringID string, want []systemEntry) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	school, health := w.school.ID, w.health.ID
	l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: school,
		Child: logbook.Child{Name: "Ola Nordmann", BirthDate: "2010-01-02"}, Concern: "Ola er sliten."}, 0)
	must(err)
	_, err = db.LinkGuardian(ctx, w.holder, l.ID, store.PersonRef{UserID: w.guardian.UserID}, true)
	must(err)
	paper, err := db.AddConsent(ctx, w.holder, l.ID, logbook.NewConsent{CoversUnitIDs: []string{health, school}, GivenBy: "Mor"}, nil)
	must(err)
	_, err = db.ChangeLevel(ctx, w.holder, l.ID, 1, "Samtykke gitt")
	must(err)
	digital, err := db.AddConsent(ctx, w.guardian, l.ID, logbook.NewConsent{CoversUnitIDs: []string{school}}, nil)
	must(err)
	_, err = db.AddParticipant(ctx, w.holder, l.ID, logbook.NewParticipant{UserID: w.nurse.UserID, Access: logbook.ParticipantWrite})
	must(err)
	_, err = db.AddParticipant(ctx, w.holder, l.ID, logbook.NewParticipant{UserID: w.outsider.UserID, Access: logbook.ParticipantRead})
	must(err)
	_, err = db.WithdrawConsent(ctx, w.guardian, l.ID, digital.ID)
	must(err)
	must(db.RemoveParticipant(ctx, w.holder, l.ID, w.nurse.UserID))
	tr1, err := db.ProposeTransfer(ctx, w.holder, l.ID, logbook.NewTransfer{ToUserID: w.nurse.UserID, Note: "Helsestasjonen følger opp"})
	must(err)
	_, err = db.AnswerTransfer(ctx, w.nurse, tr1.ID, false)
	must(err)
	tr2, err := db.ProposeTransfer(ctx, w.leader, l.ID, logbook.NewTransfer{ToUserID: w.nurse.UserID, Note: "Ny runde"})
	must(err)
	_, err = db.AnswerTransfer(ctx, w.nurse, tr2.ID, true)
	must(err)
	_, err = db.ChangeLevel(ctx, w.nurse, l.ID, 2, "Flere tjenester")
	must(err)
	_, err = db.CloseLog(ctx, w.guardian, l.ID, logbook.NewClosure{Reason: logbook.ClosureGuardianRequest, Text: "Takk"})
	must(err)

	u, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: school,
		Child: logbook.Child{Initials: "KN", BirthDate: "2018-05-01"}, Concern: "Kari gråter ofte."}, 0)
	must(err)
	_, err = db.DecideUndring(ctx, w.leader, u.ID, logbook.UndringDecision{Outcome: logbook.UndringChildWelfareReport,
		Text: "Sendt 1. desember"})
	must(err)

	h, g, n, lead := w.holder.UserID, w.guardian.UserID, w.nurse.UserID, w.leader.UserID
	want = []systemEntry{
		{logbook.KindConsent, h, "", logbook.Event{Kind: logbook.EventConsentRegistered, ConsentID: paper.ID,
			UnitIDs: slices.Sorted(slices.Values(paper.CoversUnitIDs))}},
		{logbook.KindLevelChange, h, "Samtykke gitt", logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: 0, ToLevel: 1}},
		{logbook.KindConsent, g, "", logbook.Event{Kind: logbook.EventConsentGiven, ConsentID: digital.ID, UnitIDs: []string{school}}},
		{logbook.KindParticipant, h, "", logbook.Event{Kind: logbook.EventParticipantAdded, UserID: n, UnitID: health,
			Access: logbook.ParticipantWrite}},
		{logbook.KindParticipant, h, "", logbook.Event{Kind: logbook.EventParticipantAdded, UserID: w.outsider.UserID, UnitID: health,
			Access: logbook.ParticipantRead}},
		{logbook.KindConsent, g, "", logbook.Event{Kind: logbook.EventConsentWithdrawn, ConsentID: digital.ID}},
		{logbook.KindParticipant, h, "", logbook.Event{Kind: logbook.EventParticipantRemoved, UserID: n}},
		{logbook.KindTransfer, h, "", logbook.Event{Kind: logbook.EventTransferProposed, TransferID: tr1.ID, UserID: n, UnitID: health}},
		{logbook.KindTransfer, n, "", logbook.Event{Kind: logbook.EventTransferDeclined, TransferID: tr1.ID, UserID: n}},
		{logbook.KindTransfer, lead, "", logbook.Event{Kind: logbook.EventTransferProposed, TransferID: tr2.ID, UserID: n, UnitID: health}},
		{logbook.KindTransfer, n, "", logbook.Event{Kind: logbook.EventTransferAccepted, TransferID: tr2.ID, UserID: n, UnitID: health}},
		{logbook.KindLevelChange, n, "Flere tjenester", logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: 1, ToLevel: 2}},
		{logbook.KindClosure, g, "Takk", logbook.Event{Kind: logbook.EventLogClosed, Reason: logbook.ClosureGuardianRequest}},
		{logbook.KindUndringDecision, lead, "Sendt 1. desember", logbook.Event{Kind: logbook.EventUndringDecided,
			Outcome: logbook.UndringChildWelfareReport}},
	}
	return l.ID, u.ID, want
}

// TestSystemEntryEvents checks that every system entry records its event, with the
// ids and codes of what happened, and only what a person typed as its text.
func TestSystemEntryEvents(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newLogWorld(t, db)
		logID, undringID, want := eventFlow(t, db, w)
		got := append(systemEntries(t, db, w, logID), systemEntries(t, db, w, undringID)...)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("system entries differ (-want +got):\n%s", diff)
		}
	})
}

// oldText is the bokmål sentence a server before migration 0013 wrote for e.
func oldText(e systemEntry) string {
	ev := e.Event
	typed := func(s string) string {
		if e.Text != "" {
			return s + ": " + e.Text
		}
		return s
	}
	switch ev.Kind {
	case logbook.EventLevelChanged:
		return "Nivå " + strconv.Itoa(int(ev.FromLevel)) + " → " + strconv.Itoa(int(ev.ToLevel)) + ": " + e.Text
	case logbook.EventUndringDecided:
		return typed(map[logbook.UndringOutcome]string{
			logbook.UndringClosed:             "Undringen er avsluttet",
			logbook.UndringActivated:          "Undringen er gjort om til en stafettlogg på nivå 1",
			logbook.UndringChildWelfareReport: "Bekymringsmelding er sendt til barnevernet",
		}[ev.Outcome])
	case logbook.EventLogClosed:
		return typed("Stafettloggen er avsluttet (" + string(ev.Reason) + ")")
	case logbook.EventStepDone:
		if e.Text != "" {
			return "Steg utført: " + ev.StepTitle + "\n\n" + e.Text
		}
		return "Steg utført: " + ev.StepTitle
	}
	return map[logbook.EventKind]string{
		logbook.EventParticipantAdded:   "Aktør lagt til",
		logbook.EventParticipantRemoved: "Aktør fjernet",
		logbook.EventTransferProposed:   "Overføring foreslått",
		logbook.EventTransferAccepted:   "Overføring godtatt: ny stafettholder",
		logbook.EventTransferDeclined:   "Overføring avslått",
		logbook.EventConsentRegistered:  "Samtykke registrert fra papir",
		logbook.EventConsentGiven:       "Samtykke gitt digitalt",
		logbook.EventConsentWithdrawn:   "Samtykke trukket tilbake",
	}[ev.Kind]
}

// TestOldSystemEntriesReadBack writes the system entries as a server before
// migration 0013 stored them (a bokmål sentence and no event) and checks that the
// server, as it starts, reads them back into the same events and typed texts, and
// keeps a text it did not write as a legacy event.
func TestOldSystemEntriesReadBack(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newLogWorld(t, db)
		logID, undringID, want := eventFlow(t, db, w)
		stepLog, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
			Child: logbook.Child{Initials: "AB", BirthDate: "2019-03-04"}, Concern: "Uro."}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.MarkStepDone(ctx, w.holder, stepLog.ID, "undring-skriv-ned", "Notert i to dager"); err != nil {
			t.Fatal(err)
		}
		steps := systemEntries(t, db, w, stepLog.ID)
		ids := []string{logID, undringID, stepLog.ID}
		want = append(want, steps...)
		if len(steps) != 1 || steps[0].Event.StepTitle == "" || steps[0].Text != "Notert i to dager" {
			t.Fatalf("step entries = %+v", steps)
		}

		// Make every system entry what an older server wrote.
		for _, id := range ids {
			v, err := db.GetLog(ctx, w.holder, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range v.Entries {
				if e.Event == nil {
					continue
				}
				old := oldText(systemEntry{e.Kind, e.AuthorID, e.Text, *e.Event})
				if err := db.ExecForTest(ctx, `UPDATE entries SET event = '', text = ? WHERE id = ?`, old, e.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		// And one whose text no server of ours wrote.
		if err := db.ExecForTest(ctx, `UPDATE entries SET event = '', kind = 'participant', text = 'Kari ble med' WHERE log_id = ? AND kind = 'concern'`,
			stepLog.ID); err != nil {
			t.Fatal(err)
		}
		if v, err := db.GetLog(ctx, w.holder, logID); err != nil || v.Entries[1].Event != nil || v.Entries[1].Text != "Samtykke registrert fra papir" {
			t.Fatalf("old-style entry = %+v, %v", v.Entries[1], err)
		}

		if err := db.Migrate(ctx); err != nil { // as when the server starts
			t.Fatal(err)
		}
		var got []systemEntry
		for _, id := range ids {
			got = append(got, systemEntries(t, db, w, id)...)
		}
		// The sentences did not say who was added or removed, and the nurse, added
		// and removed, left no row that does; the outsider, still there, did.
		for i := range want {
			switch ev := &want[i].Event; {
			case ev.Kind == logbook.EventParticipantRemoved,
				ev.Kind == logbook.EventParticipantAdded && ev.UserID == w.nurse.UserID:
				ev.UserID, ev.UnitID, ev.Access = "", "", ""
			}
		}
		legacy := systemEntry{logbook.KindParticipant, w.holder.UserID, "Kari ble med", logbook.Event{Kind: logbook.EventLegacy}}
		want = append(want[:len(want)-1], legacy, want[len(want)-1])
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("read back entries differ (-want +got):\n%s", diff)
		}
		// A second start finds nothing more to read.
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if again := systemEntries(t, db, w, stepLog.ID); !cmp.Equal(again, got[len(got)-2:]) {
			t.Errorf("after a second start = %+v", again)
		}
	})
}
