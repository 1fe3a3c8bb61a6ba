package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// adminNetworksPage lists the networks of municipalities with the form to set one up
// (system administrators only).
type adminNetworksPage struct {
	layout
	Networks       []networkView
	Municipalities []org.Municipality
}

// networkView is a network with its members' names.
type networkView struct {
	org.Network
	Members []string
}

// HandleAdminNetworks lists the networks.
func (s *Server) HandleAdminNetworks(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderAdminNetworks(w, r, p, http.StatusOK, nil)
}

func (s *Server) renderAdminNetworks(w http.ResponseWriter, r *http.Request, p *people.Principal, status int, failed *form) error {
	if !access.CanManageNetworks(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	ms, err := s.DB.ListMunicipalities(r.Context())
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, m := range ms {
		names[m.ID] = m.Name
	}
	ns, err := s.DB.ListNetworks(r.Context(), "")
	if err != nil {
		return err
	}
	m := &adminNetworksPage{layout: s.layoutFor(r, "admin.networks.title"), Municipalities: ms}
	m.failed = failed
	for _, n := range ns {
		v := networkView{Network: n}
		for _, id := range n.MunicipalityIDs {
			v.Members = append(v.Members, names[id])
		}
		m.Networks = append(m.Networks, v)
	}
	return s.show(w, r, status, adminNetworksView(m))
}

// HandleAdminNetworkCreate sets up a network from the form.
func (s *Server) HandleAdminNetworkCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if !access.CanManageNetworks(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	n := org.Network{Name: postValue(r, "name"), MunicipalityIDs: r.PostForm["municipality_ids"]}
	if err := s.DB.CreateNetwork(r.Context(), p, &n); err != nil {
		f, err := adminFormError("network", r, err, "")
		if err != nil {
			return err
		}
		return s.renderAdminNetworks(w, r, p, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/samarbeid", "admin.network_created")
	return nil
}
