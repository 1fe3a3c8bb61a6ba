package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// logWorld is a municipality with a school and a health station, their staff, two
// guardians, a youth and an outsider, as actors.
type logWorld struct {
	m                               *org.Municipality
	school, health                  org.Unit
	holder, leader, nurse, outsider access.Actor
	guardian, guardian2, youth      access.Actor
}

func newLogWorld(t *testing.T, db *store.DB) *logWorld {
	t.Helper()
	ctx := context.Background()
	w := &logWorld{m: mustMunicipality(t, db, "4003", "Skien")}
	w.school = org.Unit{MunicipalityID: w.m.ID, Name: "Myren skole", Kind: org.School}
	w.health = org.Unit{MunicipalityID: w.m.ID, Name: "Helsestasjonen", Kind: org.HealthStation}
	for _, u := range []*org.Unit{&w.school, &w.health} {
		if err := db.CreateUnit(ctx, people.System(), u); err != nil {
			t.Fatal(err)
		}
	}
	actor := func(email string, roles ...people.Role) access.Actor {
		u := people.User{Email: email, Name: email, HomeMunicipalityID: w.m.ID}
		if err := db.CreateUser(ctx, people.System(), &u, "hash"); err != nil {
			t.Fatal(err)
		}
		for _, r := range roles {
			if err := db.GrantRole(ctx, people.System(), u.ID, &r); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := db.ListRoles(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return access.Actor{UserID: u.ID, Roles: rs}
	}
	w.holder = actor("holder@skien.no", people.Role{Role: people.Employee, UnitID: w.school.ID})
	w.leader = actor("leader@skien.no", people.Role{Role: people.UnitLeader, UnitID: w.school.ID})
	w.nurse = actor("nurse@skien.no", people.Role{Role: people.Employee, UnitID: w.health.ID})
	w.outsider = actor("outsider@skien.no", people.Role{Role: people.Employee, UnitID: w.health.ID})
	w.guardian = actor("mor@example.no")
	w.guardian2 = actor("far@example.no")
	w.youth = actor("ungdom@example.no")
	return w
}

// TestEveryLogActionIsAudited runs every reading and writing store method on a log
// and checks that each leaves exactly one audit record naming the actor, the role
// they acted in, their unit, the log and the action — and that a refused call leaves
// none.
func TestEveryLogActionIsAudited(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newLogWorld(t, db)
		var seq int64
		if n, err := db.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		} else {
			seq = n
		}
		var logID string
		// step runs f and checks the audit records it left.
		step := func(name string, f func() error, want ...audit.Event) {
			t.Helper()
			if err := f(); (err == nil) != (len(want) > 0) {
				t.Fatalf("%s: err = %v, want %d records", name, err, len(want))
			}
			got, err := db.AuditAfterForTest(ctx, seq)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s: %d audit records, want %d: %+v", name, len(got), len(want), got)
			}
			for i, g := range got {
				wt := want[i]
				if wt.LogID == "" {
					wt.LogID = logID
				}
				if g.ActorID != wt.ActorID || g.Role != wt.Role || g.UnitID != wt.UnitID || g.Action != wt.Action ||
					g.LogID != wt.LogID || g.MunicipalityID != w.m.ID || g.At.IsZero() {
					t.Errorf("%s: record = {actor %s role %s unit %s action %s log %s}, want {actor %s role %s unit %s action %s log %s}",
						name, g.ActorID, g.Role, g.UnitID, g.Action, g.LogID, wt.ActorID, wt.Role, wt.UnitID, wt.Action, wt.LogID)
				}
				seq = g.Seq
			}
		}
		ev := func(a access.Actor, role, unit string, action audit.Action) audit.Event {
			return audit.Event{ActorID: a.UserID, Role: role, UnitID: unit, Action: action}
		}
		school, health := w.school.ID, w.health.ID

		step("create", func() error {
			l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: school,
				Child: logbook.Child{Name: "Ola Nordmann", BirthDate: "2010-01-02"}, Concern: "Ola er sliten."}, 0)
			logID = l.ID
			return err
		}, ev(w.holder, "holder", school, audit.CreateLog))
		step("outsider read refused", func() error { _, err := db.GetLog(ctx, w.outsider, logID); return err })
		step("leader reads", func() error { _, err := db.GetLog(ctx, w.leader, logID); return err },
			ev(w.leader, "leader", school, audit.ReadLog))
		step("link guardian", func() error {
			_, err := db.LinkGuardian(ctx, w.holder, logID, store.PersonRef{UserID: w.guardian.UserID}, true)
			return err
		}, ev(w.holder, "holder", school, audit.LinkGuardian))
		step("link second guardian", func() error {
			_, err := db.LinkGuardian(ctx, w.leader, logID, store.PersonRef{UserID: w.guardian2.UserID}, true)
			return err
		}, ev(w.leader, "leader", school, audit.LinkGuardian))
		var paper *logbook.Consent
		step("register paper consent", func() (err error) {
			paper, err = db.AddConsent(ctx, w.holder, logID, logbook.NewConsent{CoversUnitIDs: []string{school, health}, GivenBy: "Mor"},
				&store.ConsentFile{ContentType: "application/pdf", Data: []byte("%PDF-1.4 skjema")})
			return err
		}, ev(w.holder, "holder", school, audit.RegisterConsent))
		step("read consent file", func() error { _, err := db.GetConsentFile(ctx, w.leader, logID, paper.ID); return err },
			ev(w.leader, "leader", school, audit.ReadConsentFile))
		step("activate", func() error { _, err := db.ChangeLevel(ctx, w.holder, logID, 1, "Samtykke gitt"); return err },
			ev(w.holder, "holder", school, audit.ChangeLevel))
		step("link youth", func() error {
			_, err := db.LinkYouth(ctx, w.holder, logID, store.PersonRef{UserID: w.youth.UserID})
			return err
		}, ev(w.holder, "holder", school, audit.LinkYouth))
		var digital *logbook.Consent
		step("guardian gives consent", func() (err error) {
			digital, err = db.AddConsent(ctx, w.guardian, logID, logbook.NewConsent{CoversUnitIDs: []string{school}}, nil)
			return err
		}, ev(w.guardian, "guardian", "", audit.GiveConsent))
		step("add participant", func() error {
			_, err := db.AddParticipant(ctx, w.holder, logID, logbook.NewParticipant{UserID: w.nurse.UserID, Access: logbook.ParticipantWrite})
			return err
		}, ev(w.holder, "holder", school, audit.AddParticipant))
		var measure *logbook.Entry
		step("participant adds a measure", func() (err error) {
			measure, err = db.AddEntry(ctx, w.nurse, logID, logbook.NewEntry{Kind: logbook.KindMeasure, Text: "Samtaler",
				Goal: "Bedre søvn", ResponsibleUserID: w.nurse.UserID, StartDate: "2026-11-23", EvaluateBy: "2026-12-21"})
			return err
		}, ev(w.nurse, "participant_write", health, audit.AddEntry))
		step("participant amends it", func() error {
			_, err := db.AmendEntry(ctx, w.nurse, logID, measure.ID, logbook.NewEntry{Kind: logbook.KindMeasure, Text: "Samtaler hver uke",
				Goal: "Bedre søvn", ResponsibleUserID: w.nurse.UserID, StartDate: "2026-11-23", EvaluateBy: "2026-12-21"})
			return err
		}, ev(w.nurse, "participant_write", health, audit.AmendEntry))
		step("guardian adds a bright spot", func() error {
			_, err := db.AddEntry(ctx, w.guardian, logID, logbook.NewEntry{Kind: logbook.KindBrightSpot, Text: "God uke"})
			return err
		}, ev(w.guardian, "guardian", "", audit.AddEntry))
		step("youth adds a note", func() error {
			_, err := db.AddEntry(ctx, w.youth, logID, logbook.NewEntry{Kind: logbook.KindNote, Text: "Jeg sover bedre"})
			return err
		}, ev(w.youth, "youth", "", audit.AddEntry))
		step("guardian concern refused", func() error {
			_, err := db.AddEntry(ctx, w.guardian, logID, logbook.NewEntry{Kind: logbook.KindConcern, Text: "x"})
			return err
		})
		step("leader suspends a guardian", func() error {
			return db.SuspendGuardian(ctx, w.leader, logID, w.guardian2.UserID, "Vedtak fra barnevernet")
		}, ev(w.leader, "leader", school, audit.SuspendGuardian))
		step("suspended guardian refused", func() error { _, err := db.GetLog(ctx, w.guardian2, logID); return err })
		step("guardian withdraws consent", func() error { _, err := db.WithdrawConsent(ctx, w.guardian, logID, digital.ID); return err },
			ev(w.guardian, "guardian", "", audit.WithdrawConsent))
		step("guardian reads the access log", func() error { _, err := db.AccessLog(ctx, w.guardian, logID); return err },
			ev(w.guardian, "guardian", "", audit.ReadAccessLog))
		step("leader exports", func() error { _, err := db.ExportLog(ctx, w.leader, logID); return err },
			ev(w.leader, "leader", school, audit.Export))
		step("remove participant", func() error { return db.RemoveParticipant(ctx, w.holder, logID, w.nurse.UserID) },
			ev(w.holder, "holder", school, audit.RemoveParticipant))
		var tr *logbook.Transfer
		step("propose transfer", func() (err error) {
			tr, err = db.ProposeTransfer(ctx, w.holder, logID, logbook.NewTransfer{ToUserID: w.nurse.UserID, Note: "Helsestasjonen følger opp"})
			return err
		}, ev(w.holder, "holder", school, audit.ProposeTransfer))
		step("decline transfer", func() error { _, err := db.AnswerTransfer(ctx, w.nurse, tr.ID, false); return err },
			ev(w.nurse, "proposed_holder", health, audit.DeclineTransfer))
		step("propose again", func() (err error) {
			tr, err = db.ProposeTransfer(ctx, w.leader, logID, logbook.NewTransfer{ToUserID: w.nurse.UserID, Note: "Ny runde"})
			return err
		}, ev(w.leader, "leader", school, audit.ProposeTransfer))
		step("outsider answer refused", func() error { _, err := db.AnswerTransfer(ctx, w.outsider, tr.ID, true); return err })
		step("accept transfer", func() error { _, err := db.AnswerTransfer(ctx, w.nurse, tr.ID, true); return err },
			ev(w.nurse, "proposed_holder", health, audit.AcceptTransfer))
		step("new holder moves the level", func() error { _, err := db.ChangeLevel(ctx, w.nurse, logID, 2, "Flere tjenester"); return err },
			ev(w.nurse, "holder", health, audit.ChangeLevel))
		step("old holder reads as participant", func() error { _, err := db.GetLog(ctx, w.holder, logID); return err },
			ev(w.holder, "participant_write", school, audit.ReadLog))
		step("guardian closes", func() error {
			_, err := db.CloseLog(ctx, w.guardian, logID, logbook.NewClosure{Reason: logbook.ClosureGuardianRequest, Text: "Takk"})
			return err
		}, ev(w.guardian, "guardian", "", audit.CloseLog))
		step("write on closed log refused", func() error {
			_, err := db.AddEntry(ctx, w.nurse, logID, logbook.NewEntry{Kind: logbook.KindNote, Text: "x"})
			return err
		})

		// An undring decided by the leader of the unit it was opened in.
		step("create undring", func() error {
			l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: school,
				Child: logbook.Child{Initials: "KN", BirthDate: "2018-05-01"}, Concern: "Kari gråter ofte."}, 0)
			logID = l.ID
			return err
		}, ev(w.holder, "holder", school, audit.CreateLog))
		step("open log in another unit refused", func() error {
			_, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: health,
				Child: logbook.Child{Initials: "KN", BirthDate: "2018-05-01"}, Concern: "x"}, 0)
			return err
		})
		step("leader decides undring", func() error {
			_, err := db.DecideUndring(ctx, w.leader, logID, logbook.UndringDecision{Outcome: logbook.UndringClosed, Text: "Ingen videre tiltak"})
			return err
		}, ev(w.leader, "leader", school, audit.DecideUndring))

		if n, err := db.VerifyAudit(ctx); err != nil || n != seq {
			t.Errorf("verify = %d, %v; want %d records intact", n, err, seq)
		}
	})
}

// TestAuditChainUnderConcurrentWrites has many goroutines read and write logs at
// once; the chain must come out whole, with one record per successful call, and the
// writes (the audit records of the reads among them) must have shared commits.
func TestAuditChainUnderConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newLogWorld(t, db)
		const workers, perWorker = 8, 12
		logs := make([]string, workers)
		for i := range logs {
			l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
				Child: logbook.Child{Initials: "AB", BirthDate: "2016-01-01"}, Concern: "Bekymring"}, 0)
			if err != nil {
				t.Fatal(err)
			}
			logs[i] = l.ID
		}
		before, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		stats := db.WriterStats()
		var wg sync.WaitGroup
		errs := make(chan error, workers*perWorker)
		for i := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range perWorker {
					// Alternate between two logs so writers contend for the same rows too.
					id := logs[(i+j)%workers]
					var err error
					if j%2 == 0 {
						_, err = db.AddEntry(ctx, w.holder, id, logbook.NewEntry{Kind: logbook.KindNote, Text: fmt.Sprintf("notat %d-%d", i, j)})
					} else {
						_, err = db.GetLog(ctx, w.leader, id)
					}
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent call: %v", err)
		}
		n, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatalf("chain broken after concurrent writes: %v", err)
		}
		if want := before + workers*perWorker; n != want {
			t.Errorf("audit records = %d, want %d", n, want)
		}
		after := db.WriterStats()
		// SQLite's writer groups them into fewer commits; on PostgreSQL each is a
		// transaction of its own.
		c, wr := after.Commits-stats.Commits, after.Writes-stats.Writes
		if grouped := db.Dialect() == "sqlite"; wr != workers*perWorker || (grouped && c >= wr) || (!grouped && c != wr) {
			t.Errorf("%s: %d writes in %d commits; want %d writes, grouped only on SQLite", db.Dialect(), wr, c, workers*perWorker)
		}
		events, err := db.AuditAfterForTest(ctx, before)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for i, e := range events {
			if e.Seq != before+int64(i)+1 || seen[e.Seq] {
				t.Fatalf("record %d has seq %d: gaps or duplicates", i, e.Seq)
			}
			seen[e.Seq] = true
		}
	})
}
