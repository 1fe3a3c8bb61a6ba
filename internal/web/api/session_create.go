package api

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
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

// HandleSessionCreate signs in with e-mail and password.
func (s *Server) HandleSessionCreate(w http.ResponseWriter, r *http.Request) error {
	var req sessionRequest
	if err := app.DecodeJSON(r, &req); err != nil {
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
	user, err := s.CheckPassword(r, req.Email, req.Password)
	if err == nil {
		err = s.CheckSecondFactor(r, user, req.TOTP, false)
	}
	if err != nil {
		return err
	}
	token, err := s.StartSession(w, r, user.ID, app.MethodPassword)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"token": token, "user": userRef{ID: user.ID, Name: user.Name, Email: user.Email}})
	return nil
}

// HandleSessionDelete signs out: the token stops working at once.
func (s *Server) HandleSessionDelete(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.SignOut(r.Context(), p.Session.TokenHash); err != nil {
		return err
	}
	s.ClearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
