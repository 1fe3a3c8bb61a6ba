package logbook

import (
	"strings"
	"time"

	"stafett/internal/fault"
)

// TransferStatus is where a proposed transfer stands.
type TransferStatus string

// The transfer statuses. Only a pending transfer can be answered or cancelled.
const (
	TransferPending   TransferStatus = "pending"
	TransferAccepted  TransferStatus = "accepted"
	TransferDeclined  TransferStatus = "declined"
	TransferCancelled TransferStatus = "cancelled"
)

// MaxTransferNoteLen bounds the note that goes with a proposed transfer, and the
// reason given for declining one.
const MaxTransferNoteLen = 2000

// ValidateDeclineReason normalises and checks the reason given for declining a
// transfer, shown in the log. It may be empty. Field code: reason (too_long).
func ValidateDeclineReason(reason *string) error {
	var f fault.Fields
	*reason = strings.TrimSpace(*reason)
	f.OptionalText("reason", *reason, MaxTransferNoteLen)
	return f.Err()
}

// Transfer is an overføring: the holder proposes a new holder, and the baton stays with
// the old holder until the new one accepts. When OldHolderLeaves is false the old
// holder stays on as a participant with write access (their unit must still be
// covered by consent), which eases transitions such as kindergarten to school.
type Transfer struct {
	ID              string         `json:"id"`
	LogID           string         `json:"log_id"`
	FromUserID      string         `json:"from_user_id"`
	ToUserID        string         `json:"to_user_id"`
	ToUnitID        string         `json:"to_unit_id"`
	Note            string         `json:"note"`
	Status          TransferStatus `json:"status"`
	ProposedAt      time.Time      `json:"proposed_at"`
	AnsweredAt      *time.Time     `json:"answered_at,omitempty"`
	OldHolderLeaves bool           `json:"old_holder_leaves"`
}

// NewTransfer is the input for a proposed transfer, as in
// POST /api/v1/logs/{id}/transfers.
type NewTransfer struct {
	ToUserID        string `json:"to_user_id"`
	Note            string `json:"note"`
	OldHolderLeaves bool   `json:"old_holder_leaves"`
}

// Validate normalises and checks the input for a log held by holderID. Field codes:
// to_user_id (required, invalid when it is the holder), note (too_long).
func (in *NewTransfer) Validate(holderID string) error {
	var f fault.Fields
	in.ToUserID = strings.TrimSpace(in.ToUserID)
	checkID(&f, "to_user_id", in.ToUserID)
	if in.ToUserID != "" && in.ToUserID == holderID {
		f.Add("to_user_id", fault.FieldInvalid)
	}
	in.Note = strings.TrimSpace(in.Note)
	f.OptionalText("note", in.Note, MaxTransferNoteLen)
	return f.Err()
}

// Propose validates in and returns a pending transfer of l to the user in.ToUserID in
// unit toUnitID (the store resolves the unit). The new unit must be covered by a valid
// consent (consent: missing, see RequireCoverage): covered is CoveredUnits of the log
// now. Only an active log can be transferred: an undring is private to its author
// and has no consent, so it is decided first.
func (in NewTransfer) Propose(l *Log, toUnitID string, covered map[string]bool, now time.Time) (Transfer, error) {
	switch l.Status {
	case StatusClosed:
		return Transfer{}, errClosed()
	case StatusUndring:
		return Transfer{}, fault.New(fault.Conflict, "an undring must be decided before it is transferred")
	}
	if err := in.Validate(l.HolderID); err != nil {
		return Transfer{}, err
	}
	if err := RequireCoverage(covered, toUnitID); err != nil {
		return Transfer{}, err
	}
	return Transfer{
		LogID: l.ID, FromUserID: l.HolderID, ToUserID: in.ToUserID, ToUnitID: toUnitID,
		Note: in.Note, Status: TransferPending, ProposedAt: now.UTC(),
		OldHolderLeaves: in.OldHolderLeaves,
	}, nil
}

// Answer records the proposed holder's answer at now. A transfer that is no longer
// pending (answered or cancelled) answers a conflict, so a second answer is a 409.
func (t *Transfer) Answer(accept bool, now time.Time) error {
	if t.Status != TransferPending {
		return fault.New(fault.Conflict, "the transfer is already %s", t.Status)
	}
	t.Status = TransferDeclined
	if accept {
		t.Status = TransferAccepted
	}
	at := now.UTC()
	t.AnsweredAt = &at
	return nil
}

// Cancel withdraws a pending proposal at now; the holder or a leader does this, and
// the store does it when the log closes.
func (t *Transfer) Cancel(now time.Time) error {
	if t.Status != TransferPending {
		return fault.New(fault.Conflict, "the transfer is already %s", t.Status)
	}
	t.Status = TransferCancelled
	at := now.UTC()
	t.AnsweredAt = &at
	return nil
}

// Apply hands l over to the new holder of an accepted transfer t. The new unit must
// still be covered by valid consent (covered is CoveredUnits of the log now): a
// consent withdrawn or expired since the proposal stops the transfer (consent:
// missing), as it would have stopped the proposal.
func (t *Transfer) Apply(l *Log, covered map[string]bool) error {
	if t.Status != TransferAccepted {
		return fault.New(fault.Conflict, "the transfer is not accepted")
	}
	if l.Status == StatusClosed {
		return errClosed()
	}
	if err := RequireCoverage(covered, t.ToUnitID); err != nil {
		return err
	}
	l.HolderID = t.ToUserID
	l.HolderUnitID = t.ToUnitID
	return nil
}
