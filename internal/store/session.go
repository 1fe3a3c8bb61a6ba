package store

import (
	"context"
	"time"

	"stafett/internal/fault"
	"stafett/internal/people"
)

// CreateSession stores a new session for user uid under tokenHash, ending at the
// policy's absolute lifetime, and records the sign-in (by method: "password" or an
// identity provider's name) for the person's security page.
func (db *DB) CreateSession(ctx context.Context, uid, tokenHash, method string, p people.SessionPolicy) (*people.Session, error) {
	var s people.Session
	err := db.update(ctx, func(tx *tx) error {
		s = people.Session{TokenHash: tokenHash, UserID: uid, CreatedAt: tx.now, LastSeenAt: tx.now, ExpiresAt: tx.now.Add(p.Absolute)}
		_, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			s.TokenHash, s.UserID, s.CreatedAt, s.LastSeenAt, s.ExpiresAt)
		if err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecSignIn, Detail: method})
	})
	return &s, err
}

// touchEvery bounds how often a session's last-seen time is written, so that reading
// pages does not turn into one write per request.
const touchEvery = time.Minute

// touchInterval is how stale a session's last-seen time may be before a request
// writes it: touchEvery, but never more than a quarter of the idle limit. A session
// used at least once per idle limit then never ends, however short the limit: its
// last-seen time lags its last use by at most idle/4. Long idle limits keep the
// one write a minute per session; short ones (a kiosk's few minutes) pay more writes
// rather than ending a session that is in use.
func touchInterval(p people.SessionPolicy) time.Duration {
	return min(touchEvery, p.Idle/4)
}

// Authenticate returns the principal for tokenHash if the session is alive under p
// and the user active; otherwise an unauthenticated error. Expired sessions are
// deleted.
func (db *DB) Authenticate(ctx context.Context, tokenHash string, p people.SessionPolicy) (*people.Principal, error) {
	var pr people.Principal
	var now time.Time
	err := db.view(ctx, func(tx *tx) error {
		now = tx.now
		s := &pr.Session
		err := tx.queryRow(ctx, `SELECT token_hash, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?`, tokenHash).
			Scan(&s.TokenHash, &s.UserID, timeCol{&s.CreatedAt}, timeCol{&s.LastSeenAt}, timeCol{&s.ExpiresAt})
		if err != nil {
			return notFound(err, "session")
		}
		if err := getUser(ctx, tx, s.UserID, &pr.User); err != nil {
			return err
		}
		if pr.Roles, err = listRoles(ctx, tx, s.UserID); err != nil {
			return err
		}
		pr.SecondFactor, err = secondFactor(ctx, tx, s.UserID, tokenHash)
		return err
	})
	if fault.Is(err, fault.NotFound) {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	if err != nil {
		return nil, err
	}
	if !p.Alive(&pr.Session, now) || !pr.User.Active {
		_ = db.DeleteSession(ctx, tokenHash)
		return nil, fault.New(fault.Unauthenticated, "the session has ended; sign in again")
	}
	if now.Sub(pr.Session.LastSeenAt) >= touchInterval(p) {
		err := db.update(ctx, func(tx *tx) error {
			_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, tx.now, tokenHash)
			return err
		})
		if err != nil {
			return nil, err
		}
		pr.Session.LastSeenAt = now
	}
	return &pr, nil
}

// DeleteSession ends the session stored under tokenHash.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

// DeleteUserSessions ends every session of user uid.
func (db *DB) DeleteUserSessions(ctx context.Context, uid string) error {
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, uid)
		return err
	})
}

// secondFactor reports whether the session of user uid under tokenHash proves more
// than a password: the account has two-step verification in force (confirming it
// ends the user's other sessions, so no session from before it gains this), or the
// session came from an identity provider.
func secondFactor(ctx context.Context, tx *tx, uid, tokenHash string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM totp WHERE user_id = ? AND confirmed_at IS NOT NULL)
		+ (SELECT COUNT(*) FROM session_providers WHERE token_hash = ?)`, uid, tokenHash).Scan(&n)
	return n > 0, err
}
