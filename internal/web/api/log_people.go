package api

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleGuardianLink links a guardian to a log.
func (s *Server) HandleGuardianLink(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req app.PersonRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if req.ParentalResponsibility == nil {
		return fault.Validation("parental_responsibility", fault.FieldRequired)
	}
	g, err := s.DB.LinkGuardian(r.Context(), app.ActorOf(p), r.PathValue("id"), req.Ref(), *req.ParentalResponsibility)
	if err != nil {
		return err
	}
	// The name as the log shows it: an existing person keeps their own.
	app.WriteJSON(w, http.StatusCreated, guardianJSON{UserID: g.UserID, Name: g.Name, ParentalResponsibility: g.ParentalResponsibility})
	return nil
}

type reasonRequest struct {
	Reason string `json:"reason"`
}

// HandleGuardianSuspend stops one guardian's access (leaders only).
func (s *Server) HandleGuardianSuspend(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req reasonRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.DB.SuspendGuardian(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("uid"), req.Reason); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"user_id": r.PathValue("uid"), "suspended": true})
	return nil
}

// HandleYouthSuspend stops the young person's own access (leaders only), as
// HandleGuardianSuspend does a guardian's.
func (s *Server) HandleYouthSuspend(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req reasonRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.DB.SuspendYouth(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("uid"), req.Reason); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"user_id": r.PathValue("uid"), "suspended": true})
	return nil
}

// HandleGuardianUnlink ends a guardian's link to correct a wrong one (holder,
// leader), with a reason; the log keeps an entry of it.
func (s *Server) HandleGuardianUnlink(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req reasonRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.DB.UnlinkGuardian(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("uid"), req.Reason); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleYouthUnlink ends the young person's link, as HandleGuardianUnlink does a
// guardian's.
func (s *Server) HandleYouthUnlink(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req reasonRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.DB.UnlinkYouth(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("uid"), req.Reason); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleYouthLink links the child as a youth user from the consent age.
func (s *Server) HandleYouthLink(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req app.PersonRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if req.ParentalResponsibility != nil {
		return fault.Validation("parental_responsibility", fault.FieldUnknown)
	}
	uid, err := s.DB.LinkYouth(r.Context(), app.ActorOf(p), r.PathValue("id"), req.Ref())
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]string{"user_id": uid})
	return nil
}

// HandleParticipantAdd adds an employee to a log with read or write access.
func (s *Server) HandleParticipantAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewParticipant
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	pt, err := s.DB.AddParticipant(r.Context(), app.ActorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"user_id": pt.UserID, "unit_id": pt.UnitID, "access": pt.Access})
	return nil
}

// HandleParticipantRemove removes a participant; their access ends at once.
func (s *Server) HandleParticipantRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.RemoveParticipant(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("uid")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
