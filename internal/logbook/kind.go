package logbook

import "slices"

// Kind is the kind of a log entry.
type Kind string

// The entry kinds people post.
const (
	KindNote       Kind = "note"
	KindConcern    Kind = "concern"
	KindMeasure    Kind = "measure"
	KindEvaluation Kind = "evaluation"
	KindMeeting    Kind = "meeting"
	KindBrightSpot Kind = "bright_spot"
)

// The system entry kinds: written by Stafett when something happens to the log,
// never posted or amended by a person.
const (
	KindLevelChange     Kind = "level_change"
	KindConsent         Kind = "consent"
	KindParticipant     Kind = "participant"
	KindTransfer        Kind = "transfer"
	KindClosure         Kind = "closure"
	KindUndringDecision Kind = "undring_decision"
	KindStepDone        Kind = "step_done"
	// KindFamily records a change to the log's guardians and young person.
	KindFamily Kind = "family"
	// KindCorrection records a correction of the child's details or of a
	// measure's evaluation date, with the old and the new value.
	KindCorrection Kind = "correction"
)

// UserKinds returns the kinds people may post, in display order.
func UserKinds() []Kind {
	return []Kind{KindNote, KindConcern, KindMeasure, KindEvaluation, KindMeeting, KindBrightSpot}
}

// SystemKinds returns the kinds only Stafett writes.
func SystemKinds() []Kind {
	return []Kind{KindLevelChange, KindConsent, KindParticipant, KindTransfer, KindClosure, KindUndringDecision, KindStepDone, KindFamily, KindCorrection}
}

// GuardianKinds returns the kinds a guardian or youth may post.
func GuardianKinds() []Kind { return []Kind{KindNote, KindBrightSpot} }

// IsUser reports whether k is a kind people post.
func (k Kind) IsUser() bool { return slices.Contains(UserKinds(), k) }

// IsSystem reports whether k is a kind only Stafett writes.
func (k Kind) IsSystem() bool { return slices.Contains(SystemKinds(), k) }

// GuardianMayPost reports whether a guardian or youth may post an entry of kind k.
func (k Kind) GuardianMayPost() bool { return slices.Contains(GuardianKinds(), k) }

// AuthorRole says in which capacity an entry was written, so entries from a guardian
// or the youth are marked as such.
type AuthorRole string

// The author roles.
const (
	AuthorStaff    AuthorRole = "staff"
	AuthorGuardian AuthorRole = "guardian"
	AuthorYouth    AuthorRole = "youth"
)

// IsFamily reports whether r is a guardian or the youth.
func (r AuthorRole) IsFamily() bool { return r == AuthorGuardian || r == AuthorYouth }

// Author is who writes an entry.
type Author struct {
	UserID string
	Role   AuthorRole
}

// Outcome is the result of a measure as judged in its evaluation.
type Outcome string

// The evaluation outcomes.
const (
	OutcomeReached    Outcome = "reached"
	OutcomePartly     Outcome = "partly"
	OutcomeNotReached Outcome = "not_reached"
)

// Valid reports whether o is one of the outcomes.
func (o Outcome) Valid() bool {
	return o == OutcomeReached || o == OutcomePartly || o == OutcomeNotReached
}
