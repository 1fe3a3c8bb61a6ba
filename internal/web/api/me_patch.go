package api

import (
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/notify"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleMePatch changes the signed-in user's own settings: share_competence (whether
// their competence may be found from the other municipalities of their networks),
// notify_email (e-mail notifications on or off) and notify_digest (at once or as a daily
// digest). At least one is given; a bad value stores none of them.
func (s *Server) HandleMePatch(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req struct {
		ShareCompetence *bool         `json:"share_competence"`
		NotifyEmail     *bool         `json:"notify_email"`
		NotifyDigest    notify.Digest `json:"notify_digest"`
	}
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if req.ShareCompetence == nil && req.NotifyEmail == nil && req.NotifyDigest == "" {
		return fault.Validation("share_competence", fault.FieldRequired)
	}
	if req.NotifyDigest != "" && !req.NotifyDigest.Valid() {
		return fault.Validation("notify_digest", fault.FieldInvalid)
	}
	if req.NotifyEmail != nil || req.NotifyDigest != "" {
		if err := s.DB.SetNotifyPrefs(r.Context(), p.User.ID, req.NotifyEmail, req.NotifyDigest); err != nil {
			return err
		}
	}
	if req.ShareCompetence != nil {
		if err := s.DB.SetShareCompetence(r.Context(), p, *req.ShareCompetence); err != nil {
			return err
		}
	}
	return s.writeMe(w, r, p)
}
