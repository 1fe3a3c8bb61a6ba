package mail

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"stafett/internal/notify"
)

// Queue is what the worker needs of the store: the outbox and the reminder scan.
type Queue interface {
	ClaimMail(ctx context.Context, limit int, lease time.Duration) ([]notify.Mail, error)
	MailSent(ctx context.Context, ids []string) error
	MailFailed(ctx context.Context, ids []string, permanent bool, reason string) error
	MailDropped(ctx context.Context, ids []string) error
	ScanReminders(ctx context.Context) (int, error)
}

// Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Worker drains the mail outbox and makes due reminders. With no Sender (no SMTP
// configured) it still makes reminders, in the app only, and drops their mail.
type Worker struct {
	Queue   Queue
	Sender  Sender
	BaseURL string
	Log     *slog.Logger
	// ScanEvery is how often due reminders are looked for (STAFETT_REMINDER_INTERVAL);
	// PollEvery how often the outbox is looked at.
	ScanEvery, PollEvery time.Duration
}

// Lease is how long a claimed mail is the claimant's before another may take it.
const Lease = 5 * time.Minute

// batch is how many outbox rows one pass claims.
const batch = 50

// Flush sends every mail that is due now and returns how many were sent. A failed
// send is recorded for a later try (or as failing for good); it never stops the rest.
func (w *Worker) Flush(ctx context.Context) (int, error) {
	sent := 0
	for {
		mails, err := w.Queue.ClaimMail(ctx, batch, Lease)
		if err != nil || len(mails) == 0 {
			return sent, err
		}
		for _, m := range mails {
			if w.Sender == nil {
				if err := w.Queue.MailDropped(ctx, m.OutboxIDs); err != nil {
					return sent, err
				}
				continue
			}
			if err := w.Sender.Send(ctx, Compose(m, w.BaseURL)); err != nil {
				var f *Failure
				permanent, reason := false, "error"
				if errors.As(err, &f) {
					permanent, reason = f.Permanent, f.Reason
				}
				w.log().Warn("mail not sent", "reason", reason, "permanent", permanent, "notices", len(m.Items))
				if err := w.Queue.MailFailed(ctx, m.OutboxIDs, permanent, reason); err != nil {
					return sent, err
				}
				continue
			}
			if err := w.Queue.MailSent(ctx, m.OutboxIDs); err != nil {
				return sent, err
			}
			sent++
		}
		if len(mails) < batch {
			return sent, nil
		}
	}
}

// Run scans for reminders every ScanEvery and flushes the outbox every PollEvery,
// until ctx ends. Errors are logged and the loop goes on: a database that is busy
// or full now is tried again on the next tick.
func (w *Worker) Run(ctx context.Context) {
	scan := time.NewTicker(w.ScanEvery)
	defer scan.Stop()
	poll := time.NewTicker(w.PollEvery)
	defer poll.Stop()
	w.scan(ctx)
	for {
		w.flush(ctx)
		select {
		case <-ctx.Done():
			return
		case <-scan.C:
			w.scan(ctx)
		case <-poll.C:
		}
	}
}

func (w *Worker) scan(ctx context.Context) {
	if _, err := w.Queue.ScanReminders(ctx); err != nil && ctx.Err() == nil {
		w.log().Error("reminder scan failed", "err", err)
	}
}

func (w *Worker) flush(ctx context.Context) {
	if n, err := w.Flush(ctx); err != nil && ctx.Err() == nil {
		w.log().Error("mail outbox failed", "err", err, "sent", n)
	}
}

func (w *Worker) log() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}
