package ui

import (
	"net/http"

	"stafett/internal/indicators"
	"stafett/internal/web/ui/chart"
)

// publicIndicatorsPage is /k/{nr}/indikatorer: what a municipality chose to publish,
// to anyone, every small number suppressed as for an outsider.
type publicIndicatorsPage struct {
	indicatorsView
	Municipality string
	Main         *grid
	Outcomes     *grid
	Levels       []chart.BarGeom
}

// LevelsText is the bars of active logs by level in words.
func (m *publicIndicatorsPage) LevelsText() string { return barsText(m.Levels) }

// HandlePublicIndicatorsPage shows a municipality's published indicators; one that
// does not exist or does not publish them is not found.
func (s *Server) HandlePublicIndicatorsPage(w http.ResponseWriter, r *http.Request) error {
	nr := r.PathValue("nr")
	m := &publicIndicatorsPage{indicatorsView: indicatorsView{layout: s.layoutFor(r, "indicator.title"),
		Base: "/k/" + nr + "/indikatorer", Print: r.URL.Query().Get("utskrift") == "1"}}
	from, to := s.period(r)
	m.From, m.To = string(from), string(to)
	got, err := s.DB.GetPublicIndicators(r.Context(), nr, from, to)
	if err != nil {
		return err
	}
	m.Municipality, m.AsOf = got.Municipality.Name, got.AsOf
	m.Title = m.T("indicator.heading", got.Municipality.Name)
	m.Main = m.definitionsGrid("kommune", m.T("indicator.main.caption", got.Municipality.Name), got.Municipality.Name, got.Values)
	m.Grids = append(m.Grids, m.Main)
	var names []string
	var vs []indicators.Values
	for _, k := range []indicators.Key{indicators.ActiveLevel1, indicators.ActiveLevel2, indicators.ActiveLevel3} {
		names, vs = append(names, m.IndicatorName(k)), append(vs, indicators.Values{indicators.ActiveLevel1: got.Values[k]})
	}
	m.Levels = m.barsOf(indicators.ActiveLevel1, names, vs)
	if len(got.Outcomes) > 0 {
		m.Outcomes = m.outcomesGrid("utfall", got.Outcomes, false)
		m.Grids = append(m.Grids, m.Outcomes)
	}
	if done, err := m.writeCSV(w, r); done {
		return err
	}
	return s.show(w, r, http.StatusOK, publicIndicatorsViewPage(m))
}
