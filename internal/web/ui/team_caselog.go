package ui

import (
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// caseLogPage opens an undring from an anonymous case: what it carries over (the
// theme, the question and the advice) and the fields for the child and the unit.
type caseLogPage struct {
	layout
	Meeting *store.MeetingView
	Case    store.CaseView
	Units   []unitChoice
	Action  string
}

// HandleCaseLogPage shows the form (/team/{id}/mote/{mid}/saker/{cid}/logg) to the
// one who brought the case, while it has not become a log; to anyone else it is
// not there.
func (s *Server) HandleCaseLogPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderCaseLog(w, r, p, nil, http.StatusOK)
}

// HandleCaseLogCreate opens the undring and goes to its page.
func (s *Server) HandleCaseLogCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	in := newLogOf(r)
	in.Concern = "" // the case's question is the concern
	l, err := s.DB.CaseToLog(r.Context(), p, r.PathValue("id"), r.PathValue("cid"), in)
	if err != nil {
		status := formStatus(w, err)
		failed, err := childFormError("caselog", r, err)
		if err != nil {
			return err
		}
		return s.renderCaseLog(w, r, p, failed, status)
	}
	s.RedirectWithFlash(w, r, "/logg/"+l.ID, "undring_opened")
	return nil
}

func (s *Server) renderCaseLog(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	mv, err := s.DB.GetMeeting(r.Context(), p, r.PathValue("id"), r.PathValue("mid"))
	if err != nil {
		return err
	}
	m := &caseLogPage{layout: s.layoutFor(r, "team.caselog.title"), Meeting: mv}
	m.failed = failed
	found := false
	for _, c := range mv.Cases {
		if c.ID == r.PathValue("cid") && mayOpenLog(c, p.User.ID) {
			m.Case, found = c, true
		}
	}
	if !found {
		return fault.New(fault.NotFound, "no such case to open a log from")
	}
	m.Action = "/team/" + mv.Team.ID + "/mote/" + mv.Meeting.ID + "/saker/" + m.Case.ID + "/logg"
	if m.Units, err = s.workUnits(r, p); err != nil {
		return err
	}
	return s.show(w, r, status, caseLogView(m))
}

// mayOpenLog reports whether user uid may open a log from case c: uid brought it,
// it is anonymous, and it has not become a log yet.
func mayOpenLog(c store.CaseView, uid string) bool {
	return c.Anonymous && c.CreatedLogID == "" && c.BroughtBy == uid
}

// MayOpenLog reports whether the person looking may open a log from case c.
func (m *meetingPage) MayOpenLog(c store.CaseView) bool { return mayOpenLog(c, m.Self) }
