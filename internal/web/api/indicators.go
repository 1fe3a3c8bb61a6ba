package api

import (
	"net/http"
	"time"

	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// The result indicators (API.md, Indicators): a municipality's for its administrators
// and leaders, a network's for the administrators of its members. The store decides
// who sees what and hides small numbers; these handlers only shape the answer.

type indicatorRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type indicatorUnit struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Indicators indicators.Values `json:"indicators"`
}

type municipalityIndicatorsBody struct {
	Municipality indicatorRef      `json:"municipality"`
	From         logbook.Date      `json:"from"`
	To           logbook.Date      `json:"to"`
	AsOf         time.Time         `json:"as_of"`
	Indicators   indicators.Values `json:"indicators"`
	Units        []indicatorUnit   `json:"units"`
}

type networkMemberBody struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Own        bool              `json:"own"`
	Indicators indicators.Values `json:"indicators"`
}

type networkIndicatorsBody struct {
	Network        indicatorRef        `json:"network"`
	From           logbook.Date        `json:"from"`
	To             logbook.Date        `json:"to"`
	AsOf           time.Time           `json:"as_of"`
	Municipalities []networkMemberBody `json:"municipalities"`
	Total          indicators.Values   `json:"total"`
}

// IndicatorPeriod reads ?from=D&to=D: to defaults to today in Europe/Oslo, from to
// the first of January of to's year. The store checks them.
func IndicatorPeriod(r *http.Request, now time.Time) (from, to logbook.Date) {
	q := r.URL.Query()
	to = logbook.Date(q.Get("to"))
	if !q.Has("to") {
		to = logbook.DateOf(now)
	}
	from = logbook.Date(q.Get("from"))
	if !q.Has("from") && len(to) >= 4 {
		from = logbook.Date(string(to)[:4] + "-01-01")
	}
	return from, to
}

// HandleMunicipalityIndicators returns a municipality's indicators for a period.
func (s *Server) HandleMunicipalityIndicators(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	from, to := IndicatorPeriod(r, s.DB.Now())
	got, err := s.DB.GetMunicipalityIndicators(r.Context(), p, r.PathValue("mid"), from, to)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, municipalityIndicatorsJSON(got))
	return nil
}

func municipalityIndicatorsJSON(m *store.MunicipalityIndicators) municipalityIndicatorsBody {
	out := municipalityIndicatorsBody{Municipality: indicatorRef{m.Municipality.ID, m.Municipality.Name},
		From: m.From, To: m.To, AsOf: m.AsOf, Indicators: m.Values, Units: []indicatorUnit{}}
	for _, u := range m.Units {
		out.Units = append(out.Units, indicatorUnit{ID: u.Unit.ID, Name: u.Unit.Name, Indicators: u.Values})
	}
	return out
}

// HandleNetworkIndicators returns a network's indicators for a period: its members
// side by side and the total.
func (s *Server) HandleNetworkIndicators(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	from, to := IndicatorPeriod(r, s.DB.Now())
	got, err := s.DB.GetNetworkIndicators(r.Context(), p, r.PathValue("nid"), from, to)
	if err != nil {
		return err
	}
	out := networkIndicatorsBody{Network: indicatorRef{got.Network.ID, got.Network.Name}, From: got.From, To: got.To,
		AsOf: got.AsOf, Municipalities: []networkMemberBody{}, Total: got.Total}
	for _, m := range got.Members {
		out.Municipalities = append(out.Municipalities, networkMemberBody{ID: m.Municipality.ID, Name: m.Municipality.Name,
			Own: m.Own, Indicators: m.Values})
	}
	app.WriteJSON(w, http.StatusOK, out)
	return nil
}
