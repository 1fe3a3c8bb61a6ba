package api

import (
	"net/http"

	"stafett/internal/competence"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

type needJSON struct {
	AreaID    string  `json:"area_id"`
	Area      refJSON `json:"area"`
	MinPeople int     `json:"min_people"`
}

func needsOut(ns []store.NeedView) map[string]any {
	out := make([]needJSON, 0, len(ns))
	for _, n := range ns {
		out = append(out, needJSON{AreaID: n.AreaID, Area: refJSON{n.AreaID, n.AreaName}, MinPeople: n.MinPeople})
	}
	return map[string]any{"needs": out}
}

// HandleNeedsPut replaces a unit's competence needs.
func (s *Server) HandleNeedsPut(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req struct {
		Needs []competence.Need `json:"needs"`
	}
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.DB.SetNeeds(r.Context(), p, r.PathValue("unit_id"), req.Needs); err != nil {
		return err
	}
	ns, err := s.DB.ListNeeds(r.Context(), p, r.PathValue("unit_id"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, needsOut(ns))
	return nil
}

// HandleNeedsShow returns a unit's competence needs.
func (s *Server) HandleNeedsShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ns, err := s.DB.ListNeeds(r.Context(), p, r.PathValue("unit_id"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, needsOut(ns))
	return nil
}
