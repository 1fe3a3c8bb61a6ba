package api

import (
	"net/http"

	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleUserInvite sends a person a new invitation to sign in (a set-password link
// valid 72 hours, or a pointer to ID-porten); the old link stops working.
func (s *Server) HandleUserInvite(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.ResendInvitation(r.Context(), p, r.PathValue("uid")); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, struct {
		ID string `json:"id"`
	}{r.PathValue("uid")})
	return nil
}
