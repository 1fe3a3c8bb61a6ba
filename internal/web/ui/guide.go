package ui

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/web/app"
	"strconv"
	"time"
)

// guidePage is a municipality's published action guide, public and printable: all
// levels in full with a table of contents, or one level with links to the others. It
// shows the guide and nothing from any log.
type guidePage struct {
	layout
	Municipality *org.Municipality
	Version      int
	PublishedAt  time.Time
	Base         string // the guide's path, /k/{nr}/veileder
	Levels       []guideLevelView
	All          []guideLevelView // every level, for the contents and the level links
	Single       bool             // one level is shown
	Prev, Next   *guideLevelView
}

// guideLevelView is one level of the guide as the pages show it.
type guideLevelView struct {
	N       int
	Title   string
	Purpose string // safe HTML (guide.RenderText)
	Path    string
	Steps   []guideStepView
}

// guideStepView is one step, its texts rendered to safe HTML (guide.RenderText).
type guideStepView struct {
	ID, Title, Who string
	What, How      string
	DeadlineDays   *int
	Tools          []guide.Tool
}

// Markdown renders a guide text as safe HTML (guide.RenderText), for @templ.Raw.
func (l *layout) Markdown(s string) string { return guide.RenderText(s) }

// Deadline describes a step's deadline: "" when it has none.
func (l *layout) Deadline(days *int) string {
	switch {
	case days == nil:
		return ""
	case *days == 0:
		return l.T("guide.deadline.same_day")
	}
	return l.N("guide.deadline", *days)
}

// HandleGuidePage shows the whole published guide of the municipality in the path.
func (s *Server) HandleGuidePage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.publicGuidePage(r)
	if err != nil {
		return err
	}
	m.Levels = m.All
	return s.show(w, r, http.StatusOK, guideView(m))
}

// HandleGuideLevelPage shows one level of the published guide.
func (s *Server) HandleGuideLevelPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.publicGuidePage(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return fault.New(fault.NotFound, "no such level")
	}
	for i := range m.All {
		if m.All[i].N != n {
			continue
		}
		m.Levels, m.Single = m.All[i:i+1], true
		m.Title = m.All[i].Title + " – " + m.Title
		if i > 0 {
			m.Prev = &m.All[i-1]
		}
		if i+1 < len(m.All) {
			m.Next = &m.All[i+1]
		}
		return s.show(w, r, http.StatusOK, guideView(m))
	}
	return fault.New(fault.NotFound, "no such level")
}

// publicGuidePage loads the newest published guide of the municipality whose number
// is in the path.
func (s *Server) publicGuidePage(r *http.Request) (*guidePage, error) {
	nr := r.PathValue("nr")
	if !org.IsMunicipalityNumber(nr) {
		return nil, fault.New(fault.NotFound, "no such municipality")
	}
	mun, err := s.DB.GetMunicipalityByNumber(r.Context(), nr)
	if err != nil {
		return nil, err
	}
	g, err := s.DB.GetGuide(r.Context(), mun.ID)
	if err != nil {
		return nil, err
	}
	m := &guidePage{layout: s.layoutFor(r, "guide.title"), Municipality: mun, Version: g.Version,
		PublishedAt: g.PublishedAt, Base: app.GuidePath(nr)}
	m.Title = m.T("guide.heading", mun.Name)
	m.All = guideLevelViews(&g.Guide, nr)
	return m, nil
}

// guideLevelViews renders the levels of g for the pages of municipality number nr.
func guideLevelViews(g *guide.Guide, nr string) []guideLevelView {
	out := make([]guideLevelView, 0, len(g.Levels))
	for _, l := range app.WithFileURLs(g.Levels, nr) {
		lv := guideLevelView{N: l.Level, Title: l.Title, Purpose: guide.RenderText(l.Purpose), Path: app.GuideLevelPath(nr, l.Level)}
		for _, st := range l.Steps {
			lv.Steps = append(lv.Steps, guideStepView{ID: st.ID, Title: st.Title, Who: st.Who,
				What: guide.RenderText(st.What), How: guide.RenderText(st.How), DeadlineDays: st.DeadlineDays, Tools: st.Tools})
		}
		out = append(out, lv)
	}
	return out
}
