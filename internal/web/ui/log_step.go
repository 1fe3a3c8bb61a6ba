package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// HandleStepForm ticks a step from the log page's checklist.
func (s *Server) HandleStepForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	_, _, err := s.DB.MarkStepDone(r.Context(), a, id, r.PathValue("sid"), r.PostForm.Get("text"))
	return "step_done", "#h-steps", err
}

// CanMarkStep reports whether the reader may tick the log's steps now.
func (m *logPage) CanMarkStep() bool {
	st := access.LogState{Status: string(m.V.Log.Status), Level: int(m.V.Log.Level)}
	return !m.Print && access.Decide(m.V.Relation, st, access.ActionMarkStep) == access.Allow
}

// GuideLevelPath is the public page of the log's level in the municipality's guide.
func (m *logPage) GuideLevelPath() string {
	if m.V.Guide == nil || m.V.Guide.MunicipalityNumber == "" {
		return ""
	}
	return app.GuideLevelPath(m.V.Guide.MunicipalityNumber, int(m.V.Log.Level))
}

// StepDue describes when a step is due, for the checklist: "" for a step without a
// deadline.
func (m *logPage) StepDue(st store.LogStep) string {
	if st.Due == "" {
		return ""
	}
	if st.Overdue {
		return m.T("steps.overdue_since", m.Day(st.Due.String()))
	}
	return m.T("steps.due", m.Day(st.Due.String()))
}
