package api

import (
	"net/http"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type levelRequest struct {
	Level  int    `json:"level"`
	Reason string `json:"reason"`
}

// HandleLevelChange moves a log between levels; leaving level 0 activates it.
func (s *Server) HandleLevelChange(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req levelRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	l, err := s.DB.ChangeLevel(r.Context(), app.ActorOf(p), r.PathValue("id"), req.Level, req.Reason)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}

// HandleUndringDecision ends an undring: closed, activated or reported to child welfare.
func (s *Server) HandleUndringDecision(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var d logbook.UndringDecision
	if err := app.DecodeJSON(r, &d); err != nil {
		return err
	}
	l, err := s.DB.DecideUndring(r.Context(), app.ActorOf(p), r.PathValue("id"), d)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}

// HandleLogClose closes a log with a reason.
func (s *Server) HandleLogClose(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewClosure
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	l, err := s.DB.CloseLog(r.Context(), app.ActorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}
