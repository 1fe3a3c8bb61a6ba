package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// Change is one corrected value, as a correction entry keeps it: the field
// (child.name, child.initials, child.birth_date, evaluate_by) with its old and its new
// value.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// The fields a correction changes.
const (
	FieldChildName      = "child.name"
	FieldChildInitials  = "child.initials"
	FieldChildBirthDate = "child.birth_date"
	FieldEvaluateBy     = "evaluate_by"
)

// ChildCorrection is the input of PATCH /api/v1/logs/{id}/child: the fields given are
// corrected, the others kept.
type ChildCorrection struct {
	Name      *string `json:"name"`
	Initials  *string `json:"initials"`
	BirthDate *Date   `json:"birth_date"`
}

// Correct returns child c corrected by in at now and what changed. The result is
// validated as a new log's child is (field codes child.name, child.initials,
// child.birth_date); a correction that changes nothing is refused (child: required),
// so the log never gets an empty correction entry.
func (in ChildCorrection) Correct(c Child, now time.Time) (Child, []Change, error) {
	next := c
	if in.Name != nil {
		next.Name = strings.TrimSpace(*in.Name)
	}
	if in.Initials != nil {
		next.Initials = NormalizeInitials(*in.Initials)
	}
	if in.BirthDate != nil {
		next.BirthDate = Date(strings.TrimSpace(string(*in.BirthDate)))
	}
	var f fault.Fields
	switch {
	case next.Name == "" && next.Initials == "":
		f.Add(FieldChildName, fault.FieldRequired)
	case len([]rune(next.Name)) > MaxChildNameLen:
		f.Add(FieldChildName, fault.FieldTooLong)
	default:
		f.OptionalText(FieldChildName, next.Name, MaxChildNameLen)
	}
	if next.Initials != "" && !IsInitials(next.Initials) {
		f.Add(FieldChildInitials, fault.FieldFormat)
	}
	if next.BirthDate != c.BirthDate {
		validateBirthDate(&f, FieldChildBirthDate, next.BirthDate, now)
	}
	if err := f.Err(); err != nil {
		return c, nil, err
	}
	var changes []Change
	add := func(field, old, new string) {
		if old != new {
			changes = append(changes, Change{Field: field, Old: old, New: new})
		}
	}
	add(FieldChildName, c.Name, next.Name)
	add(FieldChildInitials, c.Initials, next.Initials)
	add(FieldChildBirthDate, string(c.BirthDate), string(next.BirthDate))
	if len(changes) == 0 {
		return c, nil, fault.Validation("child", fault.FieldRequired)
	}
	return next, changes, nil
}

// MaxMoveReasonLen limits the reason given for moving a measure's evaluation date.
const MaxMoveReasonLen = 2000

// MoveEvaluation returns the next version of measure m with its evaluation date
// moved to to, by author at now, and the change to record with reason (required:
// the log says why the date moved). The measure keeps its text, goal, responsible
// person and start; the new date may not be before the start (evaluate_by: range)
// nor the same date (evaluate_by: required). m must be the latest version of a
// measure (kind: not_allowed otherwise).
func MoveEvaluation(m Entry, to Date, reason string, author Author, now time.Time) (Entry, Change, error) {
	if m.Kind != KindMeasure {
		return Entry{}, Change{}, fault.Validation("kind", fault.FieldNotAllow)
	}
	var f fault.Fields
	to = Date(strings.TrimSpace(string(to)))
	checkDate(&f, FieldEvaluateBy, to)
	switch {
	case !to.Valid():
	case to == m.EvaluateBy:
		f.Add(FieldEvaluateBy, fault.FieldRequired)
	case m.StartDate.Valid() && to < m.StartDate:
		f.Add(FieldEvaluateBy, fault.FieldRange)
	}
	f.Text("reason", reason, MaxMoveReasonLen)
	if err := f.Err(); err != nil {
		return Entry{}, Change{}, err
	}
	next := m
	next.ID, next.AuthorID, next.AuthorRole, next.CreatedAt = "", author.UserID, author.Role, now.UTC()
	next.Version, next.Amends, next.EvaluateBy, next.Event = m.Version+1, m.ID, to, nil
	return next, Change{Field: FieldEvaluateBy, Old: string(m.EvaluateBy), New: string(to)}, nil
}
