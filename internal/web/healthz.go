package web

import (
	"context"
	"net/http"
	"time"

	"stafett/internal/fault"
)

// handleHealthz answers 200 once the database answers.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.ErrorContext(ctx, "health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: errorDetail{Code: fault.Internal, Message: "database unavailable"}})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}
