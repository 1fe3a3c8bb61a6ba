// Package notify holds the rules of notifications (varsler): their kinds, when each
// reminder is due and to whom, the key that makes each one happen once, how a failed
// e-mail is tried again, and the sentence each kind is shown as, in the reader's
// language. The store records only facts (kind, object, due date, unit); the
// sentences are made here when a notification is shown or mailed, and they never name
// the child or quote the log.
package notify

import (
	"time"

	"stafett/internal/logbook"
)

// Kind is what a notification is about (shared/API.md, Notifications).
type Kind string

// The kinds of notification.
const (
	TransferProposed  Kind = "transfer_proposed"
	TransferPending   Kind = "transfer_pending"
	EvaluationDue     Kind = "evaluation_due"
	EvaluationOverdue Kind = "evaluation_overdue"
	UndringDeadline   Kind = "undring_deadline"
	ConsentExpiring   Kind = "consent_expiring"
	EntryAdded        Kind = "entry_added"
	GuardianEntry     Kind = "guardian_entry"
	MeetingPlanned    Kind = "meeting_planned"
)

// Kinds lists every kind, in the order of API.md.
var Kinds = []Kind{TransferProposed, TransferPending, EvaluationDue, EvaluationOverdue,
	UndringDeadline, ConsentExpiring, EntryAdded, GuardianEntry, MeetingPlanned}

// How far ahead of (or after) its deadline each reminder is made.
const (
	EvaluationLeadDays  = 7  // evaluation_due: 7 days before evaluate_by
	UndringLeadDays     = 3  // undring_deadline: 3 days before the decision deadline
	ConsentLeadDays     = 30 // consent_expiring: 30 days before the consent expires
	TransferWaitDays    = 7  // transfer_pending: a transfer unanswered for 7 days
	DefaultScanInterval = 15 * time.Minute
)

// Notice is one notification for one person. Its key (Kind, ObjectID, Due, UserID)
// is unique: the same reminder found again, by a later scan or another server, is
// the same notice and is not made twice. Due is the deadline the notice is about (or
// the day of the event), so a moved deadline is a new notice and the old one lapses.
type Notice struct {
	UserID   string
	Kind     Kind
	ObjectID string       // the transfer, measure, log, consent or entry
	Due      logbook.Date // the deadline it is about, or the day of the event
	LogID    string
	UnitID   string // the unit the notice names
}

// Digest is how a person wants their e-mail: each notice at once, or one a day.
type Digest string

// The digest choices.
const (
	Immediate Digest = "immediate"
	Daily     Digest = "daily"
)

// Valid reports whether d is one of the choices.
func (d Digest) Valid() bool { return d == Immediate || d == Daily }

// DigestHour is the hour (Europe/Oslo) the daily digest is sent.
const DigestHour = 7

// SendAt is when a notice made at now is mailed to a person who chose d: at once, or
// at the next DigestHour in Europe/Oslo.
func SendAt(d Digest, now time.Time) time.Time {
	if d != Daily {
		return now
	}
	t := logbook.InOslo(now)
	at := time.Date(t.Year(), t.Month(), t.Day(), DigestHour, 0, 0, 0, t.Location())
	if !at.After(t) {
		at = time.Date(t.Year(), t.Month(), t.Day()+1, DigestHour, 0, 0, 0, t.Location())
	}
	return at.UTC()
}

// MaxAttempts is how many times a mail is tried before its address counts as failing.
const MaxAttempts = 8

// Backoff is how long to wait after the attempts-th failed try: a minute, doubling,
// at most six hours.
func Backoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// AddDays returns d moved by n days ("" for an invalid d).
func AddDays(d logbook.Date, n int) logbook.Date {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	return logbook.Date(t.AddDate(0, 0, n).Format(logbook.DateLayout))
}

// Mail is one e-mail to send: the outbox rows it carries, the address, the reader's
// language and the notices, one at once or several in a digest.
type Mail struct {
	OutboxIDs []string
	UserID    string
	To        string
	Lang      string
	Items     []Item
	// Invite, when set, makes this an invitation to sign in instead of notices.
	Invite *Invite
}

// InviteKind is how an invited person signs in.
type InviteKind string

// The kinds of invitation.
const (
	InvitePassword InviteKind = "password" // a one-time link to set a password
	InviteIDPorten InviteKind = "idporten" // a pointer to sign in with ID-porten
)

// InviteHours is how long a set-password link is valid.
const InviteHours = 72

// Invite is an invitation as mailed: its kind, the one-time token (password only)
// and when the link stops working.
type Invite struct {
	Kind    InviteKind
	Token   string
	Expires time.Time
}
