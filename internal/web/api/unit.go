package api

import (
	"net/http"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type unitRequest struct {
	Name string       `json:"name"`
	Kind org.UnitKind `json:"kind"`
}

// HandleUnitCreate adds a unit to a municipality (its administrators only).
func (s *Server) HandleUnitCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	var req unitRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	u := org.Unit{MunicipalityID: m.ID, Name: req.Name, Kind: req.Kind}
	if err := s.DB.CreateUnit(r.Context(), p, &u); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, u)
	return nil
}

// HandleUnitList lists a municipality's units. Units are public facts (they appear in
// the service overview), so any signed-in user may list them.
func (s *Server) HandleUnitList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	units, err := s.DB.ListUnits(r.Context(), m.ID)
	if err != nil {
		return err
	}
	if units == nil {
		units = []org.Unit{}
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"units": units})
	return nil
}
