package api

import (
	"net/http"

	"stafett/internal/notify"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type roleJSON struct {
	Role           people.RoleName `json:"role"`
	MunicipalityID *string         `json:"municipality_id"`
	UnitID         *string         `json:"unit_id"`
	NetworkID      *string         `json:"network_id,omitempty"`
}

func rolesJSON(rs people.Roles) []roleJSON {
	out := make([]roleJSON, 0, len(rs))
	for _, r := range rs {
		out = append(out, roleJSON{Role: r.Role, MunicipalityID: optional(r.MunicipalityID), UnitID: optional(r.UnitID), NetworkID: optional(r.NetworkID)})
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type meJSON struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Email    string     `json:"email"`
	Language string     `json:"language,omitempty"`
	Roles    []roleJSON `json:"roles"`
	// ShareCompetence says whether the user's competence may be found from the other
	// municipalities of their networks.
	ShareCompetence bool `json:"share_competence"`
	// NotifyEmail and NotifyDigest are the user's choices for e-mail notifications.
	NotifyEmail  bool          `json:"notify_email"`
	NotifyDigest notify.Digest `json:"notify_digest"`
}

// HandleMeShow returns the signed-in user and their roles.
func (s *Server) HandleMeShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.writeMe(w, r, p)
}

func (s *Server) writeMe(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	share, err := s.DB.ShareCompetence(r.Context(), p.User.ID)
	if err != nil {
		return err
	}
	prefs, err := s.DB.GetNotifyPrefs(r.Context(), p.User.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, meJSON{ID: p.User.ID, Name: p.User.Name, Email: p.User.Email, Language: p.User.Language,
		Roles: rolesJSON(p.Roles), ShareCompetence: share, NotifyEmail: prefs.Email, NotifyDigest: prefs.Digest})
	return nil
}
