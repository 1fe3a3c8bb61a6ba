package web

import (
	"bytes"
	"io"
	"net/http"

	"stafett/internal/access"
	"stafett/internal/store"
)

// stepDoneRequest is the optional body of POST /api/v1/logs/{id}/steps/{sid}/done: a
// note that goes into the entry with the step's title.
type stepDoneRequest struct {
	Text string `json:"text"`
}

// handleStepDone ticks a step of the log's checklist. It follows the rule for adding
// entries (access.ActionMarkStep): a log the actor may not see is 404, a closed log
// 409. A step not on the checklist of the log's current level is 404. The first tick
// answers 201 with the step; ticking a step already done is idempotent: 200 with the
// step as it was, and no new entry.
func (s *Server) handleStepDone(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var req stepDoneRequest
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyError(err)
	}
	if len(bytes.TrimSpace(body)) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := decodeJSON(r, &req); err != nil {
			return err
		}
	}
	st, created, err := s.db.MarkStepDone(r.Context(), actorOf(p), r.PathValue("id"), r.PathValue("sid"), req.Text)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, newStepJSON(st))
	return nil
}

// handleStepForm ticks a step from the log page's checklist.
func (s *Server) handleStepForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	_, _, err := s.db.MarkStepDone(r.Context(), a, id, r.PathValue("sid"), r.PostForm.Get("text"))
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
	return guideLevelPath(m.V.Guide.MunicipalityNumber, int(m.V.Log.Level))
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
