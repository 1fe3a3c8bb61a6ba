package logbook

import (
	"time"

	"stafett/internal/fault"
)

// MaxReasonLen bounds the reason given for a level change.
const MaxReasonLen = 2000

// ValidateLevelChange checks a move of a log from level from (with status) to level to,
// with the reason that becomes the level_change entry. Levels move both ways, except
// that an active log never returns to level 0: leaving level 0 is activation, whose
// consent and guardian requirements the caller checks with CheckActivation. A closed
// log answers a conflict. Field codes: level (range, invalid when unchanged,
// not_allowed back to 0), reason.
func ValidateLevelChange(from Level, status Status, to int, reason string) error {
	if status == StatusClosed {
		return errClosed()
	}
	var f fault.Fields
	switch {
	case to < int(LevelUndring) || to > int(MaxLevel):
		f.Add("level", fault.FieldRange)
	case Level(to) == from:
		f.Add("level", fault.FieldInvalid)
	case to == int(LevelUndring) && (status == StatusActive || from != LevelUndring):
		f.Add("level", fault.FieldNotAllow)
	}
	f.Text("reason", reason, MaxReasonLen)
	return f.Err()
}

// IsActivation reports whether a change from level from to level to activates the log.
func IsActivation(from Level, to int) bool { return from == LevelUndring && to > int(LevelUndring) }

// Activation is what the store found about a log about to leave level 0.
type Activation struct {
	ValidConsent bool // some consent is valid now
	Guardian     bool // a guardian with parental responsibility, not suspended, is linked
	YouthOfAge   bool // the child is linked as a youth user and is of consent age
}

// CheckActivation names what is missing before a log may leave level 0: a valid
// consent (field consent) and a guardian with parental responsibility or a youth of
// consent age (field guardian), both with code missing.
func CheckActivation(a Activation) error {
	var f fault.Fields
	if !a.ValidConsent {
		f.Add("consent", fault.FieldMissing)
	}
	if !a.Guardian && !a.YouthOfAge {
		f.Add("guardian", fault.FieldMissing)
	}
	return f.Err()
}

// ChangeLevel validates and applies a level change to l at now. Leaving level 0 makes
// the log active and records the undring as activated. The caller has checked
// activation and writes the level_change entry with the reason.
func (l *Log) ChangeLevel(to int, reason string, now time.Time) error {
	if err := ValidateLevelChange(l.Level, l.Status, to, reason); err != nil {
		return err
	}
	if IsActivation(l.Level, to) {
		l.Status = StatusActive
		if l.UndringOutcome == UndringPending {
			l.UndringOutcome = UndringActivated
		}
	}
	l.Level = Level(to)
	l.LevelEnteredAt = now.UTC()
	return nil
}
