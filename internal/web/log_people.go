package web

import (
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/store"
)

type personRequest struct {
	UserID                 string `json:"user_id"`
	Email                  string `json:"email"`
	Name                   string `json:"name"`
	NationalID             string `json:"national_id"`
	ParentalResponsibility *bool  `json:"parental_responsibility"`
}

func (req personRequest) ref() store.PersonRef {
	return store.PersonRef{UserID: req.UserID, Email: req.Email, Name: req.Name, NationalID: req.NationalID}
}

// handleGuardianLink links a guardian to a log.
func (s *Server) handleGuardianLink(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var req personRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.ParentalResponsibility == nil {
		return fault.Validation("parental_responsibility", fault.FieldRequired)
	}
	g, err := s.db.LinkGuardian(r.Context(), actorOf(p), r.PathValue("id"), req.ref(), *req.ParentalResponsibility)
	if err != nil {
		return err
	}
	// The name as the log shows it: an existing person keeps their own.
	writeJSON(w, http.StatusCreated, guardianJSON{UserID: g.UserID, Name: g.Name, ParentalResponsibility: g.ParentalResponsibility})
	return nil
}

type reasonRequest struct {
	Reason string `json:"reason"`
}

// handleGuardianSuspend stops one guardian's access (leaders only).
func (s *Server) handleGuardianSuspend(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var req reasonRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.db.SuspendGuardian(r.Context(), actorOf(p), r.PathValue("id"), r.PathValue("uid"), req.Reason); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"user_id": r.PathValue("uid"), "suspended": true})
	return nil
}

// handleYouthLink links the child as a youth user from the consent age.
func (s *Server) handleYouthLink(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var req personRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.ParentalResponsibility != nil {
		return fault.Validation("parental_responsibility", fault.FieldUnknown)
	}
	uid, err := s.db.LinkYouth(r.Context(), actorOf(p), r.PathValue("id"), req.ref())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"user_id": uid})
	return nil
}

// handleParticipantAdd adds an employee to a log with read or write access.
func (s *Server) handleParticipantAdd(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewParticipant
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	pt, err := s.db.AddParticipant(r.Context(), actorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"user_id": pt.UserID, "unit_id": pt.UnitID, "access": pt.Access})
	return nil
}

// handleParticipantRemove removes a participant; their access ends at once.
func (s *Server) handleParticipantRemove(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if err := s.db.RemoveParticipant(r.Context(), actorOf(p), r.PathValue("id"), r.PathValue("uid")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
