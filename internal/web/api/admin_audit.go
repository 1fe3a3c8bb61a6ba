package api

import (
	"net/http"
	"time"

	"stafett/internal/audit"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type adminEventJSON struct {
	At             time.Time  `json:"at"`
	Actor          refJSON    `json:"actor"`
	Action         string     `json:"action"`
	Target         targetJSON `json:"target"`
	MunicipalityID string     `json:"municipality_id"`
}

type targetJSON struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// HandleAdminAudit lists who changed what in the administration: everything for a
// system administrator, a municipality administrator's own municipality
// (?municipality_id=M), in the period ?from=D&to=D.
func (s *Server) HandleAdminAudit(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	q := r.URL.Query()
	from, to, err := app.Period(q)
	if err != nil {
		return err
	}
	events, err := s.DB.ListAdminAudit(r.Context(), p, audit.AdminFilter{MunicipalityID: q.Get("municipality_id"), From: from, To: to})
	if err != nil {
		return err
	}
	out := make([]adminEventJSON, 0, len(events))
	for _, e := range events {
		out = append(out, adminEventJSON{At: e.At.UTC(), Actor: refJSON{e.ActorID, e.ActorName}, Action: string(e.Action),
			Target: targetJSON{string(e.TargetType), e.TargetID}, MunicipalityID: e.MunicipalityID})
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"events": out})
	return nil
}
