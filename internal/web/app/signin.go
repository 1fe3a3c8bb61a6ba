package app

import (
	"errors"
	"net/http"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"strings"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "stafett_session"

// RequestToken returns the session token from the Authorization header or the
// session cookie.
func RequestToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		if t, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(t)
		}
		return ""
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// NeedsTOTP reports whether p must use a second factor: administrators, whose
// pages reach every user (people.Roles.Administers; access.Administer enforces it).
func NeedsTOTP(p *people.Principal) bool { return p.Roles.Administers() }

// MethodPassword names a sign-in with e-mail and password in the security events.
const MethodPassword = "password"

// ErrBadCredentials is the one answer for an unknown e-mail, a wrong password and an
// inactive account, so the answer reveals nothing about which it was.
var ErrBadCredentials = fault.New(fault.Unauthenticated, "wrong e-mail or password")

// checkPassword returns the active user with email and password, within the
// sign-in rate limits: an attempt over a limit is refused (rate_limited) before
// any password is checked, and only failures, counted after the check, count
// towards the per-account and per-address limits.
func (s *App) CheckPassword(r *http.Request, email, password string) (*people.User, error) {
	if err := s.CheckSignIn(r, email, true); err != nil {
		return nil, err
	}
	user, err := s.VerifyPassword(r, email, password)
	if ferr := s.FailedSignIn(r, email, err); ferr != nil {
		return nil, ferr
	}
	return user, err
}

// ErrCodeNeeded answers a right password from someone with two-step verification
// on who sent no code.
var ErrCodeNeeded = &fault.Error{Code: fault.Unauthenticated, Message: "a code from the authenticator app is needed",
	Fields: map[string]string{"totp": fault.FieldRequired}}

// ErrBadCode answers a wrong, used or expired one-time or recovery code.
var ErrBadCode = &fault.Error{Code: fault.Unauthenticated, Message: "wrong code", Fields: map[string]string{"totp": fault.FieldInvalid}}

// checkSecondFactor checks code for user, who has given the right password, when
// they have two-step verification on: a time-based code from their app, or one of
// their recovery codes. A wrong code counts as a failed sign-in. ownRequest says
// whether the code came in a request of its own (the code page) rather than with
// the password, which has already counted the request against the global cap.
func (s *App) CheckSecondFactor(r *http.Request, user *people.User, code string, ownRequest bool) error {
	ctx := r.Context()
	on, err := s.DB.TOTPEnabled(ctx, user.ID)
	if err != nil || !on {
		return err
	}
	if strings.TrimSpace(code) == "" {
		return ErrCodeNeeded
	}
	if err := s.CheckSignIn(r, user.Email, ownRequest); err != nil {
		return err
	}
	if len(code) > 64 {
		err = ErrBadCode
	} else if err = s.DB.VerifyTOTP(ctx, user.ID, code, s.TOTP); fault.Is(err, fault.Invalid) {
		if err = s.DB.UseRecoveryCode(ctx, user.ID, auth.HashRecoveryCode(code)); fault.Is(err, fault.Invalid) {
			err = ErrBadCode
		}
	}
	if errors.Is(err, ErrBadCode) {
		if rerr := s.DB.RecordSecurity(ctx, store.SecurityEvent{UserID: user.ID, Kind: store.SecSignInFailed, Detail: "totp"}); rerr != nil {
			return rerr
		}
	}
	if ferr := s.FailedSignIn(r, user.Email, err); ferr != nil {
		return ferr
	}
	return err
}

// verifyPassword returns the active user with email and password. It always runs one
// password hash, so unknown accounts take as long as known ones.
func (s *App) VerifyPassword(r *http.Request, email, password string) (*people.User, error) {
	cred, err := s.DB.GetCredentials(r.Context(), email)
	if fault.Is(err, fault.NotFound) {
		s.Hasher.Verify("", password)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, err
	}
	if !s.Hasher.Verify(cred.PasswordHash, password) || !cred.Active {
		if cred.Active {
			err := s.DB.RecordSecurity(r.Context(), store.SecurityEvent{UserID: cred.UserID, Kind: store.SecSignInFailed, Detail: MethodPassword})
			if err != nil {
				return nil, err
			}
		}
		return nil, ErrBadCredentials
	}
	return s.DB.GetUser(r.Context(), cred.UserID)
}

// startSession creates a session for uid signed in by method ("password" or an
// identity provider's name), ends the session the request came with (a new sign-in
// always gets a new token) and sets the browser cookie.
func (s *App) StartSession(w http.ResponseWriter, r *http.Request, uid, method string) (string, error) {
	if old := RequestToken(r); old != "" {
		if err := s.DB.DeleteSession(r.Context(), auth.HashToken(old)); err != nil {
			return "", err
		}
	}
	token, hash := auth.NewToken()
	sess, err := s.DB.CreateSession(r.Context(), uid, hash, method, s.Cfg.Sessions)
	if err != nil {
		return "", err
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: token, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
	if method == MethodPassword {
		u, err := s.DB.GetUser(r.Context(), uid)
		if err != nil {
			return "", err
		}
		if err := s.RememberDevice(w, r, u.Email); err != nil {
			return "", err
		}
	}
	return token, nil
}

func (s *App) ClearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}
