package ui

import (
	"net/http"
	"net/url"
	"slices"

	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/ui/chart"
)

// indicatorsPage is /indikatorer: a municipality's indicators for a period, with the
// units the viewer is shown apart, the trend over the years, the outcome figures
// and, for its administrators, the import of figures and the choice to publish.
type indicatorsPage struct {
	indicatorsView
	Municipality  string
	MID           string
	Others        []link // the viewer's other municipalities
	Networks      []link // the networks whose indicators the viewer reads
	Levels        []chart.BarGeom
	Trend         chart.Lines
	TrendText     string
	Admin         bool // may import figures and publish
	Published     bool
	Number        string
	Problems      []importProblem
	HasMunicipal  bool
	Main, Units   *grid
	TrendGrid     *grid
	Outcomes      *grid
	OutcomeKeys   string
	OutcomeHeader string
}

type link struct{ Href, Text string }

// indicatorMunicipalities are the municipalities whose indicators p reads from
// inside, in the order of p's roles.
func indicatorMunicipalities(p *people.Principal) []string {
	var out []string
	for _, r := range p.Roles {
		if (r.Role == people.MunicipalityAdmin || r.Role == people.UnitLeader) && r.MunicipalityID != "" && !slices.Contains(out, r.MunicipalityID) {
			out = append(out, r.MunicipalityID)
		}
	}
	return out
}

// HandleIndicatorsPage shows /indikatorer (?kommune=ID chooses among the viewer's
// municipalities; ?csv=table downloads a table; ?utskrift=1 is the print view).
func (s *Server) HandleIndicatorsPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderIndicators(w, r, p, r.URL.Query().Get("kommune"), nil, http.StatusOK)
}

func (s *Server) renderIndicators(w http.ResponseWriter, r *http.Request, p *people.Principal, mid string, problems []importProblem, status int) error {
	m := &indicatorsPage{indicatorsView: indicatorsView{layout: s.layoutFor(r, "indicator.title"), Base: "/indikatorer",
		Print: r.URL.Query().Get("utskrift") == "1"}, Problems: problems, OutcomeKeys: OutcomeKeyList(), OutcomeHeader: outcomeColumns}
	m.failed = nil
	mids := indicatorMunicipalities(p)
	if mid == "" && len(mids) > 0 {
		mid = mids[0]
	}
	from, to := s.period(r)
	m.From, m.To = string(from), string(to)
	for _, nid := range p.Roles.Networks() {
		if n, err := s.DB.GetNetwork(r.Context(), nid); err == nil {
			m.Networks = append(m.Networks, link{"/samarbeid/" + n.ID + "/indikatorer", n.Name})
		}
	}
	if mid == "" && len(m.Networks) > 0 {
		// A coordinator with no municipality of their own: the networks.
		if err := s.checkPeriod(from, to); err != nil {
			return err
		}
		m.AsOf = s.DB.Now()
		return s.show(w, r, status, indicatorsViewPage(m))
	}
	got, err := s.DB.GetMunicipalityIndicators(r.Context(), p, mid, from, to)
	if err != nil {
		return err
	}
	m.HasMunicipal, m.MID, m.Municipality, m.Number, m.AsOf = true, mid, got.Municipality.Name, got.Municipality.Number, got.AsOf
	m.Admin = isAdminOf(p, mid)
	for _, o := range mids {
		if o != mid {
			if mm, err := s.DB.GetMunicipality(r.Context(), o); err == nil {
				m.Others = append(m.Others, link{"/indikatorer?kommune=" + url.QueryEscape(o), mm.Name})
			}
		}
	}
	if m.Admin {
		ns, err := s.DB.ListNetworks(r.Context(), mid)
		if err != nil {
			return err
		}
		for _, n := range ns {
			l := link{"/samarbeid/" + n.ID + "/indikatorer", n.Name}
			if !slices.Contains(m.Networks, l) {
				m.Networks = append(m.Networks, l)
			}
		}
	}
	m.Main = m.definitionsGrid("kommune", m.T("indicator.main.caption", got.Municipality.Name), got.Municipality.Name, got.Values)
	m.Grids = append(m.Grids, m.Main)
	if len(got.Units) > 0 {
		var names []string
		var vs []indicators.Values
		for _, u := range got.Units {
			names, vs = append(names, u.Unit.Name), append(vs, u.Values)
		}
		m.Units = m.sideBySide("enheter", m.T("indicator.units.caption"), names, vs)
		m.Grids = append(m.Grids, m.Units)
	}
	levels := []indicators.Key{indicators.ActiveLevel1, indicators.ActiveLevel2, indicators.ActiveLevel3}
	var lnames []string
	var lvs []indicators.Values
	for _, k := range levels {
		lnames, lvs = append(lnames, m.IndicatorName(k)), append(lvs, indicators.Values{indicators.ActiveLevel1: got.Values[k]})
	}
	m.Levels = m.barsOf(indicators.ActiveLevel1, lnames, lvs)
	years, vs, err := trendOver(from, to, got.Values, func(f, t logbook.Date) (indicators.Values, error) {
		back, err := s.DB.GetMunicipalityIndicators(r.Context(), p, mid, f, t)
		if err != nil {
			return nil, err
		}
		return back.Values, nil
	})
	if err != nil {
		return err
	}
	m.TrendGrid, m.Trend = m.trend("trend", years, vs)
	m.TrendText = linesText(m.TrendGrid, trendKeys, &m.layout)
	m.Grids = append(m.Grids, m.TrendGrid)
	outs, err := s.DB.MunicipalityOutcomes(r.Context(), p, mid)
	if err != nil {
		return err
	}
	if len(outs) > 0 {
		m.Outcomes = m.outcomesGrid("utfall", outs, false)
		m.Grids = append(m.Grids, m.Outcomes)
	}
	if m.Published, err = s.DB.IndicatorsPublished(r.Context(), p, mid); err != nil {
		return err
	}
	if done, err := m.writeCSV(w, r); done {
		return err
	}
	return s.show(w, r, status, indicatorsViewPage(m))
}

// checkPeriod checks the dates of a period where no store call does.
func (s *Server) checkPeriod(from, to logbook.Date) error {
	return indicators.CheckPeriod(string(from), string(to))
}

// HandleOutcomeImportForm imports outcome figures for a municipality (POST
// /indikatorer/utfall, fields kommune and file): on success back to the page with a
// confirmation; a refused file shows the page again with every bad row listed.
func (s *Server) HandleOutcomeImportForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	file, err := readOutcomes(r)
	mid := r.FormValue("kommune")
	if err == nil {
		_, err = s.DB.ImportOutcomes(r.Context(), p, store.OutcomeScope{MunicipalityID: mid}, file)
	}
	if err == nil {
		s.RedirectWithFlash(w, r, "/indikatorer?kommune="+url.QueryEscape(mid), "outcomes_imported")
		return nil
	}
	l := s.layoutFor(r, "indicator.title")
	problems, ok := l.importProblems(err)
	if !ok {
		return err
	}
	return s.renderIndicators(w, withoutQuery(r), p, mid, problems, http.StatusUnprocessableEntity)
}

// HandleIndicatorsPublishForm publishes a municipality's indicators or stops
// (POST /indikatorer/publisering, fields kommune and publish=1|0).
func (s *Server) HandleIndicatorsPublishForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mid, on := r.FormValue("kommune"), r.FormValue("publish") == "1"
	if err := s.DB.SetIndicatorsPublished(r.Context(), p, mid, on); err != nil {
		return err
	}
	flash := "indicators_unpublished"
	if on {
		flash = "indicators_published"
	}
	s.RedirectWithFlash(w, r, "/indikatorer?kommune="+url.QueryEscape(mid), flash)
	return nil
}

// withoutQuery is r with no query: a form's answer is the page's default view.
func withoutQuery(r *http.Request) *http.Request {
	c := r.Clone(r.Context())
	u := *r.URL
	u.RawQuery = ""
	c.URL = &u
	return c
}

// PublicLink is where a municipality's published indicators are.
func (m *indicatorsPage) PublicLink() string { return "/k/" + m.Number + "/indikatorer" }

// LevelsText is the bars of active logs by level in words.
func (m *indicatorsPage) LevelsText() string { return barsText(m.Levels) }
