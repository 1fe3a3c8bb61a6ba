package web

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/store"
)

// handleTransferPropose proposes a new holder for a log.
func (s *Server) handleTransferPropose(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewTransfer
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	t, err := s.db.ProposeTransfer(r.Context(), actorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, t)
	return nil
}

func (s *Server) handleTransferAccept(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	return s.answerTransfer(w, r, p, true)
}

func (s *Server) handleTransferDecline(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	return s.answerTransfer(w, r, p, false)
}

// answerTransfer records the proposed holder's answer; a second answer is 409.
func (s *Server) answerTransfer(w http.ResponseWriter, r *http.Request, p *store.Principal, accept bool) error {
	t, err := s.db.AnswerTransfer(r.Context(), actorOf(p), r.PathValue("tid"), accept)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

// handleTransferList lists the transfers waiting for the actor's answer.
func (s *Server) handleTransferList(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	ts, err := s.db.ListTransfersTo(r.Context(), p.User.ID)
	if err != nil {
		return err
	}
	if ts == nil {
		ts = []logbook.Transfer{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"transfers": ts})
	return nil
}
