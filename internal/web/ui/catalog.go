package ui

import (
	"errors"
	"net/http"
	"slices"
	"stafett/internal/catalog"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"strconv"
	"strings"
)

// catalogPage is a municipality's service overview, public and printable, with a
// search form that works without JavaScript (GET). It shows the services the
// municipality offers and nothing from any log.
type catalogPage struct {
	layout
	Municipality *org.Municipality
	Base         string // the overview's path, /k/{nr}/tiltak
	GuidePath    string
	Search       catalogSearch
	LevelOptions []option // the level filter's choices
	UnitOptions  []option // the units that provide services, for the unit filter
	Services     []serviceCard
	Total        int  // services in the overview, before filtering
	Filtered     bool // the search narrows the list
	Failed       bool // the search could not be read; no list is shown
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// catalogSearch is the search form, filled in with what was asked.
type catalogSearch struct {
	Q, Age, Level, Unit fieldView
	Errors              *errorSummary
}

// serviceCard is one service as the overview shows it, its texts rendered to safe
// HTML (guide.RenderText).
type serviceCard struct {
	store.ServiceView
	Description, Contact, HowToAccess string
	Levels                            string // "1, 2 og 3"
}

// catalogPath is the public overview of municipality number nr.
func catalogPath(nr string) string { return "/k/" + nr + "/tiltak" }

// HandleCatalogPage shows the overview of the municipality whose number is in the
// path, filtered by ?q=&age=&level=&unit=. A search that cannot be read shows the
// form again with the messages by its fields (422).
func (s *Server) HandleCatalogPage(w http.ResponseWriter, r *http.Request) error {
	nr := r.PathValue("nr")
	if !org.IsMunicipalityNumber(nr) {
		return fault.New(fault.NotFound, "no such municipality")
	}
	mun, err := s.DB.GetMunicipalityByNumber(r.Context(), nr)
	if err != nil {
		return err
	}
	m := &catalogPage{layout: s.layoutFor(r, "catalog.title"), Municipality: mun, Base: catalogPath(nr), GuidePath: app.GuidePath(nr)}
	m.Title = m.T("catalog.heading", mun.Name)
	all, err := s.DB.ListServices(r.Context(), mun.ID, catalog.Filter{})
	if err != nil {
		return err
	}
	query := r.URL.Query()
	f, ferr := catalog.ParseFilter(query.Get)
	m.Search = m.searchForm(query.Get, ferr)
	m.Total = len(all)
	for n := catalog.MinLevel; n <= catalog.MaxLevel; n++ {
		v := strconv.Itoa(n)
		m.LevelOptions = append(m.LevelOptions, option{Value: v, Label: m.T("guide.level_n", n), Selected: v == m.Search.Level.Value})
	}
	for _, u := range providingUnits(all) {
		m.UnitOptions = append(m.UnitOptions, option{Value: u.ID, Label: u.Name, Selected: u.ID == m.Search.Unit.Value})
	}
	var fe *fault.Error
	switch {
	case errors.As(ferr, &fe) && fe.Code == fault.Invalid:
		m.Failed = true
		return s.show(w, r, http.StatusUnprocessableEntity, catalogView(m))
	case ferr != nil:
		return ferr
	}
	list := all
	if m.Filtered = f != (catalog.Filter{}); m.Filtered {
		if list, err = s.DB.ListServices(r.Context(), mun.ID, f); err != nil {
			return err
		}
	}
	for _, v := range list {
		m.Services = append(m.Services, m.card(v))
	}
	return s.show(w, r, http.StatusOK, catalogView(m))
}

// searchForm describes the search form's controls with the values asked for and the
// problems of err, if any.
func (m *catalogPage) searchForm(get func(string) string, err error) catalogSearch {
	var fields fault.Fields
	var fe *fault.Error
	if errors.As(err, &fe) {
		fields = fe.Fields
	}
	field := func(name string) fieldView {
		v := fieldView{ID: "sok-" + name, Name: name, Label: m.T("catalog.label." + name), Value: get(name)}
		if code := fields[name]; code != "" {
			v.Error = m.T("field." + code)
		}
		return v
	}
	out := catalogSearch{Q: field("q"), Age: field("age"), Level: field("level"), Unit: field("unit")}
	if len(fields) > 0 {
		out.Errors = &errorSummary{Title: m.T("form.errors")}
		for _, v := range []fieldView{out.Q, out.Age, out.Level, out.Unit} {
			if v.Error != "" {
				out.Errors.Items = append(out.Errors.Items, v)
			}
		}
	}
	return out
}

// card renders service v for the overview.
func (l *layout) card(v store.ServiceView) serviceCard {
	return serviceCard{ServiceView: v, Description: guide.RenderText(v.Description), Contact: guide.RenderText(v.Contact),
		HowToAccess: guide.RenderText(v.HowToAccess), Levels: l.levelList(v.Levels)}
}

// levelList writes levels as words: "1, 2 og 3".
func (l *layout) levelList(levels []int) string {
	parts := make([]string, len(levels))
	for i, n := range levels {
		parts[i] = strconv.Itoa(n)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + l.T("catalog.and") + " " + parts[len(parts)-1]
}

// providingUnits lists the units that provide the services, each once, by name.
func providingUnits(list []store.ServiceView) []unitChoice {
	var out []unitChoice
	for _, v := range list {
		if !slices.ContainsFunc(out, func(u unitChoice) bool { return u.ID == v.UnitID }) {
			out = append(out, unitChoice{ID: v.UnitID, Name: v.UnitName})
		}
	}
	slices.SortFunc(out, func(a, b unitChoice) int { return strings.Compare(catalog.SortKey(a.Name), catalog.SortKey(b.Name)) })
	return out
}
