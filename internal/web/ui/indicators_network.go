package ui

import (
	"net/http"

	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/ui/chart"
)

// networkIndicatorsPage is /samarbeid/{id}/indikatorer: every member side by side
// with the total, as the store protected them for the viewer (their own
// municipality from inside, the partners as outsiders), the trend of the total over
// the years and the members' outcome figures.
type networkIndicatorsPage struct {
	indicatorsView
	Network       string
	NID           string
	Members       []store.MemberIndicators
	Side          *grid
	Definitions   *grid
	TrendGrid     *grid
	Outcomes      *grid
	Bars          []chart.BarGeom
	Trend         chart.Lines
	TrendText     string
	Coordinator   bool
	Problems      []importProblem
	OutcomeKeys   string
	OutcomeHeader string
}

// BarsText is the members' bars in words.
func (m *networkIndicatorsPage) BarsText() string { return barsText(m.Bars) }

// HandleNetworkIndicatorsPage shows a network's indicators (?csv=, ?utskrift=1 as
// /indikatorer).
func (s *Server) HandleNetworkIndicatorsPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderNetworkIndicators(w, r, p, nil, http.StatusOK)
}

func (s *Server) renderNetworkIndicators(w http.ResponseWriter, r *http.Request, p *people.Principal, problems []importProblem, status int) error {
	nid := r.PathValue("id")
	m := &networkIndicatorsPage{indicatorsView: indicatorsView{layout: s.layoutFor(r, "indicator.network.title"),
		Base: "/samarbeid/" + nid + "/indikatorer", Print: r.URL.Query().Get("utskrift") == "1"},
		NID: nid, Problems: problems, OutcomeKeys: OutcomeKeyList(), OutcomeHeader: outcomeColumns}
	from, to := s.period(r)
	m.From, m.To = string(from), string(to)
	got, err := s.DB.GetNetworkIndicators(r.Context(), p, nid, from, to)
	if err != nil {
		return err
	}
	m.Network, m.Members, m.AsOf, m.Coordinator = got.Network.Name, got.Members, got.AsOf, p.Roles.Coordinates(nid)
	m.Title = m.T("indicator.network.heading", got.Network.Name)
	var names []string
	var vs []indicators.Values
	for _, mm := range got.Members {
		names, vs = append(names, mm.Municipality.Name), append(vs, mm.Values)
	}
	// Active logs by member and level: a partner's small count is a missing bar.
	var bnames []string
	var bvs []indicators.Values
	for i, v := range vs {
		for _, k := range []indicators.Key{indicators.ActiveLevel1, indicators.ActiveLevel2, indicators.ActiveLevel3} {
			bnames = append(bnames, names[i]+", "+m.T("indicator.level", string(k)[len(k)-1:]))
			bvs = append(bvs, indicators.Values{indicators.ActiveLevel1: v[k]})
		}
	}
	m.Bars = m.barsOf(indicators.ActiveLevel1, bnames, bvs)
	m.Side = m.sideBySide("medlemmer", m.T("indicator.network.caption", got.Network.Name), append(names, m.T("indicator.total")), append(vs, got.Total))
	m.Definitions = m.definitionsGrid("definisjoner", m.T("indicator.network.total_caption"), m.T("indicator.total"), got.Total)
	m.Grids = append(m.Grids, m.Side, m.Definitions)
	years, tvs, err := trendOver(from, to, got.Total, func(f, t logbook.Date) (indicators.Values, error) {
		back, err := s.DB.GetNetworkIndicators(r.Context(), p, nid, f, t)
		if err != nil {
			return nil, err
		}
		return back.Total, nil
	})
	if err != nil {
		return err
	}
	m.TrendGrid, m.Trend = m.trend("trend", years, tvs)
	m.TrendGrid.Caption = m.T("indicator.network.trend.caption")
	m.TrendText = linesText(m.TrendGrid, trendKeys, &m.layout)
	m.Grids = append(m.Grids, m.TrendGrid)
	outs, err := s.DB.NetworkOutcomes(r.Context(), p, nid)
	if err != nil {
		return err
	}
	if len(outs) > 0 {
		m.Outcomes = m.outcomesGrid("utfall", outs, true)
		m.Grids = append(m.Grids, m.Outcomes)
	}
	if done, err := m.writeCSV(w, r); done {
		return err
	}
	return s.show(w, r, status, networkIndicatorsViewPage(m))
}

// HandleNetworkOutcomeImportForm imports outcome figures for a network's members
// (POST /samarbeid/{id}/indikatorer/utfall, its coordinators).
func (s *Server) HandleNetworkOutcomeImportForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	nid := r.PathValue("id")
	file, err := readOutcomes(r)
	if err == nil {
		_, err = s.DB.ImportOutcomes(r.Context(), p, store.OutcomeScope{NetworkID: nid}, file)
	}
	if err == nil {
		s.RedirectWithFlash(w, r, "/samarbeid/"+nid+"/indikatorer", "outcomes_imported")
		return nil
	}
	l := s.layoutFor(r, "indicator.network.title")
	problems, ok := l.importProblems(err)
	if !ok {
		return err
	}
	return s.renderNetworkIndicators(w, withoutQuery(r), p, problems, http.StatusUnprocessableEntity)
}
