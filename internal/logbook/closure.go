package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// ClosureReason is why a log was closed.
type ClosureReason string

// The closure reasons.
const (
	ClosureGoalReached      ClosureReason = "goal_reached"
	ClosureGuardianRequest  ClosureReason = "guardian_request"
	ClosureConsentWithdrawn ClosureReason = "consent_withdrawn"
	ClosureMoved            ClosureReason = "moved"
	ClosureIndividualPlan   ClosureReason = "individual_plan"
	ClosureOther            ClosureReason = "other"
)

// ClosureReasons returns every reason in display order.
func ClosureReasons() []ClosureReason {
	return []ClosureReason{ClosureGoalReached, ClosureGuardianRequest, ClosureConsentWithdrawn, ClosureMoved, ClosureIndividualPlan, ClosureOther}
}

// Valid reports whether r is one of ClosureReasons.
func (r ClosureReason) Valid() bool {
	for _, v := range ClosureReasons() {
		if r == v {
			return true
		}
	}
	return false
}

// MaxClosureTextLen bounds the text that goes with a closure.
const MaxClosureTextLen = 5000

// NewClosure is the input for closing a log, as in POST /api/v1/logs/{id}/close. The
// text becomes the closure entry.
type NewClosure struct {
	Reason ClosureReason `json:"reason"`
	Text   string        `json:"text"`
}

// Validate checks the input. Field codes: reason (required, invalid), text (required
// when the reason is other, too_long).
func (in *NewClosure) Validate() error {
	var f fault.Fields
	switch {
	case in.Reason == "":
		f.Add("reason", fault.FieldRequired)
	case !in.Reason.Valid():
		f.Add("reason", fault.FieldInvalid)
	}
	in.Text = strings.TrimSpace(in.Text)
	if in.Reason == ClosureOther {
		f.Text("text", in.Text, MaxClosureTextLen)
	} else {
		f.OptionalText("text", in.Text, MaxClosureTextLen)
	}
	return f.Err()
}

// Close validates in and closes l at now. Closing a closed log is a conflict. Closing
// an undring this way records it as closed, as if decided so. The store cancels
// pending transfers in the same transaction.
func (l *Log) Close(in NewClosure, now time.Time) error {
	if l.Status == StatusClosed {
		return errClosed()
	}
	if err := in.Validate(); err != nil {
		return err
	}
	if l.Status == StatusUndring && l.UndringOutcome == UndringPending {
		l.UndringOutcome = UndringClosed
	}
	l.close(in.Reason, now)
	return nil
}

func (l *Log) close(reason ClosureReason, now time.Time) {
	at := now.UTC()
	l.Status = StatusClosed
	l.ClosedAt = &at
	l.ClosureReason = reason
}
