package ui

import (
	"net/http"
	"stafett/internal/catalog"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/web/ui/i18n"
	"time"
)

// Measures from the service overview: the measure form on the log page offers the
// municipality's services, those that suit the child's age and the log's level first.

// serviceChoices is the choice of catalog services for a log's measure form.
type serviceChoices struct {
	Groups      []serviceGroup
	CatalogPath string // the municipality's public overview
}

// serviceGroup is one group of services in the choice.
type serviceGroup struct {
	Label    string
	Services []store.ServiceView
}

// serviceSelect is the catalog service control of a measure form.
type serviceSelect struct {
	fieldView
	serviceChoices
	None, LinkText string
}

// ServiceSelect describes the catalog service control of form formName.
func (m *logPage) ServiceSelect(formName string) serviceSelect {
	v := m.Field(formName, "catalog_service_id", "label.catalog_service_id")
	v.Hint = m.T("measures.catalog_hint")
	return serviceSelect{fieldView: v, serviceChoices: m.Services, None: m.T("measures.catalog_none"), LinkText: m.T("measures.catalog_link")}
}

// loadServiceChoices lists the services of the log's municipality for its measure
// form: first those whose ages hold the child's age today and that suit the log's
// level (any level for an undring), then the others. Both groups are by name.
func (s *Server) loadServiceChoices(r *http.Request, v *store.LogView, l *i18n.Localizer, now time.Time) (serviceChoices, error) {
	var out serviceChoices
	list, err := s.DB.ListServices(r.Context(), v.Log.MunicipalityID, catalog.Filter{})
	if err != nil || len(list) == 0 {
		return out, err
	}
	mun, err := s.DB.GetMunicipality(r.Context(), v.Log.MunicipalityID)
	if err != nil {
		return out, err
	}
	out.CatalogPath = catalogPath(mun.Number)
	age, known := childAge(v.Log.Child.BirthDate, now)
	level := int(v.Log.Level)
	suits := serviceGroup{Label: l.T("measures.catalog_suitable")}
	others := serviceGroup{Label: l.T("measures.catalog_other")}
	for _, sv := range list {
		if (!known || sv.ForAge(age)) && (level < catalog.MinLevel || sv.HasLevel(level)) {
			suits.Services = append(suits.Services, sv)
		} else {
			others.Services = append(others.Services, sv)
		}
	}
	for _, g := range []serviceGroup{suits, others} {
		if len(g.Services) > 0 {
			out.Groups = append(out.Groups, g)
		}
	}
	return out, nil
}

// childAge is the age in whole years at now (in Oslo) of a child born on birth, and
// whether the birth date is known.
func childAge(birth logbook.Date, now time.Time) (int, bool) {
	if !birth.Valid() || birth > logbook.DateOf(now) {
		return 0, false
	}
	age := 0
	for age < 150 && logbook.IsOfConsentAge(birth, age+1, now) {
		age++
	}
	return age, true
}
