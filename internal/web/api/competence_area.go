package api

import (
	"net/http"

	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

type areaRequest struct {
	Name           string `json:"name"`
	Description    string `json:"description"`
	MunicipalityID string `json:"municipality_id"`
	NetworkID      string `json:"network_id"`
}

type ownerJSON struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

type areaJSON struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Owner       ownerJSON `json:"owner"`
}

func areaOut(v store.AreaView) areaJSON {
	o := ownerJSON{Type: "municipality", ID: v.MunicipalityID, Name: v.OwnerName}
	if v.NetworkID != "" {
		o = ownerJSON{Type: "network", ID: v.NetworkID, Name: v.OwnerName}
	}
	return areaJSON{ID: v.ID, Name: v.Name, Description: v.Description, Owner: o}
}

// HandleAreaCreate creates a competence area of a municipality or a network.
func (s *Server) HandleAreaCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req areaRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	a := competence.Area{Name: req.Name, Description: req.Description, MunicipalityID: req.MunicipalityID, NetworkID: req.NetworkID}
	if err := s.DB.CreateArea(r.Context(), p, &a); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, a)
	return nil
}

// HandleAreaUpdate changes an area's name and description.
func (s *Server) HandleAreaUpdate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	a := competence.Area{ID: r.PathValue("aid"), Name: req.Name, Description: req.Description}
	if err := s.DB.UpdateArea(r.Context(), p, &a); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, a)
	return nil
}

// HandleAreaList lists the areas of a municipality and of its networks.
func (s *Server) HandleAreaList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mid := r.URL.Query().Get("municipality_id")
	if mid == "" {
		mid = firstMunicipality(p)
	}
	if mid == "" {
		return fault.Validation("municipality_id", fault.FieldRequired)
	}
	areas, err := s.DB.ListAreas(r.Context(), p, mid)
	if err != nil {
		return err
	}
	out := make([]areaJSON, 0, len(areas))
	for _, a := range areas {
		out = append(out, areaOut(a))
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"areas": out})
	return nil
}

// firstMunicipality is the municipality a request without one is about: the first
// the actor holds a role in.
func firstMunicipality(p *people.Principal) string {
	if ms := p.Roles.Municipalities(); len(ms) > 0 {
		return ms[0]
	}
	return ""
}
