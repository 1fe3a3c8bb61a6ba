package ui

import (
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/people"
)

// invitationPage is /invitasjon/{token}: choosing a password with a one-time link.
type invitationPage struct {
	layout
	Token string
	Valid bool
}

// HandleInvitationPage shows the set-password form, or says the link no longer works.
func (s *Server) HandleInvitationPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderInvitation(w, r, nil)
}

func (s *Server) renderInvitation(w http.ResponseWriter, r *http.Request, failed *form) error {
	tok := r.PathValue("token")
	ok, err := s.DB.ValidInvitation(r.Context(), tok)
	if err != nil {
		return err
	}
	m := &invitationPage{layout: s.layoutFor(r, "invitation.title"), Token: tok, Valid: ok}
	m.failed = failed
	status := http.StatusOK
	switch {
	case !ok:
		status = http.StatusNotFound
	case failed != nil:
		status = http.StatusUnprocessableEntity
	}
	return s.show(w, r, status, invitationView(m))
}

// HandleInvitationAccept sets the password chosen with a one-time link and sends the
// person to sign in.
func (s *Server) HandleInvitationAccept(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	password, repeat := r.PostForm.Get("password"), r.PostForm.Get("password_repeat")
	var f fault.Fields
	people.ValidatePassword(&f, "password", password)
	if password != repeat {
		f.Add("password_repeat", fault.FieldInvalid)
	}
	if err := f.Err(); err != nil {
		fe, _ := formError("invitation", r, err)
		return s.renderInvitation(w, r, fe)
	}
	hash, err := s.Hasher.Hash(password)
	if err != nil {
		return err
	}
	if _, err := s.DB.AcceptInvitation(r.Context(), r.PathValue("token"), hash); err != nil {
		if fault.CodeOf(err) == fault.NotFound {
			return s.renderInvitation(w, r, nil)
		}
		return err
	}
	s.RedirectWithFlash(w, r, "/innlogging", "password_set")
	return nil
}
