package web

import (
	"context"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/web/app"
	"time"
)

// HandleHealthz answers 200 once the database answers.
func (s *Server) HandleHealthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.DB.Ping(ctx); err != nil {
		s.Log.ErrorContext(ctx, "health check failed", "err", err)
		app.WriteJSON(w, http.StatusServiceUnavailable, errorBody{Error: errorDetail{Code: fault.Internal, Message: "database unavailable"}})
		return nil
	}
	app.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}
