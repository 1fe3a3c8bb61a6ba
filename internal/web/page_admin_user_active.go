package web

import (
	"net/http"

	"stafett/internal/store"
)

// handleAdminUserDeactivate deactivates the person in the path; the store ends
// their sessions in the same transaction.
func (s *Server) handleAdminUserDeactivate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	u, err := s.changeUserActive(r, p, false)
	if err != nil {
		return err
	}
	s.redirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.user_deactivated")
	return nil
}

// handleAdminUserActivate lets a deactivated person sign in again.
func (s *Server) handleAdminUserActivate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	u, err := s.changeUserActive(r, p, true)
	if err != nil {
		return err
	}
	s.redirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.user_activated")
	return nil
}
