package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// UndringDecision is the decision that ends an undring: close it, activate it as a log
// at level 1 (which needs consent and a guardian, see CheckActivation), or record
// that a report of concern (bekymringsmelding) was sent to child welfare.
type UndringDecision struct {
	Outcome UndringOutcome `json:"outcome"`
	Text    string         `json:"text"`
}

// MaxUndringDecisionTextLen bounds the text that goes with an undring decision.
const MaxUndringDecisionTextLen = 5000

// Validate checks the decision. Field codes: outcome (required, invalid), text
// (required for child_welfare_report, saying when and to whom, and too_long).
func (d *UndringDecision) Validate() error {
	var f fault.Fields
	switch d.Outcome {
	case UndringPending:
		f.Add("outcome", fault.FieldRequired)
	case UndringClosed, UndringActivated, UndringChildWelfareReport:
	default:
		f.Add("outcome", fault.FieldInvalid)
	}
	d.Text = strings.TrimSpace(d.Text)
	if d.Outcome == UndringChildWelfareReport {
		f.Text("text", d.Text, MaxUndringDecisionTextLen)
	} else {
		f.OptionalText("text", d.Text, MaxUndringDecisionTextLen)
	}
	return f.Err()
}

// DecideUndring validates d and applies it to l at now. A log that is not an open
// undring answers a conflict: it was decided already. Activation moves the log to
// level 1 and makes it active; closing and reporting to child welfare close the
// undring (child welfare then follows the child in its own systems; if the log should
// continue beside that, the decision is activate and the text mentions the report).
// The caller has checked activation and writes the undring_decision entry.
func (l *Log) DecideUndring(d UndringDecision, now time.Time) error {
	if l.Status != StatusUndring {
		if l.Status == StatusClosed {
			return errClosed()
		}
		return fault.New(fault.Conflict, "the undring is already decided")
	}
	if err := d.Validate(); err != nil {
		return err
	}
	l.UndringOutcome = d.Outcome
	switch d.Outcome {
	case UndringActivated:
		l.Status = StatusActive
		l.Level = LevelOwnService
		l.LevelEnteredAt = now.UTC()
	default:
		l.close("", now)
	}
	return nil
}

// UndringOverdue reports whether l is an open undring past its deadline at now.
func (l *Log) UndringOverdue(now time.Time) bool {
	return l.Status == StatusUndring && !l.UndringDeadline.IsZero() && !now.Before(l.UndringDeadline)
}
