package web

import (
	"net/http"

	"stafett/internal/org"
	"stafett/internal/store"
)

type unitRequest struct {
	Name string       `json:"name"`
	Kind org.UnitKind `json:"kind"`
}

// handleUnitCreate adds a unit to a municipality (its administrators only).
func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.adminMunicipality(r, p)
	if err != nil {
		return err
	}
	var req unitRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	u := org.Unit{MunicipalityID: m.ID, Name: req.Name, Kind: req.Kind}
	if err := s.db.CreateUnit(r.Context(), &u); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

// handleUnitList lists a municipality's units. Units are public facts (they appear in
// the service overview), so any signed-in user may list them.
func (s *Server) handleUnitList(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.db.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	units, err := s.db.ListUnits(r.Context(), m.ID)
	if err != nil {
		return err
	}
	if units == nil {
		units = []org.Unit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": units})
	return nil
}
