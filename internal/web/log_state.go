package web

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/store"
)

type levelRequest struct {
	Level  int    `json:"level"`
	Reason string `json:"reason"`
}

// handleLevelChange moves a log between levels; leaving level 0 activates it.
func (s *Server) handleLevelChange(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var req levelRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	l, err := s.db.ChangeLevel(r.Context(), actorOf(p), r.PathValue("id"), req.Level, req.Reason)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}

// handleUndringDecision ends an undring: closed, activated or reported to child welfare.
func (s *Server) handleUndringDecision(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var d logbook.UndringDecision
	if err := decodeJSON(r, &d); err != nil {
		return err
	}
	l, err := s.db.DecideUndring(r.Context(), actorOf(p), r.PathValue("id"), d)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}

// handleLogClose closes a log with a reason.
func (s *Server) handleLogClose(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewClosure
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	l, err := s.db.CloseLog(r.Context(), actorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusOK)
}
