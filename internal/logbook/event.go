package logbook

// EventKind is what happened to a log, as a system entry records it.
type EventKind string

// The event kinds. Each belongs to one system entry kind (EntryKind).
const (
	// EventLevelChanged: the log moved from FromLevel to ToLevel; the entry's text
	// is the reason the person gave.
	EventLevelChanged EventKind = "level_changed"
	// EventParticipantAdded: UserID joined through unit UnitID with Access.
	EventParticipantAdded EventKind = "participant_added"
	// EventParticipantRemoved: UserID no longer takes part.
	EventParticipantRemoved EventKind = "participant_removed"
	// EventTransferProposed: transfer TransferID to UserID in unit UnitID waits
	// for an answer.
	EventTransferProposed EventKind = "transfer_proposed"
	// EventTransferAccepted: UserID accepted transfer TransferID and holds the log
	// for unit UnitID.
	EventTransferAccepted EventKind = "transfer_accepted"
	// EventTransferDeclined: UserID declined transfer TransferID.
	EventTransferDeclined EventKind = "transfer_declined"
	// EventTransferCancelled: the proposer withdrew transfer TransferID to UserID
	// before it was answered.
	EventTransferCancelled EventKind = "transfer_cancelled"
	// EventConsentRegistered: consent ConsentID, covering UnitIDs, was registered
	// from a signed paper form.
	EventConsentRegistered EventKind = "consent_registered"
	// EventConsentGiven: consent ConsentID, covering UnitIDs, was given in the app
	// by a guardian or the youth.
	EventConsentGiven EventKind = "consent_given"
	// EventConsentWithdrawn: consent ConsentID was withdrawn.
	EventConsentWithdrawn EventKind = "consent_withdrawn"
	// EventStepDone: step StepID of the action guide, titled StepTitle when it was
	// ticked, is done; the entry's text is the note the person added.
	EventStepDone EventKind = "step_done"
	// EventUndringDecided: the undring ended with Outcome; the entry's text is what
	// the person wrote with the decision.
	EventUndringDecided EventKind = "undring_decided"
	// EventLogClosed: the log was closed for Reason; the entry's text is what the
	// person wrote when closing it.
	EventLogClosed EventKind = "log_closed"
	// EventGuardianUnlinked: the guardian UserID was unlinked from the log to
	// correct a wrong link; the entry's author did it, and its text is the reason.
	EventGuardianUnlinked EventKind = "guardian_unlinked"
	// EventYouthUnlinked: the young person UserID was unlinked from the log, as
	// EventGuardianUnlinked.
	EventYouthUnlinked EventKind = "youth_unlinked"
	// EventLegacy: a system entry from before Stafett recorded events whose text
	// it could not read back. The entry keeps that text as it was written.
	EventLegacy EventKind = "legacy"
)

// EventKinds returns every event kind, grouped by the entry kind they belong to.
func EventKinds() []EventKind {
	return []EventKind{EventLevelChanged, EventParticipantAdded, EventParticipantRemoved, EventTransferProposed,
		EventTransferAccepted, EventTransferDeclined, EventTransferCancelled, EventConsentRegistered, EventConsentGiven, EventConsentWithdrawn,
		EventStepDone, EventUndringDecided, EventLogClosed, EventGuardianUnlinked, EventYouthUnlinked, EventLegacy}
}

// EntryKind returns the system entry kind an event of kind k is recorded under;
// false for EventLegacy and unknown kinds, which Stafett never writes anew.
func (k EventKind) EntryKind() (Kind, bool) {
	switch k {
	case EventLevelChanged:
		return KindLevelChange, true
	case EventParticipantAdded, EventParticipantRemoved:
		return KindParticipant, true
	case EventTransferProposed, EventTransferAccepted, EventTransferDeclined, EventTransferCancelled:
		return KindTransfer, true
	case EventConsentRegistered, EventConsentGiven, EventConsentWithdrawn:
		return KindConsent, true
	case EventStepDone:
		return KindStepDone, true
	case EventUndringDecided:
		return KindUndringDecision, true
	case EventLogClosed:
		return KindClosure, true
	case EventGuardianUnlinked, EventYouthUnlinked:
		return KindFamily, true
	}
	return "", false
}

// Event is the fact a system entry records: what happened and the ids, codes and
// numbers it happened with. It holds no sentence: the reader's language makes one
// at display time (internal/web/i18n), looking up the names of the people and
// units named by id. Free text a person typed with the event (a reason, a note)
// is the entry's Text. Which fields are set depends on Kind (see the EventKind
// constants); the others are zero. A field may also be zero on an event read back
// from an old entry whose text did not say it (a participant's user id, say).
type Event struct {
	Kind EventKind `json:"kind"`
	// level_changed
	FromLevel Level `json:"from_level,omitempty"`
	ToLevel   Level `json:"to_level,omitempty"`
	// participant_*, transfer_*: the person and their unit; *_unlinked: the person
	UserID string            `json:"user_id,omitempty"`
	UnitID string            `json:"unit_id,omitempty"`
	Access ParticipantAccess `json:"access,omitempty"`
	// transfer_*
	TransferID string `json:"transfer_id,omitempty"`
	// consent_*
	ConsentID string   `json:"consent_id,omitempty"`
	UnitIDs   []string `json:"unit_ids,omitempty"`
	// step_done
	StepID    string `json:"step_id,omitempty"`
	StepTitle string `json:"step_title,omitempty"`
	// undring_decided
	Outcome UndringOutcome `json:"outcome,omitempty"`
	// log_closed
	Reason ClosureReason `json:"reason,omitempty"`
}
