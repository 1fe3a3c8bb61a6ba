package store

import (
	"context"
	"errors"
	"time"

	"stafett/internal/fault"
	"stafett/internal/people"
)

// LoginStateTTL is how long a pending sign-in waits for the identity provider's
// callback.
const LoginStateTTL = 10 * time.Minute

// LoginState is a pending sign-in through an identity provider: what the callback
// needs to finish it. It is stored under a hash of the OAuth state parameter, so a
// copy of the database does not yield usable states.
type LoginState struct {
	Provider  string
	Nonce     string
	Verifier  string // PKCE code verifier
	ReturnTo  string // local path to go to after sign-in; checked by the caller
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateLoginState stores ls under stateHash, expiring LoginStateTTL from now, and
// sets its times. Expired states are removed in the same transaction, so abandoned
// sign-ins do not pile up.
func (db *DB) CreateLoginState(ctx context.Context, stateHash string, ls *LoginState) error {
	if stateHash == "" || ls.Provider == "" || ls.Nonce == "" || ls.Verifier == "" {
		return errors.New("store: login state needs a state hash, provider, nonce and verifier")
	}
	return db.update(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM login_states WHERE expires_at <= ?`, tx.now); err != nil {
			return err
		}
		ls.CreatedAt, ls.ExpiresAt = tx.now, tx.now.Add(LoginStateTTL)
		_, err := tx.exec(ctx, `INSERT INTO login_states (state_hash, provider, nonce, verifier, return_to, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, stateHash, ls.Provider, ls.Nonce, ls.Verifier, ls.ReturnTo, ls.CreatedAt, ls.ExpiresAt)
		if isUnique(err) {
			return fault.New(fault.Conflict, "sign-in already started")
		}
		return err
	})
}

// TakeLoginState removes and returns the pending sign-in stored under stateHash, in
// one statement, so a state is used at most once even by concurrent callbacks. An
// unknown, already taken or expired state is a not-found error. The caller must
// check that Provider is the provider whose callback this is.
func (db *DB) TakeLoginState(ctx context.Context, stateHash string) (*LoginState, error) {
	var ls LoginState
	var now time.Time
	err := db.update(ctx, func(tx *tx) error {
		now = tx.now
		err := tx.queryRow(ctx, `DELETE FROM login_states WHERE state_hash = ?
			RETURNING provider, nonce, verifier, return_to, created_at, expires_at`, stateHash).
			Scan(&ls.Provider, &ls.Nonce, &ls.Verifier, &ls.ReturnTo, timeCol{&ls.CreatedAt}, timeCol{&ls.ExpiresAt})
		return notFound(err, "sign-in")
	})
	if err != nil {
		return nil, err
	}
	// An expired state is deleted all the same: it is of no further use.
	if !now.Before(ls.ExpiresAt) {
		return nil, fault.New(fault.NotFound, "sign-in not found")
	}
	return &ls, nil
}

// FindUserByNationalID returns the user with national ID nid, active or not: the
// caller decides what an inactive user may do. An empty nid finds no one.
func (db *DB) FindUserByNationalID(ctx context.Context, nid string) (*people.User, error) {
	if nid == "" {
		return nil, fault.New(fault.NotFound, "user not found")
	}
	var u people.User
	err := db.view(ctx, func(tx *tx) error {
		return notFound(scanUser(tx.queryRow(ctx, `SELECT `+userCols+` FROM users WHERE national_id = ?`, nid), &u), "user")
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// SetSessionProvider records that the session under tokenHash was signed in
// through provider, with the ID token that ends the provider's session at
// sign-out. The record goes when the session does.
func (db *DB) SetSessionProvider(ctx context.Context, tokenHash, provider, idToken string) error {
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `INSERT INTO session_providers (token_hash, provider, id_token) VALUES (?, ?, ?)
			ON CONFLICT (token_hash) DO UPDATE SET provider = excluded.provider, id_token = excluded.id_token`,
			tokenHash, provider, idToken)
		if isForeignKey(err) {
			return fault.New(fault.NotFound, "session not found")
		}
		return err
	})
}

// GetSessionProvider returns the provider and ID token of the session under
// tokenHash; not found for a session signed in with a password.
func (db *DB) GetSessionProvider(ctx context.Context, tokenHash string) (provider, idToken string, err error) {
	err = db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT provider, id_token FROM session_providers WHERE token_hash = ?`, tokenHash)
		return notFound(row.Scan(&provider, &idToken), "session provider")
	})
	return provider, idToken, err
}

// TOTPChecker checks a one-time code against a secret at time now and returns the
// time step the code belongs to. Steps up to and including after must be refused,
// so that a code is never accepted twice. auth.TOTP implements it.
type TOTPChecker interface {
	Check(secret, code string, now time.Time, after int64) (step int64, ok bool)
}

// errCode is the answer to a one-time or recovery code that is wrong, expired or
// already used; they are not told apart.
func errCode() error {
	return &fault.Error{Code: fault.Invalid, Message: "the code is not valid", Fields: map[string]string{"code": fault.FieldInvalid}}
}

// BeginTOTP stores secret as user uid's pending TOTP enrolment, replacing any
// earlier pending one. A secret already in force stays in force until the new one
// is confirmed.
func (db *DB) BeginTOTP(ctx context.Context, uid, secret string) error {
	if secret == "" {
		return errors.New("store: empty TOTP secret")
	}
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `INSERT INTO totp (user_id, pending_secret, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret, updated_at = excluded.updated_at`,
			uid, secret, tx.now)
		if isForeignKey(err) {
			return fault.New(fault.NotFound, "user not found")
		}
		return err
	})
}

// PendingTOTP returns user uid's secret awaiting confirmation.
func (db *DB) PendingTOTP(ctx context.Context, uid string) (string, error) {
	var secret string
	err := db.view(ctx, func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT pending_secret FROM totp WHERE user_id = ? AND pending_secret <> ''`, uid).Scan(&secret)
		return notFound(err, "two-step enrolment")
	})
	return secret, err
}

// ConfirmTOTP puts user uid's pending secret in force if code is valid for it,
// replaces the user's recovery codes with recoveryHashes and ends every other
// session of the user than the one under keep (the session confirming it; "" ends
// them all), all at once. A session from before the second factor, perhaps made
// with a stolen password, must not go on as one that has it.
func (db *DB) ConfirmTOTP(ctx context.Context, uid, keep, code string, c TOTPChecker, recoveryHashes []string) error {
	if len(recoveryHashes) == 0 {
		return errors.New("store: confirming TOTP needs recovery codes")
	}
	return db.update(ctx, func(tx *tx) error {
		var pending string
		err := tx.queryRow(ctx, `SELECT pending_secret FROM totp WHERE user_id = ?`, uid).Scan(&pending)
		if err := notFound(err, "two-step enrolment"); err != nil {
			return err
		}
		if pending == "" {
			return fault.New(fault.NotFound, "two-step enrolment not found")
		}
		step, ok := c.Check(pending, code, tx.now, 0)
		if !ok {
			return errCode()
		}
		_, err = tx.exec(ctx, `UPDATE totp SET secret = pending_secret, pending_secret = '', last_step = ?, confirmed_at = ?, updated_at = ?
			WHERE user_id = ?`, step, tx.now, tx.now, uid)
		if err != nil {
			return err
		}
		if err := replaceRecoveryCodes(ctx, tx, uid, recoveryHashes); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, uid, keep); err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecMFAEnrolled})
	})
}

// VerifyTOTP checks code against user uid's TOTP secret in force and records its
// time step, so the same code (or an older one) is refused afterwards.
func (db *DB) VerifyTOTP(ctx context.Context, uid, code string, c TOTPChecker) error {
	return db.update(ctx, func(tx *tx) error {
		var secret string
		var last int64
		err := tx.queryRow(ctx, `SELECT secret, last_step FROM totp WHERE user_id = ? AND confirmed_at IS NOT NULL`, uid).
			Scan(&secret, &last)
		if err != nil {
			return notFound(err, "two-step verification")
		}
		step, ok := c.Check(secret, code, tx.now, last)
		if !ok {
			return errCode()
		}
		// The condition makes a concurrent use of the same code, which read the
		// same last step, change nothing and fail.
		res, err := tx.exec(ctx, `UPDATE totp SET last_step = ? WHERE user_id = ? AND last_step < ?`, step, uid, step)
		if err := mustAffect(res, err)("code"); err != nil {
			if fault.Is(err, fault.NotFound) {
				return errCode()
			}
			return err
		}
		return nil
	})
}

// UseRecoveryCode spends the unused recovery code of user uid with hash codeHash.
func (db *DB) UseRecoveryCode(ctx context.Context, uid, codeHash string) error {
	return db.update(ctx, func(tx *tx) error {
		res, err := tx.exec(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
			tx.now, uid, codeHash)
		if err := mustAffect(res, err)("code"); err != nil {
			if fault.Is(err, fault.NotFound) {
				return errCode()
			}
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecRecoveryCodeUsed})
	})
}

// ReplaceRecoveryCodes gives user uid, who has TOTP in force, a new set of
// recovery codes; the old ones stop working.
func (db *DB) ReplaceRecoveryCodes(ctx context.Context, uid string, hashes []string) error {
	if len(hashes) == 0 {
		return errors.New("store: no recovery codes")
	}
	return db.update(ctx, func(tx *tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM totp WHERE user_id = ? AND confirmed_at IS NOT NULL`, uid).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fault.New(fault.NotFound, "two-step verification not found")
		}
		if err := replaceRecoveryCodes(ctx, tx, uid, hashes); err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: uid, Kind: SecRecoveryCodes})
	})
}

func replaceRecoveryCodes(ctx context.Context, tx *tx, uid string, hashes []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, uid); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := tx.exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)`, uid, h, tx.now); err != nil {
			return err
		}
	}
	return nil
}

// CountRecoveryCodes returns how many unused recovery codes user uid has left.
func (db *DB) CountRecoveryCodes(ctx context.Context, uid string) (int, error) {
	var n int
	err := db.view(ctx, func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, uid).Scan(&n)
	})
	return n, err
}

// TOTPEnabled reports whether user uid has a confirmed TOTP secret in force.
func (db *DB) TOTPEnabled(ctx context.Context, uid string) (bool, error) {
	var n int
	err := db.view(ctx, func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM totp WHERE user_id = ? AND confirmed_at IS NOT NULL`, uid).Scan(&n)
	})
	return n > 0, err
}

// DisableTOTP removes user uid's TOTP secret (in force or pending) and recovery
// codes, done by user by (the person, or an administrator resetting it).
func (db *DB) DisableTOTP(ctx context.Context, by, uid string) error {
	return db.update(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, uid); err != nil {
			return err
		}
		if err := mustAffect(tx.exec(ctx, `DELETE FROM totp WHERE user_id = ?`, uid))("two-step verification"); err != nil {
			return err
		}
		return recordSecurity(ctx, tx, SecurityEvent{UserID: uid, ActorID: by, Kind: SecMFADisabled})
	})
}
