package ui

import (
	"net/http"

	"stafett/internal/audit"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// adminAuditPage shows a municipality's administrators who changed what in its
// administration: units, users, roles, the guide and the service overview.
type adminAuditPage struct {
	layout
	Municipality *org.Municipality
	System       bool
	From, To     string
	Events       []adminEventView
}

// adminEventView is one administrative change as the page lists it.
type adminEventView struct {
	When, WhenISO, Actor, Action, Target, Link string
}

// HandleAdminAudit lists the administrative changes in a municipality, newest
// first, in the period ?from=&to= when given.
func (s *Server) HandleAdminAudit(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	from, to, err := app.Period(q)
	if err != nil {
		return err
	}
	events, err := s.DB.ListAdminAudit(r.Context(), p, audit.AdminFilter{MunicipalityID: mun.ID, From: from, To: to})
	if err != nil {
		return err
	}
	m := adminAuditPage{layout: s.layoutFor(r, "admin.audit.title"), Municipality: mun, System: p.Roles.IsSystemAdmin(),
		From: q.Get("from"), To: q.Get("to")}
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		v := adminEventView{When: m.DateTime(e.At), WhenISO: e.At.UTC().Format("2006-01-02T15:04:05Z"), Actor: e.ActorName,
			Action: m.T("admin.audit.action." + string(e.Action)), Target: m.T("admin.audit.target." + string(e.TargetType))}
		if v.Actor == "" {
			v.Actor = m.T("admin.audit.system")
		}
		switch e.TargetType {
		case audit.TargetUser:
			v.Link = "/admin/brukere/" + e.TargetID
		case audit.TargetUnit:
			v.Link = "/admin/enheter/" + e.TargetID
		}
		m.Events = append(m.Events, v)
	}
	return s.pages.render(r.Context(), w, http.StatusOK, adminAuditView(&m))
}
