package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// Guardian links a foresatt to a log. Without parental responsibility, or while a
// leader has suspended the link, the guardian sees nothing of the log.
type Guardian struct {
	LogID                  string     `json:"log_id"`
	UserID                 string     `json:"user_id"`
	ParentalResponsibility bool       `json:"parental_responsibility"`
	SuspendedAt            *time.Time `json:"suspended_at,omitempty"`
	SuspendedBy            string     `json:"suspended_by,omitempty"`
	SuspendReason          string     `json:"suspend_reason,omitempty"`
	LinkedAt               time.Time  `json:"linked_at"`
	LinkedBy               string     `json:"linked_by"`
}

// HasAccess reports whether the link gives the guardian access to the log.
func (g *Guardian) HasAccess() bool { return g.ParentalResponsibility && g.SuspendedAt == nil }

// MaxSuspendReasonLen bounds the reason for suspending a guardian.
const MaxSuspendReasonLen = 2000

// Suspend stops the guardian's access at now, by leader actorID with a reason (field
// reason). Suspending a suspended link is a conflict.
func (g *Guardian) Suspend(actorID, reason string, now time.Time) error {
	if g.SuspendedAt != nil {
		return fault.New(fault.Conflict, "the guardian is already suspended")
	}
	reason = strings.TrimSpace(reason)
	var f fault.Fields
	f.Text("reason", reason, MaxSuspendReasonLen)
	if err := f.Err(); err != nil {
		return err
	}
	at := now.UTC()
	g.SuspendedAt, g.SuspendedBy, g.SuspendReason = &at, actorID, reason
	return nil
}

// UnlinkReason checks the reason for unlinking a guardian or the young person from a
// log (field reason) and returns it trimmed: it is required, as a suspension's is.
func UnlinkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	var f fault.Fields
	f.Text("reason", reason, MaxSuspendReasonLen)
	return reason, f.Err()
}
