package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// ParticipantAccess is what a participant (aktør) may do in a log.
type ParticipantAccess string

// The participant access levels: read the log, or also add notes and entries.
const (
	ParticipantRead  ParticipantAccess = "read"
	ParticipantWrite ParticipantAccess = "write"
)

// Participant is an employee added to a log by its holder. Their access lasts only
// while their unit is covered by a valid consent.
type Participant struct {
	LogID   string            `json:"log_id"`
	UserID  string            `json:"user_id"`
	UnitID  string            `json:"unit_id"`
	Access  ParticipantAccess `json:"access"`
	AddedAt time.Time         `json:"added_at"`
	AddedBy string            `json:"added_by"`
}

// NewParticipant is the input for adding a participant, as in
// POST /api/v1/logs/{id}/participants.
type NewParticipant struct {
	UserID string            `json:"user_id"`
	Access ParticipantAccess `json:"access"`
}

// Validate checks the input for a log held by holderID. Field codes: user_id
// (required, invalid for the holder, who needs no participation), access (required,
// invalid).
func (in *NewParticipant) Validate(holderID string) error {
	var f fault.Fields
	in.UserID = strings.TrimSpace(in.UserID)
	checkID(&f, "user_id", in.UserID)
	if in.UserID != "" && in.UserID == holderID {
		f.Add("user_id", fault.FieldInvalid)
	}
	switch in.Access {
	case "":
		f.Add("access", fault.FieldRequired)
	case ParticipantRead, ParticipantWrite:
	default:
		f.Add("access", fault.FieldInvalid)
	}
	return f.Err()
}

// Add validates in and returns the participant for log l in unitID (the store resolves
// the user's unit), added by actorID at now. The unit must be covered by a valid
// consent: covered is CoveredUnits of the log now (consent: missing otherwise). An
// undring has no participants: it is private to its author until activated.
func (in NewParticipant) Add(l *Log, unitID string, covered map[string]bool, actorID string, now time.Time) (Participant, error) {
	switch l.Status {
	case StatusClosed:
		return Participant{}, errClosed()
	case StatusUndring:
		return Participant{}, fault.New(fault.Conflict, "an undring has no participants")
	}
	if err := in.Validate(l.HolderID); err != nil {
		return Participant{}, err
	}
	if err := RequireCoverage(covered, unitID); err != nil {
		return Participant{}, err
	}
	return Participant{LogID: l.ID, UserID: in.UserID, UnitID: unitID, Access: in.Access, AddedAt: now.UTC(), AddedBy: actorID}, nil
}
