package gen

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"stafett/internal/audit"
	"stafett/internal/logbook"
	"stafett/internal/org"
)

const day = 24 * time.Hour

// member is a participant of a log being generated.
type member struct {
	person
	unit   *unit
	access logbook.ParticipantAccess
}

// step is one thing that happens to a log; steps run in time order, so each sees
// the log as it was then.
type step struct {
	at time.Time
	do func(at time.Time)
}

// logBuilder makes one log with its history: the rows and the audit records, in the
// order things happened.
type logBuilder struct {
	g *generator
	t *town
	c *chunk
	l logbook.Log

	child      [2]string // first and last name
	final      member    // the holder at the end
	holder     person    // the holder now; changes when a transfer is accepted
	holderUnit *unit
	guardians  []person // linked, with access
	youth      *person
	members    []member
	consents   []*logbook.Consent
	measures   []string // measures not evaluated yet
	joinedIDs  []string // participants added so far
	taken      []string // the holders and participants planned, who cannot join again
	steps      []step
}

// newLog makes one log of town t into c, at the mix of statuses and levels found in
// municipalities that use BTI: 15% undring, 35% at level 1, 25% at level 2, 10% at
// level 3 and 15% closed.
func (g *generator) newLog(t *town, c *chunk) {
	rng := t.rng
	b := &logBuilder{g: g, t: t, c: c}
	b.newChild()
	switch r := rng.Float64(); {
	case r < 0.15:
		b.undring(false)
	case r < 0.50:
		b.active(1, false)
	case r < 0.75:
		b.active(2, false)
	case r < 0.85:
		b.active(3, false)
	case r < 0.97:
		b.active(1+rng.IntN(3), true)
	default:
		b.undring(true)
	}
	slices.SortStableFunc(b.steps, func(x, y step) int { return x.at.Compare(y.at) })
	for _, s := range b.steps {
		s.do(s.at)
	}
	c.logs = append(c.logs, b.l)
	for _, x := range b.consents {
		c.consents = append(c.consents, *x)
	}
	if g.n%g.every == 0 {
		g.sample = append(g.sample, b.sample())
	}
	g.n++
}

// newChild picks the child's age, name and the unit that holds the log, by age:
// kindergarten or health station for the youngest, school for most, and health
// service or NAV for some of the oldest.
func (b *logBuilder) newChild() {
	rng := b.t.rng
	var age int
	var kind org.UnitKind
	switch r := rng.Float64(); {
	case r < 0.4:
		age, kind = rng.IntN(6), org.Kindergarten
		if rng.IntN(5) == 0 {
			kind = org.HealthStation
		}
	case r < 0.9:
		age, kind = 6+rng.IntN(10), org.School
		if rng.IntN(10) == 0 {
			kind = org.HealthStation
		}
	default:
		age, kind = 16+rng.IntN(2), []org.UnitKind{org.School, org.School, org.HealthService, org.NAV}[rng.IntN(4)]
	}
	b.child[0], b.child[1] = b.t.name()
	b.holderUnit = b.t.pickUnit(kind)
	b.holder = b.t.pickStaff(b.holderUnit)
	b.final = member{person: b.holder, unit: b.holderUnit}
	b.taken = []string{b.holder.ID}
	b.l = logbook.Log{
		ID: b.t.id(), MunicipalityID: b.t.m.ID, HolderID: b.holder.ID, HolderUnitID: b.holderUnit.ID,
		CreatedBy: b.holder.ID, CreatedUnitID: b.holderUnit.ID,
		Child: logbook.Child{BirthDate: logbook.DateOf(b.g.now.AddDate(-age, 0, -rng.IntN(365)))},
	}
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func (b *logBuilder) days(lo, hi int) time.Duration {
	return time.Duration(lo)*day + time.Duration(b.t.rng.Int64N(int64(hi-lo)*int64(day)+1))
}

func (b *logBuilder) at(t time.Time, do func(at time.Time)) { b.steps = append(b.steps, step{t, do}) }

// undring makes a level-0 working note: the concern, a few notes and reads by the
// holder; decided (closed or reported to child welfare) when closed is set.
func (b *logBuilder) undring(closed bool) {
	rng := b.t.rng
	now := b.g.now
	created := now.Add(-b.days(0, 25))
	if closed {
		created = now.Add(-b.days(20, 400))
	}
	b.l.Child.Initials = initials(b.child[0], b.child[1])
	b.l.Level, b.l.Status = logbook.LevelUndring, logbook.StatusUndring
	b.l.CreatedAt, b.l.LevelEnteredAt = created, created
	b.l.UndringDeadline = created.Add(logbook.DefaultUndringDays * day)
	b.at(created, b.create)
	end := earliest(now, b.l.UndringDeadline)
	if closed {
		end = created.Add(b.days(3, logbook.DefaultUndringDays))
	}
	for range rng.IntN(5) {
		b.at(b.between(created, end), func(at time.Time) { b.userEntry(at, logbook.KindNote) })
	}
	for range 1 + rng.IntN(3) {
		b.at(b.between(created, end), b.read)
	}
	if closed {
		b.at(end, b.decideUndring)
	}
}

// between returns a random time between from and to.
func (b *logBuilder) between(from, to time.Time) time.Time {
	d := to.Sub(from)
	if d <= 0 {
		return from
	}
	return from.Add(time.Duration(b.t.rng.Int64N(int64(d))))
}

// active makes a log that left level 0 and reached level: guardians, consent,
// participants, transfers, measures, meetings, notes and reads over its life, and a
// closure at its end when closed is set.
func (b *logBuilder) active(level int, closed bool) {
	rng := b.t.rng
	now := b.g.now
	created := now.Add(-b.days(20, 900))
	end := now.Add(-b.days(0, 10))
	if closed {
		created = now.Add(-b.days(60, 960))
		end = earliest(created.Add(b.days(60, 400)), now.Add(-day))
	}
	if end.Before(created.Add(10 * day)) {
		end = created.Add(10 * day)
	}
	b.l.Child.Name = b.child[0] + " " + b.child[1]
	b.l.CreatedAt = created
	b.l.Level, b.l.Status = logbook.LevelUndring, logbook.StatusUndring
	b.l.UndringDeadline = created.Add(logbook.DefaultUndringDays * day)
	span := end.Sub(created)
	early := func(k int) time.Time { return created.Add(span * time.Duration(k) / 60) }

	b.at(created, b.create)
	b.family(early(1))
	from := b.transferred(early) // the original holder acts until the transfer is accepted
	b.chooseMembers(level)
	pending := !closed && from == nil && rng.IntN(20) == 0
	var to member
	if pending {
		to = b.transferTarget()
	}
	b.consentsFor(early(3), end, closed, to.unit)
	b.at(early(4), func(at time.Time) { b.changeLevel(at, 1) })
	for i, m := range b.members { // chosen above; a transferred log's old holder joins at the transfer
		b.at(early(7+i), func(at time.Time) { b.addMember(at, m) })
	}
	b.body(created, span, level)
	if pending {
		b.at(end, func(at time.Time) { b.proposeTransfer(at, to) })
	}
	if closed {
		b.at(end, b.close)
	}
}

// body plans the life of an active log after its first weeks: the level changes
// in order, entries and reads in between.
func (b *logBuilder) body(created time.Time, span time.Duration, level int) {
	rng := b.t.rng
	body := func() time.Time { return created.Add(span/6 + time.Duration(rng.Int64N(int64(span*5/6)))) }
	ups := make([]time.Time, level-1)
	for i := range ups {
		ups[i] = body()
	}
	slices.SortFunc(ups, time.Time.Compare)
	for i, t := range ups {
		b.at(t, func(at time.Time) { b.changeLevel(at, i+2) })
	}
	for range 8 + rng.IntN(21) {
		b.at(body(), b.randomEntry)
	}
	for range 2 + rng.IntN(7) {
		b.at(body(), b.read)
	}
	if rng.IntN(5) == 0 {
		b.at(body(), b.readAccessLog)
	}
	if rng.IntN(50) == 0 {
		b.at(body(), b.suspendGuardian)
	}
}

// family links one or two guardians (two in six families of ten; a tenth are the
// guardians of a sibling's log),
// and the youth from the consent age now and then.
func (b *logBuilder) family(at time.Time) {
	t, rng := b.t, b.t.rng
	var gs []person
	if len(t.families) > 0 && rng.IntN(10) == 0 {
		gs = t.families[rng.IntN(len(t.families))]
	} else {
		for i := range 1 + min(1, rng.IntN(10)/4) {
			first, last := t.name()
			if i == 0 || rng.IntN(10) < 7 {
				last = b.child[1]
			}
			gs = append(gs, t.familyUser(b.c, first, last, at))
		}
		t.families = append(t.families, gs)
		if len(t.families) > 50 {
			t.families = t.families[1:]
		}
	}
	for i, g := range gs {
		// Now and then a second guardian has no parental responsibility.
		responsible := i == 0 || rng.IntN(20) != 0
		b.at(at.Add(time.Duration(i)*time.Minute), func(at time.Time) {
			b.c.guardians = append(b.c.guardians, logbook.Guardian{LogID: b.l.ID, UserID: g.ID, ParentalResponsibility: responsible,
				LinkedAt: at, LinkedBy: b.holder.ID})
			if responsible {
				b.guardians = append(b.guardians, g)
			}
			b.audit(at, b.holder, audit.LinkGuardian, "guardian "+g.ID)
		})
	}
	age := b.g.now.Year() - atoiPrefix(string(b.l.Child.BirthDate))
	if age >= org.DefaultConsentAge && rng.IntN(5) < 2 {
		y := t.familyUser(b.c, b.child[0], b.child[1], at)
		b.at(at.Add(5*time.Minute), func(at time.Time) {
			b.youth, b.l.YouthUserID = &y, y.ID
			b.audit(at, b.holder, audit.LinkYouth, "youth "+y.ID)
		})
	}
}

func atoiPrefix(s string) int {
	n, _ := strconv.Atoi(s[:4])
	return n
}

// transferred makes every tenth log of a school child one that came from the
// kindergarten or another school: the original holder opened it and handed it over
// early on, and stays as a participant. It returns the original holder's unit, or
// nil.
func (b *logBuilder) transferred(early func(int) time.Time) *unit {
	t, rng := b.t, b.t.rng
	if b.holderUnit.Kind != org.School || rng.IntN(10) != 0 {
		return nil
	}
	from := t.pickUnit(org.Kindergarten)
	if atoiPrefix(string(b.l.Child.BirthDate)) < b.g.now.Year()-8 {
		from = t.pickUnit(org.School)
	}
	if from == b.holderUnit {
		return nil
	}
	newHolder, newUnit := b.holder, b.holderUnit
	old := t.pickStaff(from)
	b.holder, b.holderUnit = old, from
	b.l.HolderID, b.l.HolderUnitID, b.l.CreatedBy, b.l.CreatedUnitID = old.ID, from.ID, old.ID, from.ID
	tr := logbook.Transfer{ID: t.id(), LogID: b.l.ID, FromUserID: old.ID, ToUserID: newHolder.ID, ToUnitID: newUnit.ID,
		Note: pick(rng, transferNotes), Status: logbook.TransferAccepted}
	b.at(early(5), func(at time.Time) {
		tr.ProposedAt = at
		b.system(at, logbook.Event{Kind: logbook.EventTransferProposed, TransferID: tr.ID, UserID: tr.ToUserID, UnitID: tr.ToUnitID}, "")
		b.audit(at, b.holder, audit.ProposeTransfer, "transfer "+tr.ID+" to "+tr.ToUserID)
	})
	b.at(early(6), func(at time.Time) {
		tr.AnsweredAt = &at
		b.c.transfers = append(b.c.transfers, tr)
		b.holder, b.holderUnit = newHolder, newUnit
		b.l.HolderID, b.l.HolderUnitID = newHolder.ID, newUnit.ID
		b.event(at, newHolder, logbook.AuthorStaff,
			logbook.Event{Kind: logbook.EventTransferAccepted, TransferID: tr.ID, UserID: tr.ToUserID, UnitID: tr.ToUnitID}, "")
		b.auditAs(at, newHolder, "proposed_holder", newUnit.ID, audit.AcceptTransfer, "transfer "+tr.ID)
		m := member{person: old, unit: from, access: logbook.ParticipantWrite}
		b.members = append(b.members, m)
		b.addMember(at, m)
	})
	b.taken = append(b.taken, old.ID)
	return from
}

// participantKinds are the services that take part in logs held by others.
var participantKinds = []org.UnitKind{org.HealthStation, org.PPT, org.PPT, org.ChildWelfare, org.HealthService,
	org.NAV, org.CultureLeisure, org.Other, org.School, org.Kindergarten}

// chooseMembers picks the participants a log at level has: at level 1 sometimes
// one, at level 2 one or two, at level 3 two to four, from other units.
func (b *logBuilder) chooseMembers(level int) {
	rng := b.t.rng
	n := [4]int{0, rng.IntN(2), 1 + rng.IntN(2), 2 + rng.IntN(3)}[level]
	final := b.final
	for range n {
		u := b.t.pickUnit(pick(rng, participantKinds))
		p := b.t.pickStaff(u)
		if u.ID == final.unit.ID || slices.Contains(b.taken, p.ID) {
			continue
		}
		access := logbook.ParticipantWrite
		if rng.IntN(10) < 3 {
			access = logbook.ParticipantRead
		}
		b.members = append(b.members, member{person: p, unit: u, access: access})
		b.taken = append(b.taken, p.ID)
	}
}

// transferTarget picks whom a pending transfer goes to: someone in another school
// or kindergarten.
func (b *logBuilder) transferTarget() member {
	for range 5 {
		u := b.t.pickUnit([]org.UnitKind{org.School, org.Kindergarten}[b.t.rng.IntN(2)])
		p := b.t.pickStaff(u)
		if u.ID != b.holderUnit.ID && !slices.Contains(b.taken, p.ID) {
			return member{person: p, unit: u}
		}
	}
	return member{}
}

// consentsFor registers the consent a log needs from at, covering the holder's and
// the participants' units (and a pending transfer's), renewed each year while the
// log is open; a closed log's consent is sometimes withdrawn at its end.
func (b *logBuilder) consentsFor(at, end time.Time, closed bool, extra *unit) {
	covers := []string{b.final.unit.ID}
	if b.l.CreatedUnitID != covers[0] {
		covers = append(covers, b.l.CreatedUnitID)
	}
	for _, m := range b.members {
		if !slices.Contains(covers, m.unit.ID) {
			covers = append(covers, m.unit.ID)
		}
	}
	if extra != nil && !slices.Contains(covers, extra.ID) {
		covers = append(covers, extra.ID)
	}
	horizon := b.g.now.Add(30 * day)
	if closed {
		horizon = end
	}
	given := at
	for {
		exp := given.Add(logbook.DefaultConsentValidity)
		b.at(given, func(at time.Time) { b.consent(at, exp, covers) })
		if !exp.Before(horizon) {
			break
		}
		// Renewed in the weeks before it runs out, and never after today.
		given = earliest(exp.Add(-b.days(0, 20)), b.g.now.Add(-b.days(0, 3)))
	}
}

// consent registers one consent: from paper by the holder, or given in the app by a
// guardian.
func (b *logBuilder) consent(at, exp time.Time, covers []string) {
	rng := b.t.rng
	c := &logbook.Consent{ID: b.t.id(), LogID: b.l.ID, CoversUnitIDs: covers, GivenAt: at, ExpiresAt: &exp}
	if len(b.guardians) > 0 && rng.IntN(10) < 3 {
		g := pick(rng, b.guardians)
		c.Source, c.GivenByUserID, c.RegisteredBy = logbook.ConsentDigital, g.ID, g.ID
		b.event(at, g, logbook.AuthorGuardian, logbook.Event{Kind: logbook.EventConsentGiven, ConsentID: c.ID, UnitIDs: sortedIDs(covers)}, "")
		b.auditAs(at, g, "guardian", "", audit.GiveConsent, "consent "+c.ID+" covers "+strings.Join(covers, ","))
	} else {
		c.Source, c.RegisteredBy = logbook.ConsentPaper, b.holder.ID
		if len(b.guardians) > 0 {
			c.GivenByName = b.guardians[0].Name
		}
		b.system(at, logbook.Event{Kind: logbook.EventConsentRegistered, ConsentID: c.ID, UnitIDs: sortedIDs(covers)}, "")
		b.audit(at, b.holder, audit.RegisterConsent, "consent "+c.ID+" covers "+strings.Join(covers, ","))
	}
	b.consents = append(b.consents, c)
}
