package api

import (
	"bytes"
	"io"
	"net/http"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// stepDoneRequest is the optional body of POST /api/v1/logs/{id}/steps/{sid}/done: a
// note that goes into the entry with the step's title.
type stepDoneRequest struct {
	Text string `json:"text"`
}

// HandleStepDone ticks a step of the log's checklist. It follows the rule for adding
// entries (access.ActionMarkStep): a log the actor may not see is 404, a closed log
// 409. A step not on the checklist of the log's current level is 404. The first tick
// answers 201 with the step; ticking a step already done is idempotent: 200 with the
// step as it was, and no new entry.
func (s *Server) HandleStepDone(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req stepDoneRequest
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return app.BodyError(err)
	}
	if len(bytes.TrimSpace(body)) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := app.DecodeJSON(r, &req); err != nil {
			return err
		}
	}
	st, created, err := s.DB.MarkStepDone(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("sid"), req.Text)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	app.WriteJSON(w, status, newStepJSON(st))
	return nil
}
