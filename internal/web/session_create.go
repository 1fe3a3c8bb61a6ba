package web

import (
	"net/http"
	"strings"

	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
)

type sessionRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	TOTP     string `json:"totp"`
}

// methodPassword names a sign-in with e-mail and password in the security events.
const methodPassword = "password"

type userRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// errBadCredentials is the one answer for an unknown e-mail, a wrong password and an
// inactive account, so the answer reveals nothing about which it was.
var errBadCredentials = fault.New(fault.Unauthenticated, "wrong e-mail or password")

// handleSessionCreate signs in with e-mail and password.
func (s *Server) handleSessionCreate(w http.ResponseWriter, r *http.Request) error {
	var req sessionRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	if req.Email == "" {
		f.Add("email", fault.FieldRequired)
	}
	if req.Password == "" {
		f.Add("password", fault.FieldRequired)
	} else if len(req.Password) > people.MaxPasswordLen {
		f.Add("password", fault.FieldTooLong)
	}
	if err := f.Err(); err != nil {
		return err
	}
	user, err := s.checkPassword(r, req.Email, req.Password)
	if err == nil {
		err = s.checkSecondFactor(r, user, req.TOTP, false)
	}
	if err != nil {
		return err
	}
	token, err := s.startSession(w, r, user.ID, methodPassword)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "user": userRef{ID: user.ID, Name: user.Name, Email: user.Email}})
	return nil
}

// checkPassword returns the active user with email and password, within the
// sign-in rate limits: an attempt over a limit is refused (rate_limited) before
// any password is checked, and only failures count towards the per-account and
// per-address limits.
func (s *Server) checkPassword(r *http.Request, email, password string) (*people.User, error) {
	taken, err := s.takeSignIn(r, email, true)
	if err != nil {
		return nil, err
	}
	user, err := s.verifyPassword(r, email, password)
	if serr := s.settleSignIn(r, taken, err); serr != nil && err == nil {
		return nil, serr
	}
	return user, err
}

// errCodeNeeded answers a right password from someone with two-step verification
// on who sent no code.
var errCodeNeeded = &fault.Error{Code: fault.Unauthenticated, Message: "a code from the authenticator app is needed",
	Fields: map[string]string{"totp": fault.FieldRequired}}

// errBadCode answers a wrong, used or expired one-time or recovery code.
var errBadCode = &fault.Error{Code: fault.Unauthenticated, Message: "wrong code", Fields: map[string]string{"totp": fault.FieldInvalid}}

// checkSecondFactor checks code for user, who has given the right password, when
// they have two-step verification on: a time-based code from their app, or one of
// their recovery codes. A wrong code counts as a failed sign-in. ownRequest says
// whether the code came in a request of its own (the code page) rather than with
// the password, which has already counted the request against the global cap.
func (s *Server) checkSecondFactor(r *http.Request, user *people.User, code string, ownRequest bool) error {
	ctx := r.Context()
	on, err := s.db.TOTPEnabled(ctx, user.ID)
	if err != nil || !on {
		return err
	}
	if strings.TrimSpace(code) == "" {
		return errCodeNeeded
	}
	taken, err := s.takeSignIn(r, user.Email, ownRequest)
	if err != nil {
		return err
	}
	if len(code) > 64 {
		err = errBadCode
	} else if err = s.db.VerifyTOTP(ctx, user.ID, code, s.totp); fault.Is(err, fault.Invalid) {
		if err = s.db.UseRecoveryCode(ctx, user.ID, auth.HashRecoveryCode(code)); fault.Is(err, fault.Invalid) {
			err = errBadCode
		}
	}
	if err == errBadCode {
		if rerr := s.db.RecordSecurity(ctx, store.SecurityEvent{UserID: user.ID, Kind: store.SecSignInFailed, Detail: "totp"}); rerr != nil {
			return rerr
		}
	}
	if serr := s.settleSignIn(r, taken, err); serr != nil && err == nil {
		return serr
	}
	return err
}

// verifyPassword returns the active user with email and password. It always runs one
// password hash, so unknown accounts take as long as known ones.
func (s *Server) verifyPassword(r *http.Request, email, password string) (*people.User, error) {
	cred, err := s.db.GetCredentials(r.Context(), email)
	if fault.Is(err, fault.NotFound) {
		s.hasher.Verify("", password)
		return nil, errBadCredentials
	}
	if err != nil {
		return nil, err
	}
	if !s.hasher.Verify(cred.PasswordHash, password) || !cred.Active {
		if cred.Active {
			err := s.db.RecordSecurity(r.Context(), store.SecurityEvent{UserID: cred.UserID, Kind: store.SecSignInFailed, Detail: methodPassword})
			if err != nil {
				return nil, err
			}
		}
		return nil, errBadCredentials
	}
	return s.db.GetUser(r.Context(), cred.UserID)
}

// startSession creates a session for uid signed in by method ("password" or an
// identity provider's name), ends the session the request came with (a new sign-in
// always gets a new token) and sets the browser cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, uid, method string) (string, error) {
	if old := requestToken(r); old != "" {
		if err := s.db.DeleteSession(r.Context(), auth.HashToken(old)); err != nil {
			return "", err
		}
	}
	token, hash := auth.NewToken()
	sess, err := s.db.CreateSession(r.Context(), uid, hash, method, s.cfg.Sessions)
	if err != nil {
		return "", err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
	return token, nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// handleSessionDelete signs out: the token stops working at once.
func (s *Server) handleSessionDelete(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if err := s.db.SignOut(r.Context(), p.Session.TokenHash); err != nil {
		return err
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
