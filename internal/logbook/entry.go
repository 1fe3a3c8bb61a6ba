package logbook

import (
	"slices"
	"strings"
	"time"

	"stafett/internal/fault"
)

// Entry is one append-only entry in a log. A correction is a new Entry with Version
// one higher whose Amends names the version it replaces. The kind-specific fields are
// zero for kinds that do not use them.
type Entry struct {
	ID         string     `json:"id"`
	LogID      string     `json:"log_id"`
	Kind       Kind       `json:"kind"`
	AuthorID   string     `json:"author_id"`
	AuthorRole AuthorRole `json:"author_role"`
	CreatedAt  time.Time  `json:"created_at"`
	Text       string     `json:"text"`
	Version    int        `json:"version"`
	Amends     string     `json:"amends"`

	// measure
	Goal              string `json:"goal,omitempty"`
	ResponsibleUserID string `json:"responsible_user_id,omitempty"`
	StartDate         Date   `json:"start_date,omitempty"`
	EvaluateBy        Date   `json:"evaluate_by,omitempty"`
	CatalogServiceID  string `json:"catalog_service_id,omitempty"`
	// evaluation
	MeasureID string  `json:"measure_id,omitempty"`
	Outcome   Outcome `json:"outcome,omitempty"`
	// meeting
	HeldAt    time.Time `json:"held_at,omitzero"`
	Attendees []string  `json:"attendees,omitempty"`
	Decisions string    `json:"decisions,omitempty"`

	// Event is what a system entry records; nil on the entries people write.
	Event *Event `json:"event,omitempty"`
}

// Limits on entry fields.
const (
	MaxEntryTextLen = 20000
	MaxGoalLen      = 2000
	MaxAttendees    = 50
	MaxAttendeeLen  = 200
	MaxIDLen        = 100
)

// NewEntry is the input for a new entry or a new version of one, as in
// POST /api/v1/logs/{id}/entries. Field names are the JSON names of API.md.
type NewEntry struct {
	Kind              Kind      `json:"kind"`
	Text              string    `json:"text"`
	Goal              string    `json:"goal"`
	ResponsibleUserID string    `json:"responsible_user_id"`
	StartDate         Date      `json:"start_date"`
	EvaluateBy        Date      `json:"evaluate_by"`
	CatalogServiceID  string    `json:"catalog_service_id"`
	MeasureID         string    `json:"measure_id"`
	Outcome           Outcome   `json:"outcome"`
	HeldAt            time.Time `json:"held_at"`
	Attendees         []string  `json:"attendees"`
	Decisions         string    `json:"decisions"`
}

// Validate checks the input for its kind and clears the fields the kind does not use,
// so that stray fields are ignored rather than stored. System kinds are refused
// (kind: not_allowed). The caller checks that ids name existing things: the
// responsible user, the catalog service and, for an evaluation, a measure in the
// same log.
func (in *NewEntry) Validate() error {
	var f fault.Fields
	switch {
	case in.Kind == "":
		f.Add("kind", fault.FieldRequired)
		return f.Err()
	case in.Kind.IsSystem():
		f.Add("kind", fault.FieldNotAllow)
		return f.Err()
	case !in.Kind.IsUser():
		f.Add("kind", fault.FieldInvalid)
		return f.Err()
	}
	in.clearUnused()
	f.Text("text", in.Text, MaxEntryTextLen)
	switch in.Kind {
	case KindMeasure:
		in.validateMeasure(&f)
	case KindEvaluation:
		in.MeasureID = strings.TrimSpace(in.MeasureID)
		checkID(&f, "measure_id", in.MeasureID)
		switch {
		case in.Outcome == "":
			f.Add("outcome", fault.FieldRequired)
		case !in.Outcome.Valid():
			f.Add("outcome", fault.FieldInvalid)
		}
	case KindMeeting:
		in.validateMeeting(&f)
	}
	return f.Err()
}

func (in *NewEntry) validateMeasure(f *fault.Fields) {
	f.Text("goal", in.Goal, MaxGoalLen)
	in.ResponsibleUserID = strings.TrimSpace(in.ResponsibleUserID)
	checkID(f, "responsible_user_id", in.ResponsibleUserID)
	checkDate(f, "start_date", in.StartDate)
	checkDate(f, "evaluate_by", in.EvaluateBy)
	if in.StartDate.Valid() && in.EvaluateBy.Valid() && in.EvaluateBy < in.StartDate {
		f.Add("evaluate_by", fault.FieldRange)
	}
	in.CatalogServiceID = strings.TrimSpace(in.CatalogServiceID)
	if len(in.CatalogServiceID) > MaxIDLen {
		f.Add("catalog_service_id", fault.FieldTooLong)
	}
}

// earliestMeeting and latestMeeting bound held_at to catch typing errors and zero
// values without needing a clock: meetings may be planned ahead.
var (
	earliestMeeting = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	latestMeeting   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

func (in *NewEntry) validateMeeting(f *fault.Fields) {
	switch {
	case in.HeldAt.IsZero():
		f.Add("held_at", fault.FieldRequired)
	case in.HeldAt.Before(earliestMeeting) || !in.HeldAt.Before(latestMeeting):
		f.Add("held_at", fault.FieldRange)
	}
	in.HeldAt = in.HeldAt.UTC()
	in.Attendees = slices.Clone(in.Attendees) // trimming must not write into the caller's slice
	for i, a := range in.Attendees {
		in.Attendees[i] = strings.TrimSpace(a)
	}
	switch {
	case len(in.Attendees) == 0:
		f.Add("attendees", fault.FieldRequired)
	case len(in.Attendees) > MaxAttendees:
		f.Add("attendees", fault.FieldTooLong)
	}
	for _, a := range in.Attendees {
		switch {
		case a == "":
			f.Add("attendees", fault.FieldInvalid)
		case len([]rune(a)) > MaxAttendeeLen:
			f.Add("attendees", fault.FieldTooLong)
		}
	}
	f.OptionalText("decisions", in.Decisions, MaxEntryTextLen)
}

// clearUnused zeroes the fields that in.Kind does not use.
func (in *NewEntry) clearUnused() {
	if in.Kind != KindMeasure {
		in.Goal, in.ResponsibleUserID, in.StartDate, in.EvaluateBy, in.CatalogServiceID = "", "", "", "", ""
	}
	if in.Kind != KindEvaluation {
		in.MeasureID, in.Outcome = "", ""
	}
	if in.Kind != KindMeeting {
		in.HeldAt, in.Attendees, in.Decisions = time.Time{}, nil, ""
	}
}

func checkID(f *fault.Fields, field, id string) {
	switch {
	case id == "":
		f.Add(field, fault.FieldRequired)
	case len(id) > MaxIDLen:
		f.Add(field, fault.FieldTooLong)
	}
}

func checkDate(f *fault.Fields, field string, d Date) {
	switch {
	case d.IsZero():
		f.Add(field, fault.FieldRequired)
	case !d.Valid():
		f.Add(field, fault.FieldFormat)
	}
}

// Build validates in and returns version 1 of the entry in log logID by author at
// now. Guardians and youth may post only GuardianKinds (forbidden otherwise; the
// access policy has normally said so already). The ID is the store's to set.
func (in NewEntry) Build(logID string, author Author, now time.Time) (Entry, error) {
	if err := in.Validate(); err != nil {
		return Entry{}, err
	}
	if author.Role.IsFamily() && !in.Kind.GuardianMayPost() {
		return Entry{}, fault.New(fault.Forbidden, "guardians and youth may post notes and bright spots only")
	}
	return in.entry(logID, author, now), nil
}

func (in NewEntry) entry(logID string, author Author, now time.Time) Entry {
	role := author.Role
	if role == "" {
		role = AuthorStaff
	}
	return Entry{
		LogID: logID, Kind: in.Kind, AuthorID: author.UserID, AuthorRole: role,
		CreatedAt: now.UTC(), Text: in.Text, Version: 1,
		Goal: in.Goal, ResponsibleUserID: in.ResponsibleUserID, StartDate: in.StartDate,
		EvaluateBy: in.EvaluateBy, CatalogServiceID: in.CatalogServiceID,
		MeasureID: in.MeasureID, Outcome: in.Outcome,
		HeldAt: in.HeldAt, Attendees: in.Attendees, Decisions: in.Decisions,
	}
}

// SystemEntry returns the entry Stafett writes for event ev, under the system kind
// the event belongs to (EventKind.EntryKind). text is only what a person typed with
// the event (a level change's reason, a closing text, a step's note), never a
// sentence of Stafett's own. It panics on an event kind with no entry kind: that
// is a programming error.
func SystemEntry(logID string, author Author, ev Event, text string, now time.Time) Entry {
	k, ok := ev.Kind.EntryKind()
	if !ok {
		panic("logbook: SystemEntry with event kind " + string(ev.Kind))
	}
	e := NewEntry{Kind: k, Text: text}.entry(logID, author, now)
	ev.UnitIDs = slices.Clone(ev.UnitIDs) // the entry must not share the caller's slice
	e.Event = &ev
	return e
}
