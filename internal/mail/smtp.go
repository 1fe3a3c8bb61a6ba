package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one e-mail, ready to send.
type Message struct {
	To, Subject, Text, HTML string
}

// SMTP sends messages through the server in its Config.
type SMTP struct {
	cfg Config
}

// NewSMTP returns a sender for cfg.
func NewSMTP(cfg Config) *SMTP { return &SMTP{cfg: cfg} }

// sendTimeout bounds one delivery, well inside the outbox lease.
const sendTimeout = 30 * time.Second

// Send delivers m: a multipart/alternative message (text and HTML) over STARTTLS
// (required) or TLS, signed in when the URL has a user.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return &Failure{Permanent: true, Reason: "bad_address", err: err}
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(sendTimeout)}
	if s.cfg.SSL {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.TLS != nil {
		opts = append(opts, gomail.WithTLSConfig(s.cfg.TLS))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("mail: client: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return classify(err)
	}
	return nil
}

// Failure is a send that failed: Permanent when the server refused the recipient
// for good (a 5xx answer to RCPT TO), with Reason a short code for the administrator
// that never repeats the server's text (which may echo the address).
type Failure struct {
	Permanent bool
	Reason    string
	err       error
}

func (f *Failure) Error() string { return "mail: " + f.Reason + ": " + f.err.Error() }
func (f *Failure) Unwrap() error { return f.err }

func classify(err error) error {
	var se *gomail.SendError
	if errors.As(err, &se) {
		reason := "smtp"
		if code := se.ErrorCode(); code != 0 {
			reason = fmt.Sprintf("smtp_%d", code)
		}
		return &Failure{Permanent: se.Reason == gomail.ErrSMTPRcptTo && !se.IsTemp(), Reason: reason, err: err}
	}
	return &Failure{Reason: "unreachable", err: err}
}
