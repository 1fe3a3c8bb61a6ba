package api

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleChildCorrect corrects the child's name, initials or birth date
// (PATCH /api/v1/logs/{id}/child) and answers with the log, whose entries now keep
// the correction with its old and new values.
func (s *Server) HandleChildCorrect(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.ChildCorrection
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	l, err := s.DB.CorrectChild(r.Context(), app.ActorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}

type moveEvaluationRequest struct {
	EvaluateBy logbook.Date `json:"evaluate_by"`
	Reason     string       `json:"reason"`
}

// HandleEvaluationMove moves a measure's evaluation date with a reason
// (POST /api/v1/logs/{id}/entries/{eid}/evaluate-by {"evaluate_by","reason"}) and
// answers 201 with the measure's new version, which amends eid.
func (s *Server) HandleEvaluationMove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req moveEvaluationRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	e, err := s.DB.MoveEvaluation(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("eid"), req.EvaluateBy, req.Reason)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, entryJSON{Entry: *e, Text: e.Text, Author: refJSON{ID: e.AuthorID, Name: p.User.Name},
		Amends: optional(e.Amends), FromFam: e.AuthorRole.IsFamily()})
	return nil
}
