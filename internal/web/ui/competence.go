package ui

import (
	"net/http"
	"slices"
	"strings"

	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// competencePage is /kompetanse: the person's own competence, search by need and, for
// leaders and municipality admins, the units resting on too few people.
type competencePage struct {
	layout
	Own      []competence.Competence
	Q        string
	Networks []org.Network // the networks the person belongs to: links and search scopes
	Scope    string        // the network searched, or empty for the own municipality
	Searched bool
	Hits     []store.CompetenceHit
	Risks    []competence.Risk
	ShowRisk bool
}

// HandleCompetencePage shows the person's competence, searches by need (?q=) in their
// own municipality and its networks, and lists risks where they may read them.
func (s *Server) HandleCompetencePage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m := &competencePage{layout: s.layoutFor(r, "competence.title")}
	var err error
	if m.Own, err = s.DB.ListCompetences(r.Context(), p, p.User.ID); err != nil {
		return err
	}
	if m.Networks, err = s.DB.MyNetworks(r.Context(), p); err != nil {
		return err
	}
	m.Q = strings.TrimSpace(r.URL.Query().Get("q"))
	m.Scope = r.URL.Query().Get("network_id")
	if m.Scope != "" && !slices.ContainsFunc(m.Networks, func(n org.Network) bool { return n.ID == m.Scope }) {
		return fault.New(fault.NotFound, "network not found")
	}
	if m.Q != "" && len(m.Q) <= 200 {
		m.Searched = true
		if m.Hits, err = s.DB.SearchCompetence(r.Context(), p, store.CompetenceQuery{Q: m.Q, NetworkID: m.Scope}); err != nil && !fault.Is(err, fault.Invalid) && !fault.Is(err, fault.Forbidden) {
			return err
		}
	}
	if mid := riskMunicipality(p.Roles); mid != "" {
		risks, err := s.DB.ListRisks(r.Context(), p, mid)
		switch {
		case err == nil:
			m.Risks, m.ShowRisk = risks, true
		case fault.Is(err, fault.Forbidden), fault.Is(err, fault.NotFound), fault.Is(err, fault.SecondFactorRequired):
		default:
			return err
		}
	}
	return s.show(w, r, http.StatusOK, competenceView(m))
}

// riskMunicipality is the municipality whose risks the person may read: where they
// are municipality admin or lead a unit.
func riskMunicipality(rs people.Roles) string {
	for _, r := range rs {
		if (r.Role == people.MunicipalityAdmin || r.Role == people.UnitLeader) && r.MunicipalityID != "" {
			return r.MunicipalityID
		}
	}
	return ""
}

// LevelText is a level in the page's language.
func (l *layout) LevelText(v competence.Level) string { return l.T("competence.level." + string(v)) }

// SourceText is where a competence came from in the page's language.
func (l *layout) SourceText(v competence.Source) string { return l.T("competence.source." + string(v)) }
