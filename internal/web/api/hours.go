package api

import (
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// hoursRequest is the body of PATCH on a network or municipality: the hours of one
// full-time year (årsverk) for its course reports.
type hoursRequest struct {
	HoursPerFTE *int `json:"hours_per_fte"`
}

func decodeHours(r *http.Request) (int, error) {
	var req hoursRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return 0, err
	}
	if req.HoursPerFTE == nil {
		return 0, fault.Validation("hours_per_fte", fault.FieldRequired)
	}
	return *req.HoursPerFTE, nil
}

// HandleNetworkPatch changes a network's hours per full-time year.
func (s *Server) HandleNetworkPatch(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	hours, err := decodeHours(r)
	if err != nil {
		return err
	}
	if err := s.DB.SetNetworkHours(r.Context(), p, r.PathValue("nid"), hours); err != nil {
		return err
	}
	n, err := s.DB.GetNetwork(r.Context(), r.PathValue("nid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, n)
	return nil
}

// HandleMunicipalityPatch changes a municipality's hours per full-time year.
func (s *Server) HandleMunicipalityPatch(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	hours, err := decodeHours(r)
	if err != nil {
		return err
	}
	if err := s.DB.SetMunicipalityHours(r.Context(), p, r.PathValue("mid"), hours); err != nil {
		return err
	}
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, m)
	return nil
}
