package gen

import (
	"slices"
	"strconv"
	"time"

	"stafett/internal/audit"
	"stafett/internal/logbook"
)

// create opens the log: the concern is its first entry.
func (b *logBuilder) create(at time.Time) {
	rng := b.t.rng
	b.entry(at, logbook.KindConcern, b.holder, logbook.AuthorStaff, sentences(rng, concernTexts, 2+rng.IntN(2)))
	b.audit(at, b.holder, audit.CreateLog, "")
}

// changeLevel moves the log to level, activating it when it leaves level 0.
func (b *logBuilder) changeLevel(at time.Time, level int) {
	from := int(b.l.Level)
	reason := map[int]string{
		1: "Foreldrene har samtykket; vi setter inn tiltak i egen tjeneste.",
		2: "Flere tjenester trengs; PPT og helsestasjonen kobles inn.",
		3: "Omfattende samarbeid; ansvarsgruppe opprettes.",
	}[level]
	b.l.Level, b.l.LevelEnteredAt = logbook.Level(level), at
	if from == 0 {
		b.l.Status, b.l.UndringOutcome = logbook.StatusActive, logbook.UndringActivated
	}
	b.system(at, logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: logbook.Level(from), ToLevel: logbook.Level(level)}, reason)
	b.audit(at, b.holder, audit.ChangeLevel, "level "+strconv.Itoa(from)+"->"+strconv.Itoa(level))
}

// addMember makes m a participant.
func (b *logBuilder) addMember(at time.Time, m member) {
	b.c.participants = append(b.c.participants, logbook.Participant{LogID: b.l.ID, UserID: m.ID, UnitID: m.unit.ID,
		Access: m.access, AddedAt: at, AddedBy: b.holder.ID})
	b.joinedIDs = append(b.joinedIDs, m.ID)
	b.system(at, logbook.Event{Kind: logbook.EventParticipantAdded, UserID: m.ID, UnitID: m.unit.ID, Access: m.access}, "")
	b.audit(at, b.holder, audit.AddParticipant, "participant "+m.ID+" "+string(m.access))
}

// randomEntry adds an entry of a kind people post, in the proportions of a working
// log: mostly notes and measures, with meetings, evaluations and bright spots.
func (b *logBuilder) randomEntry(at time.Time) {
	r := b.t.rng.Float64()
	var k logbook.Kind
	switch {
	case r < 0.35:
		k = logbook.KindNote
	case r < 0.47:
		k = logbook.KindBrightSpot
	case r < 0.55:
		k = logbook.KindConcern
	case r < 0.73:
		k = logbook.KindMeasure
	case r < 0.85:
		k = logbook.KindEvaluation
	default:
		k = logbook.KindMeeting
	}
	b.userEntry(at, k)
}

// userEntry adds an entry of kind k by someone who may write it, and now and then
// a corrected version of it.
func (b *logBuilder) userEntry(at time.Time, k logbook.Kind) {
	rng := b.t.rng
	if k == logbook.KindEvaluation && len(b.measures) == 0 {
		k = logbook.KindNote
	}
	author, role := b.writer(k)
	e := logbook.Entry{ID: b.t.id(), LogID: b.l.ID, Kind: k, AuthorID: author.ID, AuthorRole: role, CreatedAt: at, Version: 1}
	switch k {
	case logbook.KindNote:
		e.Text = sentences(rng, noteTexts, 1+rng.IntN(3))
	case logbook.KindConcern:
		e.Text = sentences(rng, concernTexts, 1+rng.IntN(2))
	case logbook.KindBrightSpot:
		e.Text = pick(rng, brightSpotTexts)
	case logbook.KindMeasure:
		e.Text, e.Goal = pick(rng, measureTexts), pick(rng, measureGoals)
		e.ResponsibleUserID = b.holder.ID
		if ms := b.writers(); len(ms) > 0 && rng.IntN(3) == 0 {
			e.ResponsibleUserID = pick(rng, ms).ID
		}
		e.StartDate = logbook.DateOf(at)
		e.EvaluateBy = logbook.DateOf(at.Add(b.days(30, 90)))
		b.measures = append(b.measures, e.ID)
	case logbook.KindEvaluation:
		i := rng.IntN(len(b.measures))
		e.MeasureID = b.measures[i]
		b.measures = slices.Delete(b.measures, i, i+1)
		e.Outcome = []logbook.Outcome{logbook.OutcomeReached, logbook.OutcomePartly, logbook.OutcomeNotReached}[rng.IntN(3)]
		e.Text = pick(rng, evaluationTexts)
	case logbook.KindMeeting:
		e.HeldAt = at.Add(-time.Duration(1+rng.IntN(48)) * time.Hour)
		e.Text, e.Decisions = pick(rng, meetingTexts), pick(rng, decisionTexts)
		e.Attendees = []string{b.holder.Name}
		for _, g := range b.guardians {
			e.Attendees = append(e.Attendees, g.Name)
		}
		for _, m := range b.members {
			e.Attendees = append(e.Attendees, m.Name)
		}
	}
	b.c.entries = append(b.c.entries, e)
	b.auditAs(at, author, b.roleOf(author), b.unitOf(author), audit.AddEntry, string(k)+" "+e.ID)
	if k != logbook.KindEvaluation && k != logbook.KindMeasure && rng.IntN(25) == 0 {
		v := e
		v.ID, v.Version, v.Amends, v.CreatedAt = b.t.id(), 2, e.ID, at.Add(15*time.Minute)
		v.Text += " (Rettet: presisert etter samtale.)"
		b.c.entries = append(b.c.entries, v)
		b.auditAs(v.CreatedAt, author, b.roleOf(author), b.unitOf(author), audit.AmendEntry,
			string(k)+" "+v.ID+" amends "+e.ID)
	}
}

// writer picks who writes an entry of kind k: guardians and the youth write notes
// and bright spots now and then; staff write the rest.
func (b *logBuilder) writer(k logbook.Kind) (person, logbook.AuthorRole) {
	rng := b.t.rng
	if k.GuardianMayPost() && b.l.Status != logbook.StatusUndring && rng.IntN(10) < 3 {
		if b.youth != nil && rng.IntN(4) == 0 {
			return *b.youth, logbook.AuthorYouth
		}
		if len(b.guardians) > 0 {
			return pick(rng, b.guardians), logbook.AuthorGuardian
		}
	}
	if ws := b.writers(); len(ws) > 0 && rng.IntN(10) < 3 {
		return pick(rng, ws).person, logbook.AuthorStaff
	}
	if rng.IntN(10) == 0 && b.l.Status != logbook.StatusUndring {
		return b.holderUnit.leader, logbook.AuthorStaff
	}
	return b.holder, logbook.AuthorStaff
}

// writers are the participants with write access, the holder aside.
func (b *logBuilder) writers() []member {
	var out []member
	for _, m := range b.members {
		if m.access == logbook.ParticipantWrite && m.ID != b.holder.ID && b.joined(m) {
			out = append(out, m)
		}
	}
	return out
}

// joined reports whether m has been added to the log yet.
func (b *logBuilder) joined(m member) bool { return slices.Contains(b.joinedIDs, m.ID) }

// read records someone who may read the log opening it.
func (b *logBuilder) read(at time.Time) {
	rng := b.t.rng
	who := b.holder
	if b.l.Status != logbook.StatusUndring {
		switch r := rng.IntN(10); {
		case r < 3 && len(b.guardians) > 0:
			who = pick(rng, b.guardians)
		case r < 6:
			var ms []member
			for _, m := range b.members {
				if b.joined(m) && m.ID != b.holder.ID {
					ms = append(ms, m)
				}
			}
			if len(ms) > 0 {
				who = pick(rng, ms).person
			}
		}
	} else if rng.IntN(4) == 0 {
		who = b.holderUnit.leader
	}
	b.auditAs(at, who, b.roleOf(who), b.unitOf(who), audit.ReadLog, "")
}

// readAccessLog records a guardian (or the holder) looking at who has read the log.
func (b *logBuilder) readAccessLog(at time.Time) {
	who := b.holder
	if len(b.guardians) > 0 {
		who = pick(b.t.rng, b.guardians)
	}
	b.auditAs(at, who, b.roleOf(who), b.unitOf(who), audit.ReadAccessLog, "")
}

// suspendGuardian has the holder unit's leader suspend the second of two guardians
// with access, as after a child-welfare decision.
func (b *logBuilder) suspendGuardian(at time.Time) {
	if len(b.guardians) < 2 {
		return
	}
	g := b.guardians[len(b.guardians)-1]
	for i := range b.c.guardians {
		x := &b.c.guardians[i]
		if x.LogID == b.l.ID && x.UserID == g.ID {
			leader := b.holderUnit.leader
			x.SuspendedAt, x.SuspendedBy, x.SuspendReason = &at, leader.ID, "Vedtak i barneverntjenesten."
			b.guardians = b.guardians[:len(b.guardians)-1]
			b.auditAs(at, leader, "leader", b.holderUnit.ID, audit.SuspendGuardian, "guardian "+g.ID)
			return
		}
	}
}

// proposeTransfer proposes handing the log to to, who has not answered yet.
func (b *logBuilder) proposeTransfer(at time.Time, to member) {
	if to.unit == nil {
		return
	}
	t := logbook.Transfer{ID: b.t.id(), LogID: b.l.ID, FromUserID: b.holder.ID, ToUserID: to.ID, ToUnitID: to.unit.ID,
		Note: pick(b.t.rng, transferNotes), Status: logbook.TransferPending, ProposedAt: at}
	b.c.transfers = append(b.c.transfers, t)
	b.system(at, logbook.Event{Kind: logbook.EventTransferProposed, TransferID: t.ID, UserID: t.ToUserID, UnitID: t.ToUnitID}, "")
	b.audit(at, b.holder, audit.ProposeTransfer, "transfer "+t.ID+" to "+t.ToUserID)
}

// close closes the log for a reason; when consent was withdrawn, its withdrawal
// comes first.
func (b *logBuilder) close(at time.Time) {
	rng := b.t.rng
	reasons := []logbook.ClosureReason{logbook.ClosureGoalReached, logbook.ClosureGoalReached, logbook.ClosureGoalReached,
		logbook.ClosureGoalReached, logbook.ClosureMoved, logbook.ClosureGuardianRequest, logbook.ClosureGuardianRequest,
		logbook.ClosureConsentWithdrawn, logbook.ClosureIndividualPlan, logbook.ClosureOther}
	reason := pick(rng, reasons)
	closer, role := b.holder, "holder"
	if (reason == logbook.ClosureGuardianRequest || reason == logbook.ClosureConsentWithdrawn) && len(b.guardians) > 0 {
		closer, role = b.guardians[0], "guardian"
	}
	if reason == logbook.ClosureConsentWithdrawn && len(b.consents) > 0 {
		c := b.consents[len(b.consents)-1]
		w := at.Add(-time.Hour)
		if c.GivenAt.Before(w) {
			c.WithdrawnAt, c.WithdrawnBy = &w, closer.ID
			b.event(w, closer, b.authorRole(closer), logbook.Event{Kind: logbook.EventConsentWithdrawn, ConsentID: c.ID}, "")
			b.auditAs(w, closer, role, b.unitOf(closer), audit.WithdrawConsent, "consent "+c.ID)
		}
	}
	b.l.Status, b.l.ClosedAt, b.l.ClosureReason = logbook.StatusClosed, &at, reason
	b.event(at, closer, b.authorRole(closer), logbook.Event{Kind: logbook.EventLogClosed, Reason: reason}, "")
	b.auditAs(at, closer, role, b.unitOf(closer), audit.CloseLog, string(reason))
}

// decideUndring ends an undring without a log: closed, or a report to child welfare.
func (b *logBuilder) decideUndring(at time.Time) {
	outcome, text := logbook.UndringClosed, ""
	if b.t.rng.IntN(3) == 0 {
		outcome, text = logbook.UndringChildWelfareReport, "Sendt til barnevernstjenesten i dag."
	}
	b.l.Status, b.l.UndringOutcome, b.l.ClosedAt = logbook.StatusClosed, outcome, &at
	b.system(at, logbook.Event{Kind: logbook.EventUndringDecided, Outcome: outcome}, text)
	b.audit(at, b.holder, audit.DecideUndring, string(outcome))
}

// entry adds an entry written by author.
func (b *logBuilder) entry(at time.Time, k logbook.Kind, author person, role logbook.AuthorRole, text string) {
	b.c.entries = append(b.c.entries, logbook.Entry{ID: b.t.id(), LogID: b.l.ID, Kind: k, AuthorID: author.ID,
		AuthorRole: role, CreatedAt: at, Text: text, Version: 1})
}

// system adds the entry Stafett writes for event ev, by the holder; text is what
// the holder typed with it.
func (b *logBuilder) system(at time.Time, ev logbook.Event, text string) {
	b.event(at, b.holder, logbook.AuthorStaff, ev, text)
}

// event adds the entry Stafett writes for event ev, by who in role.
func (b *logBuilder) event(at time.Time, who person, role logbook.AuthorRole, ev logbook.Event, text string) {
	e := logbook.SystemEntry(b.l.ID, logbook.Author{UserID: who.ID, Role: role}, ev, text, at)
	e.ID = b.t.id()
	b.c.entries = append(b.c.entries, e)
}

// sortedIDs returns a sorted copy of ids, in the order the store lists a consent's
// units.
func sortedIDs(ids []string) []string { return slices.Sorted(slices.Values(ids)) }

// audit records action by the holder.
func (b *logBuilder) audit(at time.Time, who person, action audit.Action, detail string) {
	b.auditAs(at, who, b.roleOf(who), b.unitOf(who), action, detail)
}

func (b *logBuilder) auditAs(at time.Time, who person, role, unit string, action audit.Action, detail string) {
	b.c.audit = append(b.c.audit, audit.Event{At: at, ActorID: who.ID, Role: role, UnitID: unit,
		MunicipalityID: b.l.MunicipalityID, LogID: b.l.ID, Action: action, Detail: detail})
}

// roleOf names the capacity in which p acts on the log now, as the store's audit
// does.
func (b *logBuilder) roleOf(p person) string {
	switch {
	case p.ID == b.holder.ID:
		return "holder"
	case p.ID == b.holderUnit.leader.ID:
		return "leader"
	case b.youth != nil && p.ID == b.youth.ID:
		return "youth"
	}
	for _, m := range b.members {
		if m.ID == p.ID {
			return "participant_" + string(m.access)
		}
	}
	return "guardian"
}

func (b *logBuilder) unitOf(p person) string {
	switch {
	case p.ID == b.holder.ID || p.ID == b.holderUnit.leader.ID:
		return b.holderUnit.ID
	}
	for _, m := range b.members {
		if m.ID == p.ID {
			return m.unit.ID
		}
	}
	return ""
}

func (b *logBuilder) authorRole(p person) logbook.AuthorRole {
	switch b.roleOf(p) {
	case "guardian":
		return logbook.AuthorGuardian
	case "youth":
		return logbook.AuthorYouth
	}
	return logbook.AuthorStaff
}

// sample describes the log with those who may see it now.
func (b *logBuilder) sample() LogSample {
	s := LogSample{ID: b.l.ID, MunicipalityID: b.l.MunicipalityID, Status: b.l.Status, Level: int(b.l.Level),
		HolderID: b.l.HolderID, LeaderID: b.holderUnit.leader.ID}
	// Covered still tomorrow, so a benchmark started later finds the same access.
	covered := logbook.CoveredUnits(b.consentValues(), b.g.now.Add(day))
	for _, m := range b.members {
		if b.joined(m) && covered[m.unit.ID] && m.ID != b.l.HolderID {
			s.Participants = append(s.Participants, SampleParticipant{UserID: m.ID, Access: m.access})
		}
	}
	for _, g := range b.guardians {
		s.Guardians = append(s.Guardians, g.ID)
	}
	return s
}

func (b *logBuilder) consentValues() []logbook.Consent {
	out := make([]logbook.Consent, len(b.consents))
	for i, c := range b.consents {
		out[i] = *c
	}
	return out
}
