package ui

import (
	"net/http"
	"strings"

	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
)

// networkPage is /samarbeid/{id}: a network's members and hours, its courses, search by
// need across it and, for those who may read them, the year's course report (its
// coordinators) and the risks of the member municipalities (the coordinators all of
// them, a municipality's administrators their own).
type networkPage struct {
	layout
	reportView
	N          *store.NetworkOverview
	Q          string
	Searched   bool
	Hits       []store.CompetenceHit
	Risks      []memberRisks
	ShowRisk   bool
	Indicators bool
}

// memberRisks are the risks of one member municipality.
type memberRisks struct {
	ID, Name string
	Risks    []competence.Risk
}

// HandleNetworkPage shows network {id} to its coordinators and to anyone holding a role
// in a member municipality; others are told it is not there.
func (s *Server) HandleNetworkPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ctx := r.Context()
	n, err := s.DB.GetNetworkOverview(ctx, p, r.PathValue("id"))
	if err != nil {
		return err
	}
	m := &networkPage{layout: s.layoutFor(r, "network.title"), N: n}
	m.Title = n.Network.Name
	m.Q = strings.TrimSpace(r.URL.Query().Get("q"))
	if m.Q != "" && len(m.Q) <= 200 {
		m.Searched = true
		m.Hits, err = s.DB.SearchCompetence(ctx, p, store.CompetenceQuery{Q: m.Q, NetworkID: n.Network.ID})
		if err != nil && !fault.Is(err, fault.Invalid) && !fault.Is(err, fault.Forbidden) {
			return err
		}
	}
	for _, mb := range n.Network.Members {
		admin := p.Roles.Has(people.MunicipalityAdmin, mb.ID)
		m.Indicators = m.Indicators || admin
		if !n.Coordinates && !admin {
			continue
		}
		risks, err := s.DB.ListRisks(ctx, p, mb.ID)
		if err != nil {
			if quiet(err) {
				continue
			}
			return err
		}
		m.ShowRisk = true
		m.Risks = append(m.Risks, memberRisks{ID: mb.ID, Name: mb.Name, Risks: risks})
	}
	if n.Coordinates {
		m.Indicators = true
		from, to := s.yearRange(&m.layout)
		rep, err := s.DB.CourseReport(ctx, p, "", n.Network.ID, from, to)
		switch {
		case err == nil:
			m.reportView = newReportView(rep, "", n.Network.ID, from, to)
			if err := s.addTeams(r, p, &m.reportView); err != nil {
				return err
			}
		case !quiet(err):
			return err
		}
	}
	return s.show(w, r, http.StatusOK, networkPageView(m))
}

// quiet reports whether err only means that a part of a page is not for this reader
// (or not without a second factor), so the part is left out.
func quiet(err error) bool {
	return fault.Is(err, fault.Forbidden) || fault.Is(err, fault.NotFound) || fault.Is(err, fault.SecondFactorRequired)
}
