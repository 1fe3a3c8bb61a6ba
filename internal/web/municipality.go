package web

import (
	"net/http"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

type municipalityRequest struct {
	Number     string `json:"number"`
	Name       string `json:"name"`
	ConsentAge int    `json:"consent_age"`
}

// handleMunicipalityCreate creates a municipality (system administrators only).
func (s *Server) handleMunicipalityCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if !access.CanCreateMunicipality(actorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators create municipalities")
	}
	var req municipalityRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	m := org.Municipality{Number: req.Number, Name: req.Name, ConsentAge: req.ConsentAge}
	if err := s.db.CreateMunicipality(r.Context(), &m); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, m)
	return nil
}

// handleMunicipalityList lists the municipalities the actor administers or works in
// (all of them for system administrators).
func (s *Server) handleMunicipalityList(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	all, err := s.db.ListMunicipalities(r.Context())
	if err != nil {
		return err
	}
	out := []org.Municipality{}
	for _, m := range all {
		if p.Roles.IsSystemAdmin() || hasAnyRoleIn(p.Roles, m.ID) {
			out = append(out, m)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"municipalities": out})
	return nil
}

func hasAnyRoleIn(rs people.Roles, mid string) bool {
	for _, r := range rs {
		if r.MunicipalityID == mid {
			return true
		}
	}
	return false
}

// handleMunicipalityShow returns one municipality. Municipalities are public facts
// (their guides and service overviews are published), so any signed-in user may see one.
func (s *Server) handleMunicipalityShow(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.db.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

// adminMunicipality loads municipality mid and checks that the actor administers it.
// A municipality that does not exist is 404; one that exists but is not the actor's
// is 403 (municipalities are public, so there is nothing to hide).
func (s *Server) adminMunicipality(r *http.Request, p *store.Principal) (*org.Municipality, error) {
	m, err := s.db.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return nil, err
	}
	if !access.CanAdminMunicipality(actorOf(p), m.ID) {
		return nil, fault.New(fault.Forbidden, "you do not administer this municipality")
	}
	return m, nil
}
