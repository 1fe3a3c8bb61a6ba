package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"stafett/internal/mail"
	"stafett/internal/notify"
	"stafett/internal/store"
)

// notifySettings are the notification settings of serve: where mail goes
// (STAFETT_SMTP_URL, STAFETT_MAIL_FROM; nil: in the app only) and how often due
// reminders are looked for (STAFETT_REMINDER_INTERVAL).
type notifySettings struct {
	smtp     *mail.Config
	interval time.Duration
}

// loadNotify reads the notification settings; a malformed one stops the start.
func loadNotify(getenv func(string) string) (notifySettings, error) {
	var s notifySettings
	var err error
	if s.smtp, err = mail.ParseConfig(getenv("STAFETT_SMTP_URL"), getenv("STAFETT_MAIL_FROM")); err != nil {
		return s, fmt.Errorf("config: %w", err)
	}
	s.interval = notify.DefaultScanInterval
	if v := getenv("STAFETT_REMINDER_INTERVAL"); v != "" {
		if s.interval, err = time.ParseDuration(v); err != nil || s.interval < time.Second {
			return s, fmt.Errorf("config: STAFETT_REMINDER_INTERVAL: %q is not a duration of at least 1s (e.g. 15m)", v)
		}
	}
	return s, nil
}

// mailPoll is how often the outbox is looked at for mail to send.
const mailPoll = 10 * time.Second

// startNotifier starts the worker that makes due reminders and sends their mail, and
// returns a function that stops it and waits. Without SMTP it says so once: then
// notifications are in the app only.
func startNotifier(ctx context.Context, db *store.DB, s notifySettings, baseURL string, log *slog.Logger) func() {
	w := &mail.Worker{Queue: db, BaseURL: baseURL, Log: log, ScanEvery: s.interval, PollEvery: min(mailPoll, s.interval)}
	if s.smtp != nil {
		w.Sender = mail.NewSMTP(*s.smtp)
		log.Info("e-mail notifications on", "smtp_host", s.smtp.Host, "smtp_port", s.smtp.Port, "reminder_interval", s.interval)
	} else {
		log.Info("e-mail notifications off: STAFETT_SMTP_URL is not set, notifications stay in the app", "reminder_interval", s.interval)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}
