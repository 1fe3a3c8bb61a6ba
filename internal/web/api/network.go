package api

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// Networks (samarbeid) are set up by system administrators. Like municipalities, they
// are public facts, so anyone signed in may list them.

type networkRequest struct {
	Name            string   `json:"name"`
	MunicipalityIDs []string `json:"municipality_ids"`
}

// HandleNetworkCreate creates a network of municipalities.
func (s *Server) HandleNetworkCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if !access.CanManageNetworks(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	var req networkRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	n := org.Network{Name: req.Name, MunicipalityIDs: req.MunicipalityIDs}
	if err := s.DB.CreateNetwork(r.Context(), p, &n); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, n)
	return nil
}

// HandleNetworkUpdate replaces a network's name and members.
func (s *Server) HandleNetworkUpdate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if !access.CanManageNetworks(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	var req networkRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	n := org.Network{ID: r.PathValue("nid"), Name: req.Name, MunicipalityIDs: req.MunicipalityIDs}
	if err := s.DB.UpdateNetwork(r.Context(), p, &n); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, n)
	return nil
}

// HandleNetworkList lists every network with its members.
func (s *Server) HandleNetworkList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ns, err := s.DB.ListNetworks(r.Context(), "")
	if err != nil {
		return err
	}
	if ns == nil {
		ns = []org.Network{}
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"networks": ns})
	return nil
}

// HandleNetworkShow returns one network.
func (s *Server) HandleNetworkShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	n, err := s.DB.GetNetwork(r.Context(), r.PathValue("nid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, n)
	return nil
}
