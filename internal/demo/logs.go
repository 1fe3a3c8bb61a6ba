package demo

import (
	"context"
	"fmt"
	"time"

	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/store"
)

// seedLogs tells the BTI story in a few logs: an undring waiting for its decision, an
// active log with a measure due, a log at level 2 with a transfer to the lower
// secondary school waiting for an answer, and a closed log.
func seedLogs(ctx context.Context, db *store.DB, res *Result) error {
	actor := func(local string) (access.Actor, error) {
		a, ok := res.Account(local)
		if !ok {
			return access.Actor{}, fmt.Errorf("demo: no account %s", local)
		}
		roles, err := db.ListRoles(ctx, a.ID)
		return access.Actor{UserID: a.ID, Roles: roles}, err
	}
	id := func(local string) string { a, _ := res.Account(local); return a.ID }
	unit := func(key string) string { return res.Units[key].ID }
	today := logbook.DateOf(db.Now())
	dateIn := func(days int) logbook.Date { return logbook.DateOf(db.Now().Add(time.Duration(days) * 24 * time.Hour)) }
	s := &seeder{ctx: ctx, db: db}

	ole := s.actor(actor("ole.berg"))
	s.open(ole, unit("solstralen"), logbook.Child{Initials: "EL", BirthDate: "2022-02-11"},
		"E. har de siste ukene slått andre barn og virker urolig ved levering. Vil observere i to uker og snakke med foreldrene.")

	sofie, line := s.actor(actor("sofie.dahl")), s.actor(actor("line.haugen"))
	emma := s.open(sofie, unit("solstralen"), logbook.Child{Name: "Emma Haugen", BirthDate: "2020-05-02"},
		"Emma snakker lite og har få ord for alderen. Foreldrene er også bekymret.")
	s.guardian(sofie, emma, id("line.haugen"))
	s.guardian(sofie, emma, id("thomas.haugen"))
	s.consent(sofie, emma, "Line Haugen", unit("solstralen"), unit("helsestasjon"), unit("ppt"))
	s.level(sofie, emma, 1, "Foreldrene har samtykket; vi setter inn tiltak i barnehagen.")
	s.participant(sofie, emma, id("nina.eide"), logbook.ParticipantWrite)
	s.entry(sofie, emma, logbook.NewEntry{Kind: logbook.KindMeasure, Text: "Språkgruppe tre ganger i uka", Goal: "Emma bruker flere ord i lek",
		ResponsibleUserID: id("sofie.dahl"), StartDate: today, EvaluateBy: dateIn(10), CatalogServiceID: res.Services["Språkgruppe i barnehagen"]})
	s.entry(line, emma, logbook.NewEntry{Kind: logbook.KindBrightSpot, Text: "Emma sang en hel sang for bestemor i helga!"})

	marte := s.actor(actor("marte.lund"))
	noah := s.open(marte, unit("fjordvik_skole"), logbook.Child{Name: "Noah Ahmadi", BirthDate: "2013-09-20"},
		"Noah har mye fravær og sier han gruer seg til skolen.")
	s.guardian(marte, noah, id("yusuf.ahmadi"))
	s.consent(marte, noah, "Yusuf Ahmadi", unit("fjordvik_skole"), unit("ppt"), unit("ungdomsskole"), unit("helsestasjon"))
	s.level(marte, noah, 1, "Samtykke gitt; tiltak i klassen.")
	s.participant(marte, noah, id("ida.sande"), logbook.ParticipantWrite)
	s.level(marte, noah, 2, "PPT kobles inn for utredning.")
	s.entry(marte, noah, logbook.NewEntry{Kind: logbook.KindMeeting, Text: "Samarbeidsmøte med far og PPT.",
		HeldAt: db.Now().Add(-48 * time.Hour), Attendees: []string{"Yusuf Ahmadi", "Marte Lund", "Ida Sande"}, Decisions: "PPT observerer i klassen."})
	s.transfer(marte, noah, id("magnus.vik"), "Noah begynner på ungdomsskolen etter jul. Jeg blir med som aktør første halvår.")

	amir := s.actor(actor("amir.hassan"))
	sara := s.open(amir, unit("bakkane"), logbook.Child{Name: "Sara Johansen", BirthDate: "2021-01-15"},
		"Sara har vansker med å finne seg til rette etter flytting.")
	s.guardian(amir, sara, id("sara.johansen"))
	s.consent(amir, sara, "Sara Johansen", unit("bakkane"))
	s.level(amir, sara, 1, "Tiltak i barnehagen.")
	s.close(amir, sara, logbook.NewClosure{Reason: logbook.ClosureGoalReached, Text: "Sara trives og har gode venner."})
	return s.err
}

// seeder runs demo steps until the first error, which it keeps.
type seeder struct {
	ctx context.Context
	db  *store.DB
	err error
}

func (s *seeder) actor(a access.Actor, err error) access.Actor {
	if s.err == nil {
		s.err = err
	}
	return a
}

func (s *seeder) do(what string, f func() error) {
	if s.err != nil {
		return
	}
	if err := f(); err != nil {
		s.err = fmt.Errorf("demo: %s: %w", what, err)
	}
}

func (s *seeder) open(a access.Actor, unit string, child logbook.Child, concern string) (id string) {
	s.do("open log", func() error {
		l, err := s.db.CreateLog(s.ctx, a, logbook.NewLog{UnitID: unit, Child: child, Concern: concern}, 0)
		id = l.ID
		return err
	})
	return id
}

func (s *seeder) guardian(a access.Actor, log, uid string) {
	s.do("guardian", func() error {
		_, err := s.db.LinkGuardian(s.ctx, a, log, store.PersonRef{UserID: uid}, true)
		return err
	})
}

func (s *seeder) consent(a access.Actor, log, givenBy string, units ...string) {
	s.do("consent", func() error {
		_, err := s.db.AddConsent(s.ctx, a, log, logbook.NewConsent{CoversUnitIDs: units, GivenBy: givenBy}, nil)
		return err
	})
}

func (s *seeder) level(a access.Actor, log string, level int, reason string) {
	s.do("level", func() error { _, err := s.db.ChangeLevel(s.ctx, a, log, level, reason); return err })
}

func (s *seeder) participant(a access.Actor, log, uid string, acc logbook.ParticipantAccess) {
	s.do("participant", func() error {
		_, err := s.db.AddParticipant(s.ctx, a, log, logbook.NewParticipant{UserID: uid, Access: acc})
		return err
	})
}

func (s *seeder) entry(a access.Actor, log string, e logbook.NewEntry) {
	s.do("entry", func() error { _, err := s.db.AddEntry(s.ctx, a, log, e); return err })
}

func (s *seeder) transfer(a access.Actor, log, to, note string) {
	s.do("transfer", func() error {
		_, err := s.db.ProposeTransfer(s.ctx, a, log, logbook.NewTransfer{ToUserID: to, Note: note})
		return err
	})
}

func (s *seeder) close(a access.Actor, log string, c logbook.NewClosure) {
	s.do("close", func() error { _, err := s.db.CloseLog(s.ctx, a, log, c); return err })
}
