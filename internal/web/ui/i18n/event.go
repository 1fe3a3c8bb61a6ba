package i18n

import (
	"strings"

	"stafett/internal/logbook"
)

// Names looks up, when an event is shown, the names of the people and units it
// names by id: the store records ids only, so a name corrected later shows
// corrected, and the caller decides what its reader may see. A nil func, or ""
// for an id, leaves that name out: the sentence then says "a participant" or
// leaves the units out rather than show an id.
type Names struct {
	// User returns the name of user id, e.g. from the log's participants, holder
	// and entry authors.
	User func(id string) string
	// Unit returns the name of unit id.
	Unit func(id string) string
}

func (n Names) user(id string) string {
	if n.User == nil || id == "" {
		return ""
	}
	return n.User(id)
}

func (n Names) unit(id string) string {
	if n.Unit == nil || id == "" {
		return ""
	}
	return n.Unit(id)
}

// Event renders the event a system entry records (logbook.Entry.Event) as one
// plain sentence in l's language, for the log page, its JSON for people and its
// PDF: "Kari Nordmann (Myren skole) ble lagt til som aktør og kan lese loggen.",
// "The log moved from level 1 to level 2.". The sentence never includes the free
// text a person typed with the event (a level change's reason, a closing text, a
// step's note): that is the entry's Text, shown after the sentence as for any
// entry. An event of kind legacy, or of a kind this version does not know, gives a
// neutral sentence; the legacy entry's Text then holds what was written at the time.
func (l *Localizer) Event(ev logbook.Event, names Names) string {
	switch ev.Kind {
	case logbook.EventLevelChanged:
		return l.T("event.level_changed", int(ev.FromLevel), int(ev.ToLevel))
	case logbook.EventParticipantAdded:
		who := l.person(names, ev.UserID, ev.UnitID)
		switch {
		case who == "":
			return l.T("event.participant_added.unnamed")
		case ev.Access == logbook.ParticipantRead || ev.Access == logbook.ParticipantWrite:
			return l.T("event.participant_added."+string(ev.Access), who)
		}
		return l.T("event.participant_added", who)
	case logbook.EventParticipantRemoved, logbook.EventTransferDeclined, logbook.EventTransferCancelled, logbook.EventGuardianUnlinked, logbook.EventYouthUnlinked:
		return l.named("event."+string(ev.Kind), names.user(ev.UserID))
	case logbook.EventTransferProposed, logbook.EventTransferAccepted:
		return l.named("event."+string(ev.Kind), l.person(names, ev.UserID, ev.UnitID))
	case logbook.EventConsentRegistered, logbook.EventConsentGiven:
		var units []string
		for _, id := range ev.UnitIDs {
			if n := names.unit(id); n != "" {
				units = append(units, n)
			}
		}
		return l.named("event."+string(ev.Kind), l.list(units))
	case logbook.EventConsentWithdrawn:
		return l.T("event.consent_withdrawn")
	case logbook.EventStepDone:
		return l.named("event.step_done", ev.StepTitle)
	case logbook.EventUndringDecided:
		switch ev.Outcome {
		case logbook.UndringClosed, logbook.UndringActivated, logbook.UndringChildWelfareReport:
			return l.T("event.undring_decided." + string(ev.Outcome))
		}
		return l.T("event.undring_decided")
	case logbook.EventLogClosed:
		reason := "closure." + string(ev.Reason)
		if ev.Reason == "" || !l.c.Has(reason) {
			return l.T("event.log_closed.unnamed")
		}
		return l.T("event.log_closed", l.T(reason))
	case logbook.EventChildCorrected, logbook.EventEvaluationMoved:
		return l.changes(ev)
	}
	return l.T("event.legacy")
}

// EventBy is Event with who did it, for the sentences that are about a person
// someone else acted on: "Per Pedagog la til Anne Assistent (Myren skole) som aktør
// og kan lese loggen.", "Per Pedagog foreslo å overføre loggen til …". The timeline
// says it so, which a guardian or youth reads more easily than the passive; by is
// the entry's author, whom the timeline names anyway. With by "", or for another
// kind, it is Event.
func (l *Localizer) EventBy(ev logbook.Event, names Names, by string) string {
	if by == "" {
		return l.Event(ev, names)
	}
	var key, who string
	switch ev.Kind {
	case logbook.EventParticipantAdded:
		key, who = "event.participant_added", l.person(names, ev.UserID, ev.UnitID)
		if ev.Access == logbook.ParticipantRead || ev.Access == logbook.ParticipantWrite {
			key += "." + string(ev.Access)
		}
	case logbook.EventParticipantRemoved, logbook.EventGuardianUnlinked, logbook.EventYouthUnlinked:
		key, who = "event."+string(ev.Kind), names.user(ev.UserID)
	case logbook.EventTransferProposed:
		key, who = "event.transfer_proposed", l.person(names, ev.UserID, ev.UnitID)
	}
	if key == "" || who == "" || !l.c.Has(key+".by") {
		return l.Event(ev, names)
	}
	return l.T(key+".by", by, who)
}

// changes says what a correction changed, one sentence per value: "Barnets navn ble
// rettet fra «Mia» til «Maja».", "Evalueringsdatoen ble flyttet fra 1. juni 2025 til
// 15. august 2025.". Dates read as dates; a value cleared or set from nothing says so.
func (l *Localizer) changes(ev logbook.Event) string {
	var out []string
	for _, c := range ev.Changes {
		key := "event.corrected." + c.Field
		if !l.c.Has(key) {
			continue
		}
		old, new := c.Old, c.New
		if c.Field == logbook.FieldChildBirthDate || c.Field == logbook.FieldEvaluateBy {
			old, new = l.Day(old), l.Day(new)
		}
		switch {
		case old == "":
			out = append(out, l.T(key+".set", new))
		case new == "":
			out = append(out, l.T(key+".cleared", old))
		default:
			out = append(out, l.T(key, old, new))
		}
	}
	if len(out) == 0 {
		return l.T("event." + string(ev.Kind) + ".unnamed")
	}
	return strings.Join(out, " ")
}

// named returns key with name, or key+".unnamed" when name is empty.
func (l *Localizer) named(key, name string) string {
	if name == "" {
		return l.T(key + ".unnamed")
	}
	return l.T(key, name)
}

// person names user id, with their unit when it has a name: "Kari Nordmann (Myren
// skole)". Without the user's name it is empty, even when the unit has one.
func (l *Localizer) person(names Names, userID, unitID string) string {
	who := names.user(userID)
	if who == "" {
		return ""
	}
	if unit := names.unit(unitID); unit != "" {
		return l.T("event.person_in_unit", who, unit)
	}
	return who
}

// list joins items the way a sentence lists them: "A", "A og B", "A, B og C".
func (l *Localizer) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return l.T("event.list_and", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}
