package web

import (
	"net/http"

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
	if err != nil {
		return err
	}
	token, err := s.startSession(w, r, user.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "user": userRef{ID: user.ID, Name: user.Name, Email: user.Email}})
	return nil
}

// checkPassword returns the active user with email and password. It always runs one
// password hash, so unknown accounts take as long as known ones.
func (s *Server) checkPassword(r *http.Request, email, password string) (*people.User, error) {
	cred, err := s.db.GetCredentials(r.Context(), email)
	if fault.Is(err, fault.NotFound) {
		s.hasher.Verify("", password)
		return nil, errBadCredentials
	}
	if err != nil {
		return nil, err
	}
	if !s.hasher.Verify(cred.PasswordHash, password) || !cred.Active {
		return nil, errBadCredentials
	}
	return s.db.GetUser(r.Context(), cred.UserID)
}

// startSession creates a session for uid, ends the session the request came with (a
// new sign-in always gets a new token) and sets the browser cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, uid string) (string, error) {
	if old := requestToken(r); old != "" {
		if err := s.db.DeleteSession(r.Context(), auth.HashToken(old)); err != nil {
			return "", err
		}
	}
	token, hash := auth.NewToken()
	sess, err := s.db.CreateSession(r.Context(), uid, hash, s.cfg.Sessions)
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
	if err := s.db.DeleteSession(r.Context(), p.Session.TokenHash); err != nil {
		return err
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
