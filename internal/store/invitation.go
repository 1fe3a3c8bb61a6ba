package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/notify"
	"stafett/internal/people"
)

// inviteTx makes an invitation for user u in tx and queues its mail: a pointer to
// ID-porten when u has a national ID, else a one-time link to set a password, valid
// notify.InviteHours. Earlier invitations of u stop working. A user with a password
// already is not invited.
func inviteTx(ctx context.Context, tx *tx, u *people.User, by string) error {
	if _, err := tx.exec(ctx, `UPDATE invitations SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?`,
		tx.now, u.ID, tx.now); err != nil {
		return err
	}
	kind, token, hash := notify.InviteIDPorten, "", ""
	if u.NationalID == "" {
		kind, token = notify.InvitePassword, newToken()
		hash = TokenHash(token)
	}
	id := newID()
	if _, err := tx.exec(ctx, `INSERT INTO invitations (id, user_id, kind, token_hash, mail_token, created_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, u.ID, string(kind), hash, token, by, tx.now,
		tx.now.Add(notify.InviteHours*time.Hour)); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO mail_outbox (id, invitation_id, user_id, state, next_at, created_at)
		VALUES (?, ?, ?, 'pending', ?, ?)`, newID(), id, u.ID, tx.now, tx.now)
	return err
}

// newToken returns a random one-time token for a link (256 bits, URL-safe).
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenHash is how an invitation token is kept: its SHA-256, hex.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ResendInvitation sends user uid a new invitation (the old link stops working),
// done by p, who must manage the user (as for deactivating). It is audited.
func (db *DB) ResendInvitation(ctx context.Context, p *people.Principal, uid string) error {
	if err := administering(p); err != nil {
		return err
	}
	a := actorOf(p)
	if !access.CanAdministerUsers(a) {
		return fault.New(fault.Forbidden, "only administrators and leaders manage users")
	}
	return db.update(ctx, func(tx *tx) error {
		var u people.User
		in, err := visibleUser(ctx, tx, p, uid, &u)
		if err != nil {
			return err
		}
		if !access.CanManageUser(a, u.HomeMunicipalityID, in) {
			return fault.New(fault.Forbidden, "only administrators invite users")
		}
		if !u.Active {
			return fault.New(fault.Conflict, "the user is deactivated")
		}
		if err := inviteTx(ctx, tx, &u, p.User.ID); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.InviteUser, audit.TargetUser, uid, access.ManagingMunicipality(a, u.HomeMunicipalityID, in), "")
	})
}

// AcceptInvitation sets the password of the person invited by token to
// passwordHash, once: the link is then used. An unknown, used or expired link is
// not found.
func (db *DB) AcceptInvitation(ctx context.Context, token, passwordHash string) (uid string, err error) {
	err = db.update(ctx, func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id
			WHERE i.token_hash = ? AND i.kind = 'password' AND i.used_at IS NULL AND i.expires_at > ? AND u.active`,
			TokenHash(token), tx.now).Scan(&uid)
		if err != nil {
			return notFound(err, "invitation")
		}
		if _, err := tx.exec(ctx, `UPDATE invitations SET used_at = ?, mail_token = '' WHERE token_hash = ?`, tx.now, TokenHash(token)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, uid); err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecPasswordSet})
	})
	return uid, err
}

// ValidInvitation reports whether token is a set-password link that still works.
func (db *DB) ValidInvitation(ctx context.Context, token string) (bool, error) {
	var ok bool
	err := db.view(ctx, func(tx *tx) (err error) {
		ok, err = exists(ctx, tx, `SELECT 1 FROM invitations i JOIN users u ON u.id = i.user_id
			WHERE i.token_hash = ? AND i.kind = 'password' AND i.used_at IS NULL AND i.expires_at > ? AND u.active`,
			TokenHash(token), tx.now)
		return err
	})
	return ok, err
}

// SignInState is what an administrator sees of how a person can sign in.
type SignInState struct {
	SignedIn    bool // has signed in at least once
	HasPassword bool
	NationalID  bool // can sign in through the identity provider
	Invited     bool // was mailed a set-password link that still works
}

// CanSignIn reports whether the person has any way to sign in.
func (s SignInState) CanSignIn() bool { return s.HasPassword || s.NationalID || s.Invited }

// GetSignInState returns how user uid can sign in. The caller has checked that the
// reader may see the user.
func (db *DB) GetSignInState(ctx context.Context, uid string) (SignInState, error) {
	var s SignInState
	err := db.view(ctx, func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT password_hash <> '', COALESCE(national_id, '') <> '' FROM users WHERE id = ?`, uid).
			Scan(&s.HasPassword, &s.NationalID)
		if err != nil {
			return notFound(err, "user")
		}
		if s.SignedIn, err = exists(ctx, tx, `SELECT 1 FROM security_events WHERE user_id = ? AND kind = ?`, uid, string(SecSignIn)); err != nil {
			return err
		}
		// An invitation counts only while its mail is on its way or has gone: one
		// dropped (no SMTP) or refused reached no one.
		s.Invited, err = exists(ctx, tx, `SELECT 1 FROM invitations i JOIN mail_outbox o ON o.invitation_id = i.id
			WHERE i.user_id = ? AND i.kind = 'password' AND i.used_at IS NULL AND i.expires_at > ? AND o.state IN ('pending', 'sent')`, uid, tx.now)
		return err
	})
	return s, err
}
