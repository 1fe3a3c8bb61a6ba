package ui

import (
	"net/http"
	"stafett/internal/org"
	"stafett/internal/people"
)

// adminUnitsPage lists a municipality's units, with the form to create one.
type adminUnitsPage struct {
	layout
	Municipality *org.Municipality
	System       bool
	Units        []unitRow
	Kinds        []kindOption
}

// unitRow is a unit as the list shows it.
type unitRow struct {
	ID, Name, Kind string
}

// HandleAdminUnits lists the units of a municipality for its administrators.
func (s *Server) HandleAdminUnits(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	return s.renderAdminUnits(w, r, p, mun, http.StatusOK, nil)
}

func (s *Server) renderAdminUnits(w http.ResponseWriter, r *http.Request, p *people.Principal, mun *org.Municipality, status int, failed *form) error {
	units, err := s.DB.ListUnits(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	m := &adminUnitsPage{layout: s.layoutFor(r, "admin.units.title"), Municipality: mun, System: p.Roles.IsSystemAdmin()}
	m.failed = failed
	m.Kinds = m.kindOptions(mun.Kind)
	for _, u := range units {
		m.Units = append(m.Units, unitRow{ID: u.ID, Name: u.Name, Kind: m.T("admin.kind." + string(u.Kind))})
	}
	return s.show(w, r, status, adminUnitsView(m))
}

// HandleAdminUnitCreate adds a unit to the municipality from the form.
func (s *Server) HandleAdminUnitCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	u := org.Unit{MunicipalityID: mun.ID, Name: postValue(r, "name"), Kind: org.UnitKind(postValue(r, "kind"))}
	if err := s.DB.CreateUnit(r.Context(), p, &u); err != nil {
		f, err := adminFormError("unit", r, err, "")
		if err != nil {
			return err
		}
		return s.renderAdminUnits(w, r, p, mun, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/kommuner/"+mun.ID+"/enheter", "admin.unit_created")
	return nil
}
