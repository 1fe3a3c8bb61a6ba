package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"strconv"
)

// adminMunicipalitiesPage lists every municipality, with the form to create one.
type adminMunicipalitiesPage struct {
	layout
	Municipalities []org.Municipality
	DefaultAge     int
}

// HandleAdminMunicipalities lists the municipalities (system administrators only).
func (s *Server) HandleAdminMunicipalities(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderAdminMunicipalities(w, r, p, http.StatusOK, nil)
}

func (s *Server) renderAdminMunicipalities(w http.ResponseWriter, r *http.Request, p *people.Principal, status int, failed *form) error {
	if !access.CanCreateMunicipality(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators manage municipalities")
	}
	all, err := s.DB.ListMunicipalities(r.Context())
	if err != nil {
		return err
	}
	m := &adminMunicipalitiesPage{layout: s.layoutFor(r, "admin.municipalities.title"), Municipalities: all, DefaultAge: org.DefaultConsentAge}
	m.failed = failed
	return s.show(w, r, status, adminMunicipalitiesView(m))
}

// orgKindChecks are the radio buttons for an organisation's kind: a municipality
// (the default) or a county.
func (m *adminMunicipalitiesPage) orgKindChecks() []adminCheck {
	chosen := m.Form("municipality").Value("kind")
	if chosen == "" {
		chosen = string(org.KindMunicipality)
	}
	var out []adminCheck
	for _, k := range []org.OrgKind{org.KindMunicipality, org.KindCounty} {
		out = append(out, adminCheck{ID: "municipality-kind-" + string(k), Value: string(k), Label: m.T("admin.org_kind." + string(k)), Checked: string(k) == chosen})
	}
	return out
}

// HandleAdminMunicipalityCreate creates a municipality from the form.
func (s *Server) HandleAdminMunicipalityCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if !access.CanCreateMunicipality(app.ActorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators create municipalities")
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	mun := org.Municipality{Number: postValue(r, "number"), Name: postValue(r, "name"), Kind: org.OrgKind(postValue(r, "kind"))}
	var err error
	if age := postValue(r, "consent_age"); age != "" {
		mun.ConsentAge, err = strconv.Atoi(age)
		if err != nil {
			err = fault.Validation("consent_age", fault.FieldFormat)
		}
	}
	if err == nil {
		err = s.DB.CreateMunicipality(r.Context(), p, &mun)
	}
	if err != nil {
		f, err := adminFormError("municipality", r, err, "")
		if err != nil {
			return err
		}
		return s.renderAdminMunicipalities(w, r, p, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/kommuner/"+mun.ID, "admin.municipality_created")
	return nil
}
