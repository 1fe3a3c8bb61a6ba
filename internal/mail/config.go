// Package mail sends Stafett's e-mail through SMTP (go-mail: STARTTLS or TLS, auth,
// MIME text and HTML) and runs the worker that drains the mail outbox and looks for
// due reminders. A mail names what happened, the unit and a link; it never carries
// a child's name, initials or birth date, nor any text from a log.
package mail

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
)

// Config is where and as whom mail is sent.
type Config struct {
	Host               string
	Port               int
	Username, Password string
	// SSL is TLS from the first byte (smtps://); otherwise STARTTLS is required.
	SSL  bool
	From string
	// TLS, when set, replaces the default TLS settings (tests trust their own CA).
	TLS *tls.Config
}

// ParseConfig reads STAFETT_SMTP_URL (smtp://user:pass@host:port or smtps://…) and
// STAFETT_MAIL_FROM. Both empty is no mail (nil, nil): notifications stay in the app.
// Anything malformed is an error that names the setting, so the server does not start
// with a mail setup that cannot work.
func ParseConfig(rawURL, from string) (*Config, error) {
	if rawURL == "" && from == "" {
		return nil, nil
	}
	if rawURL == "" {
		return nil, errors.New("STAFETT_MAIL_FROM is set but STAFETT_SMTP_URL is not")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("STAFETT_SMTP_URL is not a URL (want smtp://user:pass@host:port or smtps://…)")
	}
	c := &Config{Host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		c.Port = 587
	case "smtps":
		c.Port, c.SSL = 465, true
	default:
		return nil, fmt.Errorf("STAFETT_SMTP_URL: scheme %q is not smtp or smtps", u.Scheme)
	}
	if c.Host == "" {
		return nil, errors.New("STAFETT_SMTP_URL has no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("STAFETT_SMTP_URL: port %q is not a port number", p)
		}
		c.Port = n
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" {
		return nil, errors.New("STAFETT_SMTP_URL takes no path or query")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if from == "" {
		return nil, errors.New("STAFETT_SMTP_URL is set but STAFETT_MAIL_FROM is not")
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("STAFETT_MAIL_FROM is not an e-mail address: %w", err)
	}
	c.From = a.String()
	return c, nil
}
