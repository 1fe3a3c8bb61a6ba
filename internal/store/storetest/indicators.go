package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// IndicatorWorld is a small world with known indicator counts (see
// BuildIndicatorWorld): three municipalities in one network, Alpha's admin and the
// leader of its first unit, Beta's and Gamma's admins. Every user's password hash is
// the one given; the clock should stand at IndicatorNow.
type IndicatorWorld struct {
	Alpha, Beta, Gamma      org.Municipality
	Alpha1, Alpha2          org.Unit // Alpha's two units; Alpha2 has 2 cases
	BetaUnit, GammaUnit     org.Unit
	Outside                 org.Municipality // not in the network
	Network                 org.Network
	AdminAlpha, LeaderAlpha people.User
	AdminBeta, AdminGamma   people.User
	AdminOutside            people.User
	EmployeeAlpha           people.User
}

// IndicatorNow is the time the world's counts are meant at; IndicatorFrom and
// IndicatorTo the period they are counted over.
var IndicatorNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// The period the world's expected figures are for.
const (
	IndicatorFrom = logbook.Date("2026-01-01")
	IndicatorTo   = logbook.Date("2026-11-23")
)

// BuildIndicatorWorld loads the world into db. What Alpha holds in the period:
// 21 undringer opened, 18 of them became logs; 4 logs closed, 3 with the goal
// reached; 8, 5 and 2 active logs at levels 1–3 (one of the 8 opened in 2025, and
// one in Alpha2); undring decisions after a median of 3 days, 14 of 20 due decided
// on time; 2 of 4 measures evaluated on time; 3 transfers accepted after a median of
// 4 days; 1 consent lapsed while active; 3 of the 15 active logs with a family
// entry. Beta: 7 and 3 active logs at levels 1 and 2 (its 3 must never show to a
// partner). Gamma: 8, 9 and 6. Outside: 6 at level 1.
func BuildIndicatorWorld(t testing.TB, db *store.DB, passwordHash string) *IndicatorWorld {
	t.Helper()
	ctx := context.Background()
	w := &IndicatorWorld{}
	b := &worldBuilder{at: time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)}
	w.Alpha = b.municipality("i-alpha", "5501", "Alfheim")
	w.Beta = b.municipality("i-beta", "5502", "Bergtun")
	w.Gamma = b.municipality("i-gamma", "5503", "Granly")
	w.Outside = b.municipality("i-out", "5504", "Utsikt")
	w.Alpha1 = b.unit("i-a1", w.Alpha.ID, "Alfheim skole")
	w.Alpha2 = b.unit("i-a2", w.Alpha.ID, "Alfheim helsestasjon")
	w.BetaUnit = b.unit("i-b1", w.Beta.ID, "Bergtun skole")
	w.GammaUnit = b.unit("i-g1", w.Gamma.ID, "Granly skole")
	outUnit := b.unit("i-o1", w.Outside.ID, "Utsikt skole")
	w.AdminAlpha = b.user("i-admin-a", w.Alpha.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Alpha.ID})
	w.AdminBeta = b.user("i-admin-b", w.Beta.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Beta.ID})
	w.AdminGamma = b.user("i-admin-g", w.Gamma.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Gamma.ID})
	w.AdminOutside = b.user("i-admin-o", w.Outside.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.Outside.ID})
	w.LeaderAlpha = b.user("i-leader-a", w.Alpha.ID, people.Role{Role: people.UnitLeader, MunicipalityID: w.Alpha.ID, UnitID: w.Alpha1.ID})
	w.EmployeeAlpha = b.user("i-emp-a", w.Alpha.ID, people.Role{Role: people.Employee, MunicipalityID: w.Alpha.ID, UnitID: w.Alpha1.ID})
	holder := b.user("i-holder-a2", w.Alpha.ID, people.Role{Role: people.Employee, MunicipalityID: w.Alpha.ID, UnitID: w.Alpha2.ID})
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(9 * time.Hour)
	}
	ua, emp := w.Alpha1.ID, w.EmployeeAlpha.ID
	// Alpha: active logs at level 1, decided after 0–5 days (on time).
	var lvl1 []string
	for i := range 6 {
		lvl1 = append(lvl1, b.activeLog(w.Alpha.ID, ua, emp, 1, day("2026-02-01").AddDate(0, 0, 7*i), i))
	}
	for i := range 5 { // level 2, decided after 20 days: late
		b.activeLog(w.Alpha.ID, ua, emp, 2, day("2026-04-01").AddDate(0, 0, i), 20)
	}
	for range 2 {
		b.activeLog(w.Alpha.ID, ua, emp, 3, day("2026-05-01"), 3)
	}
	b.activeLog(w.Alpha.ID, w.Alpha2.ID, holder.ID, 1, day("2026-06-01"), 10)
	var closed []string
	for i, reason := range []logbook.ClosureReason{logbook.ClosureGoalReached, logbook.ClosureGoalReached, logbook.ClosureGoalReached, logbook.ClosureMoved} {
		id := b.activeLog(w.Alpha.ID, ua, emp, 1, day("2026-03-01").AddDate(0, 0, i), 2)
		b.close(id, day("2026-09-01"), reason)
		closed = append(closed, id)
	}
	// An undring closed by its decision, two still open (one past its deadline).
	und := b.undring(w.Alpha.ID, ua, emp, day("2026-07-01"))
	b.decide(und, day("2026-07-06"), logbook.KindUndringDecision)
	b.close(und, day("2026-07-06"), "")
	b.logs[len(b.logs)-1].UndringOutcome = logbook.UndringClosed
	b.undring(w.Alpha.ID, ua, emp, day("2026-10-01"))
	b.undring(w.Alpha.ID, ua, emp, day("2026-11-20"))
	old := b.activeLog(w.Alpha.ID, ua, emp, 1, day("2025-06-01"), 1)
	// Measures: on time, late, never, not yet due, and one amended and then
	// evaluated on time.
	m1 := b.measure(lvl1[0], emp, "2026-06-01", day("2026-05-01"), "")
	b.evaluation(lvl1[0], emp, m1, day("2026-05-30"))
	m2 := b.measure(lvl1[1], emp, "2026-06-10", day("2026-05-01"), "")
	b.evaluation(lvl1[1], emp, m2, day("2026-06-15"))
	b.measure(lvl1[2], emp, "2026-07-01", day("2026-05-01"), "")
	b.measure(lvl1[3], emp, "2026-12-10", day("2026-05-01"), "")
	m5 := b.measure(lvl1[4], emp, "2026-08-01", day("2026-05-01"), "")
	b.measure(lvl1[4], emp, "2026-08-05", day("2026-05-02"), m5)
	b.evaluation(lvl1[4], emp, m5, day("2026-08-03"))
	// Transfers: three accepted after 1, 4 and 6 days, one declined, one in 2025.
	for i, d := range []int{1, 4, 6} {
		b.transfer(lvl1[i], emp, holder.ID, w.Alpha2.ID, day("2026-08-01"), d, logbook.TransferAccepted)
	}
	b.transfer(lvl1[3], emp, holder.ID, w.Alpha2.ID, day("2026-08-01"), 2, logbook.TransferDeclined)
	b.transfer(old, emp, holder.ID, w.Alpha2.ID, day("2025-08-01"), 2, logbook.TransferAccepted)
	// Consents: one lapses; one is renewed in time; one withdrawn first; one still
	// in force; one on a log closed before it expired.
	b.consent(lvl1[0], emp, ua, day("2025-09-01"), day("2026-09-01"), nil)
	b.consent(lvl1[1], emp, ua, day("2025-09-01"), day("2026-09-01"), nil)
	b.consentOpen(lvl1[1], emp, ua, day("2026-08-25"))
	withdrawn := day("2026-07-01")
	b.consent(lvl1[2], emp, ua, day("2025-09-01"), day("2026-09-01"), &withdrawn)
	b.consent(lvl1[3], emp, ua, day("2025-09-01"), day("2026-12-31"), nil)
	b.consent(closed[0], emp, ua, day("2025-09-01"), day("2026-10-01"), nil)
	// Family entries in three active logs in the period, one in 2025.
	for _, id := range lvl1[:3] {
		b.entry(logbook.Entry{LogID: id, Kind: logbook.KindNote, AuthorID: emp, AuthorRole: logbook.AuthorGuardian, CreatedAt: day("2026-06-01")})
	}
	b.entry(logbook.Entry{LogID: old, Kind: logbook.KindNote, AuthorID: emp, AuthorRole: logbook.AuthorYouth, CreatedAt: day("2025-07-01")})
	// The partners.
	bu := b.user("i-emp-b", w.Beta.ID, people.Role{Role: people.Employee, MunicipalityID: w.Beta.ID, UnitID: w.BetaUnit.ID})
	gu := b.user("i-emp-g", w.Gamma.ID, people.Role{Role: people.Employee, MunicipalityID: w.Gamma.ID, UnitID: w.GammaUnit.ID})
	ou := b.user("i-emp-o", w.Outside.ID, people.Role{Role: people.Employee, MunicipalityID: w.Outside.ID, UnitID: outUnit.ID})
	for level, n := range map[int]int{1: 7, 2: 3} {
		for i := range n {
			b.activeLog(w.Beta.ID, w.BetaUnit.ID, bu.ID, level, day("2026-03-01").AddDate(0, 0, i), 1)
		}
	}
	for level, n := range map[int]int{1: 8, 2: 9, 3: 6} {
		for i := range n {
			b.activeLog(w.Gamma.ID, w.GammaUnit.ID, gu.ID, level, day("2026-03-01").AddDate(0, 0, i), 2)
		}
	}
	for i := range 6 {
		b.activeLog(w.Outside.ID, outUnit.ID, ou.ID, 1, day("2026-03-01").AddDate(0, 0, i), 2)
	}
	b.load(t, ctx, db, passwordHash)
	w.Network = org.Network{Name: "Indikatorsamarbeidet", MunicipalityIDs: []string{w.Alpha.ID, w.Beta.ID, w.Gamma.ID}}
	if err := db.CreateNetwork(ctx, people.System(), &w.Network); err != nil {
		t.Fatal(err)
	}
	return w
}

type worldBuilder struct {
	at        time.Time
	n         int
	ms        []org.Municipality
	us        []org.Unit
	users     []people.User
	roles     []store.UserRole
	logs      []logbook.Log
	entries   []logbook.Entry
	transfers []logbook.Transfer
	consents  []logbook.Consent
}

func (b *worldBuilder) id(prefix string) string { b.n++; return fmt.Sprintf("%s-%04d", prefix, b.n) }

func (b *worldBuilder) municipality(id, nr, name string) org.Municipality {
	m := org.Municipality{ID: id, Number: nr, Name: name, ConsentAge: 15, CreatedAt: b.at}
	b.ms = append(b.ms, m)
	return m
}

func (b *worldBuilder) unit(id, mid, name string) org.Unit {
	u := org.Unit{ID: id, MunicipalityID: mid, Name: name, Kind: org.School, CreatedAt: b.at}
	b.us = append(b.us, u)
	return u
}

func (b *worldBuilder) user(id, home string, r people.Role) people.User {
	u := people.User{ID: id, Email: id + "@indikator.example", Name: "Person " + id, Active: true, CreatedAt: b.at, HomeMunicipalityID: home}
	b.users = append(b.users, u)
	b.roles = append(b.roles, store.UserRole{UserID: id, Role: r, CreatedAt: b.at})
	return u
}

func (b *worldBuilder) undring(mid, unit, holder string, created time.Time) string {
	id := b.id("ilog")
	b.logs = append(b.logs, logbook.Log{ID: id, MunicipalityID: mid, Child: logbook.Child{Initials: "AB", BirthDate: "2015-01-01"},
		HolderID: holder, HolderUnitID: unit, Level: 0, Status: logbook.StatusUndring, LevelEnteredAt: created,
		UndringDeadline: created.AddDate(0, 0, 14), CreatedBy: holder, CreatedUnitID: unit, CreatedAt: created})
	return id
}

// activeLog is an undring opened at created and moved to level after days.
func (b *worldBuilder) activeLog(mid, unit, holder string, level int, created time.Time, days int) string {
	id := b.undring(mid, unit, holder, created)
	l := &b.logs[len(b.logs)-1]
	decided := created.AddDate(0, 0, days)
	l.Level, l.Status, l.UndringOutcome, l.LevelEnteredAt = logbook.Level(level), logbook.StatusActive, logbook.UndringActivated, decided
	b.decide(id, decided, logbook.KindLevelChange)
	return id
}

func (b *worldBuilder) decide(log string, at time.Time, kind logbook.Kind) {
	b.entry(logbook.Entry{LogID: log, Kind: kind, AuthorID: b.holderOf(log), AuthorRole: logbook.AuthorStaff, CreatedAt: at})
}

func (b *worldBuilder) holderOf(log string) string {
	for _, l := range b.logs {
		if l.ID == log {
			return l.HolderID
		}
	}
	return ""
}

func (b *worldBuilder) close(log string, at time.Time, reason logbook.ClosureReason) {
	for i := range b.logs {
		if b.logs[i].ID == log {
			b.logs[i].Status, b.logs[i].ClosedAt, b.logs[i].ClosureReason = logbook.StatusClosed, &at, reason
		}
	}
}

func (b *worldBuilder) entry(e logbook.Entry) string {
	e.ID, e.Version = b.id("ient"), 1
	if e.Amends != "" {
		e.Version = 2
	}
	b.entries = append(b.entries, e)
	return e.ID
}

func (b *worldBuilder) measure(log, author, evaluateBy string, at time.Time, amends string) string {
	return b.entry(logbook.Entry{LogID: log, Kind: logbook.KindMeasure, AuthorID: author, AuthorRole: logbook.AuthorStaff,
		CreatedAt: at, Goal: "Mål", StartDate: "2026-05-01", EvaluateBy: logbook.Date(evaluateBy), Amends: amends})
}

func (b *worldBuilder) evaluation(log, author, measure string, at time.Time) {
	b.entry(logbook.Entry{LogID: log, Kind: logbook.KindEvaluation, AuthorID: author, AuthorRole: logbook.AuthorStaff,
		CreatedAt: at, MeasureID: measure, Outcome: logbook.OutcomeReached})
}

func (b *worldBuilder) transfer(log, from, to, unit string, proposed time.Time, days int, status logbook.TransferStatus) {
	answered := proposed.AddDate(0, 0, days)
	b.transfers = append(b.transfers, logbook.Transfer{ID: b.id("itr"), LogID: log, FromUserID: from, ToUserID: to, ToUnitID: unit,
		Status: status, ProposedAt: proposed, AnsweredAt: &answered})
}

func (b *worldBuilder) consent(log, by, unit string, given, expires time.Time, withdrawn *time.Time) {
	c := logbook.Consent{ID: b.id("icon"), LogID: log, GivenByName: "Foresatt", CoversUnitIDs: []string{unit},
		Source: logbook.ConsentPaper, GivenAt: given, ExpiresAt: &expires, WithdrawnAt: withdrawn, RegisteredBy: by}
	if withdrawn != nil {
		c.WithdrawnBy = by
	}
	b.consents = append(b.consents, c)
}

func (b *worldBuilder) consentOpen(log, by, unit string, given time.Time) {
	b.consents = append(b.consents, logbook.Consent{ID: b.id("icon"), LogID: log, GivenByName: "Foresatt",
		CoversUnitIDs: []string{unit}, Source: logbook.ConsentPaper, GivenAt: given, RegisteredBy: by})
}

func (b *worldBuilder) load(t testing.TB, ctx context.Context, db *store.DB, hash string) {
	t.Helper()
	bulk, err := db.BeginBulk(ctx, store.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { return bulk.Municipalities(ctx, b.ms) },
		func() error { return bulk.Units(ctx, b.us) },
		func() error { return bulk.Users(ctx, b.users, hash) },
		func() error { return bulk.Roles(ctx, b.roles) },
		func() error { return bulk.Logs(ctx, b.logs) },
		func() error { return bulk.Entries(ctx, b.entries) },
		func() error { return bulk.Transfers(ctx, b.transfers) },
		func() error { return bulk.Consents(ctx, b.consents) },
	} {
		if err := step(); err != nil {
			bulk.Abort()
			t.Fatal(err)
		}
	}
	if err := bulk.Close(ctx); err != nil {
		t.Fatal(err)
	}
}
