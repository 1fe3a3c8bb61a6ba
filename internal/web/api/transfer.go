package api

import (
	"net/http"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleTransferPropose proposes a new holder for a log.
func (s *Server) HandleTransferPropose(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewTransfer
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	t, err := s.DB.ProposeTransfer(r.Context(), app.ActorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, t)
	return nil
}

func (s *Server) HandleTransferAccept(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.answerTransfer(w, r, p, true)
}

// HandleTransferDecline declines a transfer, with an optional {"reason"} shown in the
// log; a body-less decline (as before the reason) is still one.
func (s *Server) HandleTransferDecline(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if r.ContentLength != 0 {
		if err := app.DecodeJSON(r, &in); err != nil {
			return err
		}
	}
	t, err := s.DB.DeclineTransfer(r.Context(), app.ActorOf(p), r.PathValue("tid"), in.Reason)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, t)
	return nil
}

// HandleTransferCancel withdraws a waiting transfer; only its proposer may.
func (s *Server) HandleTransferCancel(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	t, err := s.DB.CancelTransfer(r.Context(), app.ActorOf(p), r.PathValue("tid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, t)
	return nil
}

// answerTransfer records the proposed holder's answer; a second answer is 409.
func (s *Server) answerTransfer(w http.ResponseWriter, r *http.Request, p *people.Principal, accept bool) error {
	t, err := s.DB.AnswerTransfer(r.Context(), app.ActorOf(p), r.PathValue("tid"), accept)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, t)
	return nil
}

// HandleTransferList lists the transfers waiting for the actor's answer.
func (s *Server) HandleTransferList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ts, err := s.DB.ListTransfersTo(r.Context(), p.User.ID)
	if err != nil {
		return err
	}
	if ts == nil {
		ts = []logbook.Transfer{}
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"transfers": ts})
	return nil
}
