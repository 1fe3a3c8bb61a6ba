// Package logbook is the stafettlogg: the per-child log with its holder, level,
// consents, entries, transfers and closure. It holds types, validation and state
// changes only; storage and access decisions live elsewhere (store, access).
package logbook

import (
	"strings"
	"time"
	"unicode"

	"stafett/internal/fault"
)

// Status is where a log is in its life.
type Status string

// The statuses. An undring is a private level-0 working note; it becomes active when it
// leaves level 0 and closed when it is closed or decided to end.
const (
	StatusUndring Status = "undring"
	StatusActive  Status = "active"
	StatusClosed  Status = "closed"
)

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	return s == StatusUndring || s == StatusActive || s == StatusClosed
}

// Level is the BTI level of a log.
type Level int

// The levels: 0 undring, 1 own service, 2 one or two more services, 3 comprehensive
// collaboration.
const (
	LevelUndring       Level = 0
	LevelOwnService    Level = 1
	LevelMoreServices  Level = 2
	LevelComprehensive Level = 3
)

// MaxLevel is the highest level.
const MaxLevel = LevelComprehensive

// Valid reports whether l is between 0 and MaxLevel.
func (l Level) Valid() bool { return l >= LevelUndring && l <= MaxLevel }

// UndringOutcome records how an undring was decided; empty until it is.
type UndringOutcome string

// The undring outcomes.
const (
	UndringPending            UndringOutcome = ""
	UndringClosed             UndringOutcome = "closed"
	UndringActivated          UndringOutcome = "activated"
	UndringChildWelfareReport UndringOutcome = "child_welfare_report"
)

// Child is the person a log is about. Name or Initials may be empty, not both.
type Child struct {
	Name      string `json:"name"`
	Initials  string `json:"initials"`
	BirthDate Date   `json:"birth_date"`
}

// Log is one stafettlogg. It has one holder at a time, in the holder's unit.
type Log struct {
	ID              string         `json:"id"`
	MunicipalityID  string         `json:"municipality_id"`
	Child           Child          `json:"child"`
	HolderID        string         `json:"holder_id"`
	HolderUnitID    string         `json:"holder_unit_id"`
	Level           Level          `json:"level"`
	Status          Status         `json:"status"`
	UndringDeadline time.Time      `json:"undring_deadline,omitzero"`
	UndringOutcome  UndringOutcome `json:"undring_outcome,omitempty"`
	// LevelEnteredAt is when the log reached its current level; the action guide's
	// step deadlines count from it.
	LevelEnteredAt time.Time `json:"level_entered_at"`
	// CreatedBy and CreatedUnitID are the author of the undring and the unit it was
	// opened in: they keep an undring visible to its author and that unit's leaders.
	CreatedBy     string `json:"created_by"`
	CreatedUnitID string `json:"created_unit_id"`
	// YouthUserID is the child's own user, linked from the municipality's consent
	// age; the youth then has a guardian's rights in the log.
	YouthUserID string     `json:"youth_user_id,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
	// ClosureReason is empty when an undring was ended by its decision (close or
	// report to child welfare); UndringOutcome says why.
	ClosureReason ClosureReason `json:"closure_reason,omitempty"`
}

// Limits on a new log's free text.
const (
	MaxChildNameLen    = 120
	MaxInitialsLen     = 4
	MaxConcernLen      = 10000
	MaxChildAgeYears   = 25
	DefaultUndringDays = 14
)

// NewLog is the input that opens an undring, as in POST /api/v1/logs.
type NewLog struct {
	UnitID  string `json:"unit_id"`
	Child   Child  `json:"child"`
	Concern string `json:"concern"`
}

// Validate normalises and checks the input at now. Field codes: unit_id,
// child.name (required when neither name nor initials is given), child.initials,
// child.birth_date, concern.
func (in *NewLog) Validate(now time.Time) error {
	var f fault.Fields
	in.UnitID = strings.TrimSpace(in.UnitID)
	if in.UnitID == "" {
		f.Add("unit_id", fault.FieldRequired)
	}
	in.Child.Name = strings.TrimSpace(in.Child.Name)
	in.Child.Initials = NormalizeInitials(in.Child.Initials)
	switch {
	case in.Child.Name == "" && in.Child.Initials == "":
		f.Add("child.name", fault.FieldRequired)
	case len([]rune(in.Child.Name)) > MaxChildNameLen:
		f.Add("child.name", fault.FieldTooLong)
	}
	if in.Child.Initials != "" && !IsInitials(in.Child.Initials) {
		f.Add("child.initials", fault.FieldFormat)
	}
	validateBirthDate(&f, "child.birth_date", in.Child.BirthDate, now)
	f.Text("concern", in.Concern, MaxConcernLen)
	return f.Err()
}

func validateBirthDate(f *fault.Fields, field string, d Date, now time.Time) {
	today := DateOf(now)
	switch {
	case d.IsZero():
		f.Add(field, fault.FieldRequired)
	case !d.Valid():
		f.Add(field, fault.FieldFormat)
	case d > today:
		// Pregnancies (expected dates) are not logs of their own yet.
		f.Add(field, fault.FieldRange)
	case d < today.AddYears(-MaxChildAgeYears):
		f.Add(field, fault.FieldRange)
	}
}

// NormalizeInitials writes initials as the log keeps them: upper case, without the
// dots and spaces people type between the letters ("m.k." and "M. K." are "MK").
func NormalizeInitials(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if r == '.' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// IsInitials reports whether s is 1 to MaxInitialsLen letters, ÆØÅ and other
// letters included.
func IsInitials(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= MaxInitialsLen
}

// UndringDeadline is when an undring opened at created must be decided: days calendar
// days later in Europe/Oslo at the same wall-clock time (DefaultUndringDays when days
// is not positive), in UTC.
func UndringDeadline(created time.Time, days int) time.Time {
	if days <= 0 {
		days = DefaultUndringDays
	}
	return InOslo(created).AddDate(0, 0, days).UTC()
}

// Open builds the log for a validated NewLog: an undring at level 0 held by its
// author in unit in.UnitID, with the deadline from the action guide (days, or the
// default when not positive). The ID is the store's to set.
func (in NewLog) Open(municipalityID, authorID string, days int, now time.Time) Log {
	return Log{
		MunicipalityID:  municipalityID,
		Child:           in.Child,
		HolderID:        authorID,
		HolderUnitID:    in.UnitID,
		Level:           LevelUndring,
		Status:          StatusUndring,
		UndringDeadline: UndringDeadline(now, days),
		LevelEnteredAt:  now.UTC(),
		CreatedBy:       authorID,
		CreatedUnitID:   in.UnitID,
		CreatedAt:       now.UTC(),
	}
}

// IsUndring reports whether l has never left level 0: an open undring, or one that
// was closed by its decision. Such a log stays private to its author and leaders.
func (l *Log) IsUndring() bool { return l.Status == StatusUndring || l.Level == LevelUndring }

// errClosed is returned for any change to a closed log.
func errClosed() error { return fault.New(fault.Conflict, "the log is closed") }
