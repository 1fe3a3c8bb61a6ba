package people

import "time"

// Session is a signed-in session. The token itself is never stored; only its hash.
type Session struct {
	TokenHash  string
	UserID     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// SessionPolicy bounds how long a session lives.
type SessionPolicy struct {
	Idle     time.Duration // ends after this long without a request
	Absolute time.Duration // ends this long after sign-in whatever happens
}

// DefaultSessionPolicy is 30 minutes idle and 12 hours in all.
var DefaultSessionPolicy = SessionPolicy{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}

// Alive reports whether s is still valid at now under p.
func (p SessionPolicy) Alive(s *Session, now time.Time) bool {
	return now.Before(s.ExpiresAt) && now.Sub(s.LastSeenAt) < p.Idle
}
