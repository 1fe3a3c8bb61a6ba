package ui

import (
	"fmt"
	"net/http"

	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// transferPreviewPage is /overforinger/{tid}: what the proposed new holder takes on
// before answering (issue 21 point 6), with the answers; declining can say why.
type transferPreviewPage struct {
	layout
	ID, Child, From, Note, Level, LevelExplain string
	Measures                                   []string
	Covered                                    string
	Participants                               []string
	Reason                                     fieldView
}

// HandleTransferPreview shows waiting transfer {tid} to its proposed holder.
func (s *Server) HandleTransferPreview(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	tp, err := s.DB.GetTransferPreview(r.Context(), app.ActorOf(p), r.PathValue("tid"))
	if err != nil {
		return err
	}
	m := &transferPreviewPage{layout: s.layoutFor(r, "transfer.preview.title"), ID: tp.Transfer.ID, Note: tp.Transfer.Note}
	m.Child = m.ChildLabel(tp.Child)
	m.Title = m.T("transfer.preview.heading", m.Child)
	m.From = m.T("transfer.preview.from", tp.FromName, tp.UnitName)
	m.Level = m.T(fmt.Sprintf("level.short.%d", tp.Level))
	m.LevelExplain = m.T(fmt.Sprintf("level.explain.%d", tp.Level))
	for _, ms := range tp.OpenMeasures {
		m.Measures = append(m.Measures, m.T("transfer.preview.measure", ms.Goal, m.Day(ms.EvaluateBy.String())))
	}
	m.Covered = m.list(tp.Covered)
	for _, pv := range activeParticipants(tp.Participants) {
		m.Participants = append(m.Participants, m.T("event.person_in_unit", pv.Name, pv.UnitName))
	}
	m.Reason = m.Field("decline", "reason", "label.decline_reason")
	return s.show(w, r, http.StatusOK, transferPreviewView(m))
}

// activeParticipants are those of ps who still have access.
func activeParticipants(ps []store.ParticipantView) []store.ParticipantView {
	var out []store.ParticipantView
	for _, p := range ps {
		if p.Active {
			out = append(out, p)
		}
	}
	return out
}

// list joins names as a sentence lists them.
func (l *layout) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, it := range items[1 : len(items)-1] {
		out += ", " + it
	}
	return l.T("event.list_and", out, items[len(items)-1])
}
