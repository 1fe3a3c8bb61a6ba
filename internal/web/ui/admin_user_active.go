package ui

import (
	"net/http"
	"stafett/internal/people"
)

// HandleAdminUserDeactivate deactivates the person in the path; the store ends
// their sessions in the same transaction.
func (s *Server) HandleAdminUserDeactivate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, err := s.ChangeUserActive(r, p, false)
	if err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.user_deactivated")
	return nil
}

// HandleAdminUserActivate lets a deactivated person sign in again.
func (s *Server) HandleAdminUserActivate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, err := s.ChangeUserActive(r, p, true)
	if err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.user_activated")
	return nil
}

// HandleAdminUserInvite sends the person a new invitation to sign in.
func (s *Server) HandleAdminUserInvite(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	uid := r.PathValue("uid")
	if err := s.DB.ResendInvitation(r.Context(), p, uid); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/admin/brukere/"+uid, "admin.user_invited")
	return nil
}
