package api

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type municipalityRequest struct {
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	Name       string `json:"name"`
	ConsentAge int    `json:"consent_age"`
}

// HandleMunicipalityCreate creates a municipality (system administrators only).
func (s *Server) HandleMunicipalityCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if !access.CanCreateMunicipality(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators create municipalities")
	}
	var req municipalityRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	m := org.Municipality{Kind: org.OrgKind(req.Kind), Number: req.Number, Name: req.Name, ConsentAge: req.ConsentAge}
	if err := s.DB.CreateMunicipality(r.Context(), p, &m); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, m)
	return nil
}

// HandleMunicipalityList lists the municipalities the actor administers or works in
// (all of them for system administrators).
func (s *Server) HandleMunicipalityList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	all, err := s.DB.ListMunicipalities(r.Context())
	if err != nil {
		return err
	}
	out := []org.Municipality{}
	for _, m := range all {
		if p.Roles.IsSystemAdmin() || app.HasAnyRoleIn(p.Roles, m.ID) {
			out = append(out, m)
		}
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"municipalities": out})
	return nil
}

// HandleMunicipalityShow returns one municipality. Municipalities are public facts
// (their guides and service overviews are published), so any signed-in user may see one.
func (s *Server) HandleMunicipalityShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, m)
	return nil
}
