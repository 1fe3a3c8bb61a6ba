package ui

import (
	"net/http"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// adminHomePage shows what the person administers: the system, municipalities, units.
type adminHomePage struct {
	layout
	System         bool
	Municipalities []org.Municipality
	Units          []org.Unit
}

// HandleAdminHome shows the administration start page. People who administer nothing
// get 404, as for any page they cannot see.
func (s *Server) HandleAdminHome(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.RequireUserAdmin(p); err != nil {
		return err
	}
	m := &adminHomePage{layout: s.layoutFor(r, "admin.title"), System: p.Roles.IsSystemAdmin()}
	for _, role := range p.Roles {
		switch role.Role {
		case people.MunicipalityAdmin:
			mun, err := s.DB.GetMunicipality(r.Context(), role.MunicipalityID)
			if err != nil {
				return err
			}
			m.Municipalities = append(m.Municipalities, *mun)
		case people.UnitLeader:
			u, err := s.DB.GetUnit(r.Context(), role.UnitID)
			if err != nil {
				return err
			}
			m.Units = append(m.Units, *u)
		}
	}
	return s.show(w, r, http.StatusOK, adminHomeView(m))
}
