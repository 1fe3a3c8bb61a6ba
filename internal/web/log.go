package web

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/store"
)

// handleLogCreate opens an undring in one of the author's units.
func (s *Server) handleLogCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewLog
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	l, err := s.db.CreateLog(r.Context(), actorOf(p), in, 0)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusCreated)
}

// writeLog answers with log id as the actor sees it (an audited read).
func (s *Server) writeLog(w http.ResponseWriter, r *http.Request, p *store.Principal, id string, status int) error {
	v, err := s.db.GetLog(r.Context(), actorOf(p), id)
	if err != nil {
		return err
	}
	writeJSON(w, status, newLogJSON(v, s.db.Now()))
	return nil
}

// handleLogList lists exactly the logs the actor may read.
func (s *Server) handleLogList(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if err := s.takeUser(r, p, bucketSearch, s.cfg.Limits.Search); err != nil {
		return err
	}
	logs, err := s.db.ListLogs(r.Context(), actorOf(p))
	if err != nil {
		return err
	}
	out := make([]logSummaryJSON, 0, len(logs))
	for _, l := range logs {
		out = append(out, newLogSummaryJSON(l))
	}
	writeJSON(w, http.StatusOK, map[string]any{"logs": out})
	return nil
}

// handleLogShow returns one log; the read is audited before the answer.
func (s *Server) handleLogShow(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	return s.writeLog(w, r, p, r.PathValue("id"), http.StatusOK)
}

// handleAccessLog shows who has read and changed the log, newest first.
func (s *Server) handleAccessLog(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	events, err := s.db.AccessLog(r.Context(), actorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": newAccessJSON(events)})
	return nil
}

// handleLogExport returns the whole log and its access log as a JSON download.
func (s *Server) handleLogExport(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	if err := s.takeUser(r, p, bucketExport, s.cfg.Limits.Export); err != nil {
		return err
	}
	x, err := s.db.ExportLog(r.Context(), actorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="stafettlogg-`+x.Log.ID+`.json"`)
	writeJSON(w, http.StatusOK, map[string]any{"log": newLogJSON(&x.LogView, s.db.Now()), "access_log": newAccessJSON(x.Access)})
	return nil
}
