// Package audit records who did what to which log, hash-chained so that any change to
// a stored record, or a removed record, is detected by walking the chain.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Action names what an audit record records.
type Action string

// Actions on logs. Reads are audited as well as writes.
const (
	ReadLog           Action = "log.read"
	ReadAccessLog     Action = "access_log.read"
	Export            Action = "log.export"
	CreateLog         Action = "log.create"
	AddEntry          Action = "entry.add"
	AmendEntry        Action = "entry.amend"
	ChangeLevel       Action = "log.level"
	DecideUndring     Action = "undring.decide"
	LinkGuardian      Action = "guardian.link"
	SuspendGuardian   Action = "guardian.suspend"
	UnlinkGuardian    Action = "guardian.unlink"
	LinkYouth         Action = "youth.link"
	SuspendYouth      Action = "youth.suspend"
	UnlinkYouth       Action = "youth.unlink"
	AddParticipant    Action = "participant.add"
	RemoveParticipant Action = "participant.remove"
	RegisterConsent   Action = "consent.register"
	GiveConsent       Action = "consent.give"
	WithdrawConsent   Action = "consent.withdraw"
	ReadConsentFile   Action = "consent_file.read"
	ProposeTransfer   Action = "transfer.propose"
	AcceptTransfer    Action = "transfer.accept"
	DeclineTransfer   Action = "transfer.decline"
	CancelTransfer    Action = "transfer.cancel"
	CloseLog          Action = "log.close"
	MarkStep          Action = "step.done"
)

// Event is one audit record. Seq orders the chain; Hash covers every other field and
// PrevHash, the hash of the record before.
type Event struct {
	Seq            int64     `json:"seq"`
	At             time.Time `json:"at"`
	ActorID        string    `json:"actor_id"`
	Role           string    `json:"role"`
	UnitID         string    `json:"unit_id"`
	MunicipalityID string    `json:"municipality_id"`
	LogID          string    `json:"log_id"`
	Action         Action    `json:"action"`
	Detail         string    `json:"detail"`
	// TargetType and TargetID name what an administrative record is about; both are
	// empty in records of logs and accounts.
	TargetType TargetType `json:"target_type,omitempty"`
	TargetID   string     `json:"target_id,omitempty"`
	PrevHash   string     `json:"prev_hash"`
	Hash       string     `json:"hash"`
}

// timeLayout is the canonical time form inside the hash: UTC, microseconds, as both
// databases store it.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ComputeHash returns the hash of e chained to prev. Fields are length-prefixed, so no
// choice of field values can make two different records hash alike.
func (e *Event) ComputeHash(prev string) string {
	h := sha256.New()
	fields := []string{
		strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(timeLayout), e.ActorID, e.Role, e.UnitID,
		e.MunicipalityID, e.LogID, string(e.Action), e.Detail, prev,
	}
	// The target came later: records without one hash as they always did, so the
	// chains written before it still verify. A record with one hashes two more
	// fields, so taking its target away breaks its hash.
	if e.TargetType != "" || e.TargetID != "" {
		fields = append(fields, string(e.TargetType), e.TargetID)
	}
	for _, f := range fields {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets Seq, PrevHash and Hash for e as the record after (prevSeq, prevHash).
func (e *Event) Seal(prevSeq int64, prevHash string) {
	e.Seq, e.PrevHash = prevSeq+1, prevHash
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = e.ComputeHash(prevHash)
}

// Verifier walks a chain record by record, in Seq order.
type Verifier struct {
	prevSeq  int64
	prevHash string
	Count    int64
}

// Broken describes the first record where the chain does not hold.
type Broken struct {
	Seq    int64
	Reason string
}

func (b *Broken) Error() string {
	return "audit chain broken at record " + strconv.FormatInt(b.Seq, 10) + ": " + b.Reason
}

// Next checks e against the records before it.
func (v *Verifier) Next(e *Event) error {
	var reasons []string
	if e.Seq != v.prevSeq+1 {
		reasons = append(reasons, "sequence gap after "+strconv.FormatInt(v.prevSeq, 10))
	}
	if e.PrevHash != v.prevHash {
		reasons = append(reasons, "previous hash does not match")
	}
	if e.ComputeHash(e.PrevHash) != e.Hash {
		reasons = append(reasons, "content does not match its hash")
	}
	if len(reasons) > 0 {
		return &Broken{Seq: e.Seq, Reason: strings.Join(reasons, "; ")}
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	v.Count++
	return nil
}

// End checks that the chain ends where the recorded head says it does, so that
// records removed from the end are detected too.
func (v *Verifier) End(headSeq int64, headHash string) error {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		return &Broken{Seq: v.prevSeq + 1, Reason: "records missing at the end of the chain (head is " + strconv.FormatInt(headSeq, 10) + ")"}
	}
	return nil
}
