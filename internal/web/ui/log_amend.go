package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"stafett/internal/access"
	"stafett/internal/logbook"
)

// Entries are corrected from the page (issue 21 point 5): the author of a note,
// concern, bright spot, measure or meeting opens GET /logg/{id}/innslag/{eid}/rett,
// the entry's form filled in with what it says now, and saving it adds a new
// version (store.AmendEntry); the timeline keeps the earlier versions behind the
// newest. Evaluations are corrected through the API only.

// FormAmend is the page that corrects an entry.
const FormAmend = "amend" // GET /logg/{id}/innslag/{eid}/rett

// AmendFormName names the form correcting the entry in the path.
func AmendFormName(r *http.Request) string { return "amend-" + r.PathValue("eid") }

// amendPath is where entry eid of log id is corrected.
func amendPath(id, eid string) string { return "/logg/" + id + "/innslag/" + eid + "/rett" }

// amendable reports whether the reader may correct entry e from the page: their
// own, of a kind they may still write, the newest version, in an open log.
func (m *logPage) amendable(e timelineEntry) bool {
	return !m.Print && m.V.Log.Status != logbook.StatusClosed && e.AuthorID == m.ReaderID && slices.Contains(m.Kinds, e.Kind)
}

// setAmendPaths links the timeline's entries the reader may correct to their page.
func (m *logPage) setAmendPaths() {
	for i := range m.Items {
		if m.amendable(m.Timeline[i]) {
			m.Items[i].AmendPath = amendPath(m.V.Log.ID, m.Items[i].ID)
		}
	}
}

// amendPage is the form correcting entry eid.
func (m *logPage) amendPage(fp *formPage, eid string) (*formPage, error) {
	i := slices.IndexFunc(m.Timeline, func(e timelineEntry) bool { return e.ID == eid })
	if i < 0 {
		return nil, errNoForm
	}
	e := m.Timeline[i]
	if !m.amendable(e) {
		return nil, mayNot()
	}
	name := "amend-" + eid
	if m.Form(name) == nil {
		// Not sent yet: the form shows what the entry says now.
		m.failed = &form{Name: name, Values: entryValues(e.Entry, m)}
		defer func() { m.failed = nil }()
	}
	w := m.writeFormFor(e.Kind, name)
	if m.failed.Errors == nil && m.failed.Message == "" {
		w.Errors = nil
	}
	w.Action, w.Open = amendPath(m.V.Log.ID, eid), true
	fp.Write, fp.Heading, fp.Intro = &w, m.T("amend.title"), m.T("amend.intro")
	fp.Back += "#innslag-" + eid
	return fp, nil
}

// entryValues are entry e's fields as its form sends them.
func entryValues(e logbook.Entry, m *logPage) url.Values {
	v := url.Values{"kind": {string(e.Kind)}, "text": {e.Text}}
	switch e.Kind {
	case logbook.KindMeasure:
		v.Set("goal", e.Goal)
		v.Set("responsible_user_id", e.ResponsibleUserID)
		v.Set("catalog_service_id", e.CatalogServiceID)
		v.Set("start_date", string(e.StartDate))
		v.Set("evaluate_by", string(e.EvaluateBy))
	case logbook.KindMeeting:
		v.Set("held_at", m.In(e.HeldAt).Format("2006-01-02T15:04"))
		v.Set("attendees", strings.Join(e.Attendees, "\n"))
		v.Set("decisions", e.Decisions)
	}
	return v
}

// HandleAmendForm saves the corrected entry as its new version.
func (s *Server) HandleAmendForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	in, err := s.entryFromForm(r)
	if err != nil {
		return "", "", err
	}
	e, err := s.DB.AmendEntry(r.Context(), a, id, r.PathValue("eid"), in)
	if err != nil {
		return "", "", err
	}
	return "entry_amended", "#innslag-" + e.ID, nil
}
