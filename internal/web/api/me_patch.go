package api

import (
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleMePatch changes the signed-in user's own settings: share_competence (whether
// their competence may be found from the other municipalities of their networks).
func (s *Server) HandleMePatch(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req struct {
		ShareCompetence *bool `json:"share_competence"`
	}
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if req.ShareCompetence == nil {
		return fault.Validation("share_competence", fault.FieldRequired)
	}
	if err := s.DB.SetShareCompetence(r.Context(), p, *req.ShareCompetence); err != nil {
		return err
	}
	return s.writeMe(w, r, p)
}
