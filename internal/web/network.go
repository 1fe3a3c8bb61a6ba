package web

import (
	"net/http"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/store"
)

// Networks (samarbeid) are set up by system administrators. Like municipalities, they
// are public facts, so anyone signed in may list them.

type networkRequest struct {
	Name            string   `json:"name"`
	MunicipalityIDs []string `json:"municipality_ids"`
}

// handleNetworkCreate creates a network of municipalities.
func (s *Server) handleNetworkCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if !access.CanManageNetworks(actorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	var req networkRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	n := org.Network{Name: req.Name, MunicipalityIDs: req.MunicipalityIDs}
	if err := s.db.CreateNetwork(r.Context(), actorOf(p), &n); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, n)
	return nil
}

// handleNetworkUpdate replaces a network's name and members.
func (s *Server) handleNetworkUpdate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if !access.CanManageNetworks(actorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	var req networkRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	n := org.Network{ID: r.PathValue("nid"), Name: req.Name, MunicipalityIDs: req.MunicipalityIDs}
	if err := s.db.UpdateNetwork(r.Context(), actorOf(p), &n); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, n)
	return nil
}

// handleNetworkList lists every network with its members.
func (s *Server) handleNetworkList(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	ns, err := s.db.ListNetworks(r.Context(), "")
	if err != nil {
		return err
	}
	if ns == nil {
		ns = []org.Network{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"networks": ns})
	return nil
}

// handleNetworkShow returns one network.
func (s *Server) handleNetworkShow(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	n, err := s.db.GetNetwork(r.Context(), r.PathValue("nid"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, n)
	return nil
}
