package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// overviewPage is the person's own front page.
type overviewPage struct {
	layout
	*store.Overview
	Staff bool // works in a unit: may open an undring
	Units []unitChoice
	// Leads are the units the person leads, for their unit view.
	Leads []unitChoice
	// Tasks is "Mine oppgaver": what the person is to do, overdue first.
	Tasks []task
}

// unitChoice is a unit the person may open a log in.
type unitChoice struct {
	ID, Name string
}

// HandleOverview shows the person's logs, what waits for them and what is new.
func (s *Server) HandleOverview(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	o, err := s.DB.GetOverview(r.Context(), app.ActorOf(p))
	if err != nil {
		return err
	}
	m := &overviewPage{layout: s.layoutFor(r, "overview.title"), Overview: o}
	if m.Units, err = s.workUnits(r, p); err != nil {
		return err
	}
	m.Staff = len(m.Units) > 0
	for _, u := range m.Units {
		if p.Roles.InUnit(people.UnitLeader, u.ID) {
			m.Leads = append(m.Leads, u)
		}
	}
	if !m.Staff && isAdmin(p) && len(o.Logs) == 0 && len(o.Transfers) == 0 && access.Administer(app.ActorOf(p)) == nil {
		// An administrator who works in no unit has no logs: their start page is the
		// administration, not an empty list (once it opens: with a second factor).
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return nil
	}
	consents, err := s.DB.ExpiringConsents(r.Context(), app.ActorOf(p))
	if err != nil {
		return err
	}
	m.Tasks = m.tasks(consents)
	return s.show(w, r, http.StatusOK, overviewView(m))
}

// workUnits lists the units where p is an employee or leader.
func (s *Server) workUnits(r *http.Request, p *people.Principal) ([]unitChoice, error) {
	var out []unitChoice
	seen := map[string]bool{}
	for _, role := range p.Roles {
		if role.UnitID == "" || seen[role.UnitID] {
			continue
		}
		seen[role.UnitID] = true
		u, err := s.DB.GetUnit(r.Context(), role.UnitID)
		if err != nil {
			return nil, err
		}
		out = append(out, unitChoice{ID: u.ID, Name: u.Name})
	}
	return out, nil
}

// ChildLabel names a child as the lists show them: the name, else the initials.
func (l *layout) ChildLabel(c logbook.Child) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Initials
}

// pubNote is " (text)" when cond holds, to follow what it remarks on, else "".
func pubNote(cond bool, text string) string {
	if !cond {
		return ""
	}
	return " (" + text + ")"
}

// deadline is the deadline column of a log in the list: the undring's deadline, else
// the next one, else "–".
func (m *overviewPage) deadline(o store.OverviewLog) string {
	switch {
	case o.Log.Status == logbook.StatusUndring:
		return m.Date(o.Log.UndringDeadline)
	case !o.NextDeadline.IsZero():
		return m.Day(o.NextDeadline.String())
	}
	return "–"
}
