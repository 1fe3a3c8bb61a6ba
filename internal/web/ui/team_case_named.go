package ui

import (
	"net/http"
	"strings"
	"time"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/team"
	"stafett/internal/web/app"
)

// namedCasePage brings a log to a team's coming meeting as a named case
// (/logg/{id}/team): the meetings of the person's teams to choose from.
type namedCasePage struct {
	layout
	LogID, Child string
	Meetings     []logOption
}

// namedCaseHorizon is how far ahead the form offers meetings.
const namedCaseHorizon = 120 * 24 * time.Hour

// HandleNamedCasePage shows the form to anyone who may read the log.
func (s *Server) HandleNamedCasePage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderNamedCase(w, r, p, nil, http.StatusOK)
}

// HandleNamedCaseCreate puts the log on the chosen meeting's agenda, allowed only
// while the log's valid consent covers every unit of the team, and goes to the
// meeting.
func (s *Server) HandleNamedCaseCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	tid, mid, _ := strings.Cut(r.PostForm.Get("meeting"), "/")
	var err error
	if tid == "" || mid == "" {
		err = fault.Validation("meeting", fault.FieldRequired)
	} else {
		err = s.DB.AddCase(r.Context(), p, tid, mid, &team.Case{LogID: r.PathValue("id")})
		if fault.Is(err, fault.NotFound) {
			// A meeting that is gone (or a team the person left) is a choice to make again.
			err = fault.Validation("meeting", fault.FieldNotFound)
		}
	}
	if err != nil {
		status := formStatus(w, err)
		failed, err := formError("namedcase", r, err)
		if err != nil {
			return err
		}
		return s.renderNamedCase(w, r, p, failed, status)
	}
	s.RedirectWithFlash(w, r, "/team/"+tid+"/mote/"+mid, "case_added")
	return nil
}

func (s *Server) renderNamedCase(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	v, err := s.DB.GetLogPage(r.Context(), app.ActorOf(p), r.PathValue("id"), 1)
	if err != nil {
		return err
	}
	if !v.Relation.Staff() {
		return fault.New(fault.NotFound, "only staff bring a log to a team")
	}
	m := &namedCasePage{layout: s.layoutFor(r, "team.named.title"), LogID: v.Log.ID}
	m.failed = failed
	m.Child = m.ChildLabel(v.Log.Child)
	teams, err := s.DB.ListTeams(r.Context(), p)
	if err != nil {
		return err
	}
	now := s.DB.Now()
	chosen := ""
	if f := m.Form("namedcase"); f != nil {
		chosen = f.Values.Get("meeting")
	}
	for _, t := range teams {
		tv, ms, err := s.DB.ListMeetings(r.Context(), p, t.ID, now, now.Add(namedCaseHorizon))
		if err != nil {
			return err
		}
		if !access.CanWorkCases(tv.Rel) {
			continue
		}
		for _, mt := range ms {
			if mt.Cancelled || !mt.StartsAt.After(now) {
				continue
			}
			value := t.ID + "/" + mt.ID
			m.Meetings = append(m.Meetings, logOption{Value: value, Label: t.Name + ", " + m.DateTime(mt.StartsAt), Selected: value == chosen})
		}
	}
	return s.show(w, r, status, namedCaseView(m))
}

// Summary is the failed form's error summary; a missing consent links to the log's
// consent form, where it is put right.
func (m *namedCasePage) Summary() *errorSummary {
	sum := m.Errors("namedcase")
	if sum != nil {
		for i, it := range sum.Items {
			if it.Name == "consent" {
				sum.Items[i].Href = "/logg/" + m.LogID + "/samtykker/ny"
			}
		}
	}
	return sum
}
