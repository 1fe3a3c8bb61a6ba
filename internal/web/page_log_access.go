package web

import (
	"net/http"

	"stafett/internal/store"
)

// accessLogPage shows who has read and changed a log.
type accessLogPage struct {
	layout
	LogID  string
	Events []store.AccessEvent
}

// handleAccessLogPage shows the log's access log; reading it is itself recorded.
func (s *Server) handleAccessLogPage(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	events, err := s.db.AccessLog(r.Context(), actorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	m := &accessLogPage{layout: s.layoutFor(r, "accesslog.title"), LogID: r.PathValue("id"), Events: events}
	return s.renderPage(w, r, http.StatusOK, "access_log", m)
}

// handleLogPrint shows the whole log without forms, for printing.
func (s *Server) handleLogPrint(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.logPage(r, p, nil)
	if err != nil {
		return err
	}
	m.Print = true
	return s.renderPage(w, r, http.StatusOK, "log", m)
}
