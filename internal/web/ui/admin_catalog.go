package ui

import (
	"net/http"
	"slices"
	"stafett/internal/catalog"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"strconv"
	"strings"
)

// The service overview's editor for a municipality's administrators, under
// /admin/kommuner/{mid}/tiltak: the list, a form for a new service and one to change
// or retire a service. Forms post, then redirect back (POST-redirect-GET); a form
// that fails shows again with the messages by the fields (422). Everyone else gets
// 404, as on the other administration pages.

// adminCatalogPage is the editor's list.
type adminCatalogPage struct {
	layout
	Municipality *org.Municipality
	Base         string
	PublicPath   string
	Active       []serviceCard
	Retired      []store.ServiceView
}

// adminServicePage is the form for a new service or a change to one.
type adminServicePage struct {
	layout
	Municipality *org.Municipality
	Base         string
	Service      *store.ServiceView // nil for a new service
	Action       string             // where the form posts
	Path         string             // the form's own page
	Units        []org.Unit
}

// serviceFormName is the name of the service form, for its field IDs and messages.
const serviceFormName = "service"

// catalogBase is the editor's path for municipality mid.
func catalogBase(mid string) string { return "/admin/kommuner/" + mid + "/tiltak" }

// ServiceField describes control name of the service form: what was sent after a
// failed submission, else the service's current value.
func (m *adminServicePage) ServiceField(name string) fieldView {
	v := m.Field(serviceFormName, name, "catalog.label."+name)
	if m.Form(serviceFormName) == nil && m.Service != nil {
		v.Value = serviceValue(&m.Service.Service, name)
	}
	switch name {
	case "description", "contact", "how_to_access":
		v.Hint = m.T("guide.hint.text")
	case "keywords":
		v.Hint = m.T("catalog.hint.keywords")
	case "min_age", "max_age":
		v.Hint = m.T("catalog.hint.ages")
	}
	return v
}

// LevelChecked reports whether level n is ticked in the service form.
func (m *adminServicePage) LevelChecked(n int) bool {
	if f := m.Form(serviceFormName); f != nil {
		return f.Has("levels", strconv.Itoa(n))
	}
	return m.Service != nil && m.Service.HasLevel(n)
}

// Levels lists the levels a service may be for, for the form's boxes.
func (m *adminServicePage) Levels() []int {
	var out []int
	for n := catalog.MinLevel; n <= catalog.MaxLevel; n++ {
		out = append(out, n)
	}
	return out
}

// ServiceErrors is Errors for the service form, with its fields' labels.
func (m *adminServicePage) ServiceErrors() *errorSummary {
	sum := m.Errors(serviceFormName)
	if sum == nil {
		return nil
	}
	for i, it := range sum.Items {
		sum.Items[i].Label = m.T("catalog.label." + it.Name)
	}
	return sum
}

func serviceValue(s *catalog.Service, name string) string {
	switch name {
	case "name":
		return s.Name
	case "description":
		return s.Description
	case "target_group":
		return s.TargetGroup
	case "min_age":
		return strconv.Itoa(s.MinAge)
	case "max_age":
		return strconv.Itoa(s.MaxAge)
	case "unit_id":
		return s.UnitID
	case "contact":
		return s.Contact
	case "how_to_access":
		return s.HowToAccess
	case "keywords":
		return strings.Join(s.Keywords, ", ")
	}
	return ""
}

// serviceFromForm reads the service form into service sid of municipality mid. Ages
// that are empty or not whole numbers and levels that are not numbers are field
// errors; the rest is checked by catalog.Service.Validate. Keywords are separated
// by commas or line breaks.
func serviceFromForm(r *http.Request, mid, sid string) (catalog.Service, error) {
	f := r.PostForm
	svc := catalog.Service{ID: sid, MunicipalityID: mid, Name: f.Get("name"), Description: f.Get("description"),
		TargetGroup: f.Get("target_group"), UnitID: f.Get("unit_id"), Contact: f.Get("contact"), HowToAccess: f.Get("how_to_access")}
	var fields fault.Fields
	age := func(name string) int {
		v := strings.TrimSpace(f.Get(name))
		if v == "" {
			fields.Add(name, fault.FieldRequired)
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields.Add(name, fault.FieldFormat)
		}
		return n
	}
	svc.MinAge, svc.MaxAge = age("min_age"), age("max_age")
	for _, v := range f["levels"] {
		n, err := strconv.Atoi(v)
		if err != nil {
			fields.Add("levels", fault.FieldFormat)
			continue
		}
		svc.Levels = append(svc.Levels, n)
	}
	svc.Keywords = strings.FieldsFunc(f.Get("keywords"), func(r rune) bool { return r == ',' || r == '\n' || r == ';' })
	return svc, app.MergeFields(fields, svc.Validate())
}

// HandleAdminCatalog shows the editor's list.
func (s *Server) HandleAdminCatalog(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	all, err := s.DB.ListAllServices(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	m := &adminCatalogPage{layout: s.layoutFor(r, "catalog.editor.title"), Municipality: mun, Base: catalogBase(mun.ID),
		PublicPath: catalogPath(mun.Number)}
	m.Title = m.T("catalog.editor.heading", mun.Name)
	for _, v := range all {
		if v.Retired {
			m.Retired = append(m.Retired, v)
		} else {
			m.Active = append(m.Active, m.card(v))
		}
	}
	return s.show(w, r, http.StatusOK, adminCatalogView(m))
}

// HandleAdminServiceNew shows the form for a new service.
func (s *Server) HandleAdminServiceNew(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	return s.renderServiceForm(w, r, mun, nil, http.StatusOK, nil)
}

// HandleAdminServiceCreate adds the service in the form.
func (s *Server) HandleAdminServiceCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	svc, err := serviceFromForm(r, mun.ID, "")
	if err == nil {
		err = s.DB.CreateService(r.Context(), p, &svc)
	}
	if err != nil {
		return s.serviceFormFailed(w, r, mun, nil, err)
	}
	s.RedirectWithFlash(w, r, catalogBase(mun.ID)+"#tiltak-"+svc.ID, "catalog.created")
	return nil
}

// HandleAdminService shows the form to change the service in the path.
func (s *Server) HandleAdminService(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	v, err := s.LiveService(r, mun.ID, r.PathValue("sid"))
	if err != nil {
		return err
	}
	return s.renderServiceForm(w, r, mun, v, http.StatusOK, nil)
}

// HandleAdminServiceSave changes the service in the path to what the form says.
func (s *Server) HandleAdminServiceSave(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	v, err := s.LiveService(r, mun.ID, r.PathValue("sid"))
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	svc, err := serviceFromForm(r, mun.ID, v.ID)
	if err == nil {
		_, err = s.DB.UpdateService(r.Context(), p, &svc)
	}
	if err != nil {
		return s.serviceFormFailed(w, r, mun, v, err)
	}
	s.RedirectWithFlash(w, r, catalogBase(mun.ID)+"#tiltak-"+v.ID, "catalog.saved")
	return nil
}

// HandleAdminServiceRetire takes the service in the path out of the overview.
func (s *Server) HandleAdminServiceRetire(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := s.DB.RetireService(r.Context(), p, mun.ID, r.PathValue("sid")); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, catalogBase(mun.ID), "catalog.retired")
	return nil
}

// serviceFormFailed shows the service form again with what was wrong.
func (s *Server) serviceFormFailed(w http.ResponseWriter, r *http.Request, mun *org.Municipality, v *store.ServiceView, err error) error {
	status := formStatus(w, err)
	f, err := formError(serviceFormName, r, err)
	if err != nil {
		return err
	}
	return s.renderServiceForm(w, r, mun, v, status, f)
}

func (s *Server) renderServiceForm(w http.ResponseWriter, r *http.Request, mun *org.Municipality, v *store.ServiceView, status int, failed *form) error {
	units, err := s.DB.ListUnits(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	slices.SortFunc(units, func(a, b org.Unit) int { return strings.Compare(catalog.SortKey(a.Name), catalog.SortKey(b.Name)) })
	m := &adminServicePage{layout: s.layoutFor(r, "catalog.service.new"), Municipality: mun, Base: catalogBase(mun.ID), Service: v, Units: units}
	m.failed = failed
	if v == nil {
		m.Action, m.Path = m.Base, m.Base+"/ny"
	} else {
		m.Title = m.T("catalog.service.edit", v.Name)
		m.Action, m.Path = m.Base+"/"+v.ID, m.Base+"/"+v.ID
	}
	m.layout.Path = m.Path // the language switch comes back to the form's own page
	return s.show(w, r, status, adminServiceView(m))
}
