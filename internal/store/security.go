package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"stafett/internal/audit"
	"stafett/internal/fault"
)

// SecurityKind names what happened to an account.
type SecurityKind string

// Security events, shown to the person concerned and kept in the audit chain as
// "security.<kind>".
const (
	SecSignIn           SecurityKind = "signin"             // detail: how ("password", a provider name)
	SecSignInFailed     SecurityKind = "signin_failed"      // detail: why ("password", "totp", "acr")
	SecSignOut          SecurityKind = "signout"            // the person signed out
	SecSessionEnded     SecurityKind = "session_ended"      // the person ended another session
	SecMFAEnrolled      SecurityKind = "mfa_enrolled"       // a second factor was set up
	SecMFADisabled      SecurityKind = "mfa_disabled"       // the second factor was removed
	SecRecoveryCodes    SecurityKind = "recovery_codes"     // new recovery codes were made
	SecRecoveryCodeUsed SecurityKind = "recovery_code_used" // a recovery code was used to sign in
	SecRoleGranted      SecurityKind = "role_granted"       // detail: the role
	SecRoleRevoked      SecurityKind = "role_revoked"       // detail: the role
	SecDeactivated      SecurityKind = "deactivated"        // every session ended with it
	SecActivated        SecurityKind = "activated"
	SecPasswordSet      SecurityKind = "password_set" // through an invitation link
)

// SecurityEvent is one thing that happened to user UserID's account, done by ActorID
// (the person themselves, an administrator, or "" for Stafett).
type SecurityEvent struct {
	At      time.Time
	UserID  string
	ActorID string
	Kind    SecurityKind
	Detail  string
}

// recordSecurity writes ev in tx, with its audit record in the chain.
func recordSecurity(ctx context.Context, tx *tx, ev SecurityEvent) error {
	ev.At = tx.now
	if _, err := tx.exec(ctx, `INSERT INTO security_events (user_id, at, kind, actor_id, detail) VALUES (?, ?, ?, ?, ?)`,
		ev.UserID, ev.At, string(ev.Kind), ev.ActorID, ev.Detail); err != nil {
		return err
	}
	actor := ev.ActorID
	if actor == "" {
		actor = ev.UserID
	}
	detail := "user=" + ev.UserID
	if ev.Detail != "" {
		detail += " " + ev.Detail
	}
	return appendAudit(ctx, tx, &audit.Event{ActorID: actor, Action: audit.Action("security." + ev.Kind), Detail: detail})
}

// RecordSecurity stores ev on its own, for events that change nothing else (a failed
// sign-in).
func (db *DB) RecordSecurity(ctx context.Context, ev SecurityEvent) error {
	return db.update(ctx, func(tx *tx) error { return recordSecurity(ctx, tx, ev) })
}

// SecurityEvents returns user uid's newest events, at most limit of them.
func (db *DB) SecurityEvents(ctx context.Context, uid string, limit int) ([]SecurityEvent, error) {
	var out []SecurityEvent
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, e *SecurityEvent) error {
			return s.Scan(&e.UserID, timeCol{&e.At}, &e.Kind, &e.ActorID, &e.Detail)
		}, `SELECT user_id, at, kind, actor_id, detail FROM security_events WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?`, uid, limit)
		return err
	})
	return out, err
}

// SessionInfo is one of a person's sessions, as listed to them. ID is derived from
// the token hash, so the list never carries anything that could sign anyone in.
type SessionInfo struct {
	ID         string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	Provider   string // "" for a password sign-in
	Current    bool
}

// SessionID is the public identifier of the session stored under tokenHash.
func SessionID(tokenHash string) string {
	sum := sha256.Sum256([]byte("stafett-session-id:" + tokenHash))
	return hex.EncodeToString(sum[:12])
}

// ListSessions returns user uid's sessions, newest first, marking the one stored
// under currentHash.
func (db *DB) ListSessions(ctx context.Context, uid, currentHash string) ([]SessionInfo, error) {
	type row struct {
		SessionInfo
		hash string
	}
	var rows []row
	err := db.view(ctx, func(tx *tx) (err error) {
		rows, err = queryAll(ctx, tx, func(s scanner, r *row) error {
			return s.Scan(&r.hash, timeCol{&r.CreatedAt}, timeCol{&r.LastSeenAt}, timeCol{&r.ExpiresAt}, &r.Provider)
		}, `SELECT s.token_hash, s.created_at, s.last_seen_at, s.expires_at, COALESCE(p.provider, '')
			FROM sessions s LEFT JOIN session_providers p ON p.token_hash = s.token_hash
			WHERE s.user_id = ? ORDER BY s.created_at DESC`, uid)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]SessionInfo, len(rows))
	for i, r := range rows {
		out[i] = r.SessionInfo
		out[i].ID, out[i].Current = SessionID(r.hash), r.hash == currentHash
	}
	return out, nil
}

// EndSession ends user uid's session with public ID sid; someone else's session, or
// one that has ended, is not found.
func (db *DB) EndSession(ctx context.Context, uid, sid string) error {
	return db.update(ctx, func(tx *tx) error {
		hashes, err := queryAll(ctx, tx, func(s scanner, h *string) error { return s.Scan(h) },
			`SELECT token_hash FROM sessions WHERE user_id = ?`, uid)
		if err != nil {
			return err
		}
		for _, h := range hashes {
			if SessionID(h) == sid {
				if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, h); err != nil {
					return err
				}
				return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecSessionEnded})
			}
		}
		return fault.New(fault.NotFound, "no such session")
	})
}

// SignOut ends the session stored under tokenHash and records it for its owner.
func (db *DB) SignOut(ctx context.Context, tokenHash string) error {
	return db.update(ctx, func(tx *tx) error {
		var uid string
		if err := tx.queryRow(ctx, `SELECT user_id FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&uid); err != nil {
			return notFound(err, "session")
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash); err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecSignOut})
	})
}
