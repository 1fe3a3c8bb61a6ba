package api

import (
	"net/http"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// HandleLogCreate opens an undring in one of the author's units.
func (s *Server) HandleLogCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewLog
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	l, err := s.DB.CreateLog(r.Context(), app.ActorOf(p), in, 0)
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusCreated)
}

// writeLog answers with log id as the actor sees it, with its newest entries (an
// audited read).
func (s *Server) writeLog(w http.ResponseWriter, r *http.Request, p *people.Principal, id string, status int) error {
	v, err := s.DB.GetLogPage(r.Context(), app.ActorOf(p), id, store.EntryPageDefault)
	if err != nil {
		return err
	}
	app.WriteJSON(w, status, newLogJSON(v, s.DB.Now(), s.Texts.Localizer(app.Lang(r))))
	return nil
}

// HandleLogList lists exactly the logs the actor may read.
func (s *Server) HandleLogList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.TakeUser(r, p, app.BucketSearch, s.Cfg.Limits.Search); err != nil {
		return err
	}
	logs, err := s.DB.ListLogs(r.Context(), app.ActorOf(p))
	if err != nil {
		return err
	}
	out := make([]logSummaryJSON, 0, len(logs))
	for _, l := range logs {
		out = append(out, newLogSummaryJSON(l))
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"logs": out})
	return nil
}

// HandleLogShow returns one log; the read is audited before the answer.
func (s *Server) HandleLogShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.writeLog(w, r, p, r.PathValue("id"), http.StatusOK)
}

// HandleAccessLog shows who has read and changed the log, newest first.
func (s *Server) HandleAccessLog(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	events, err := s.DB.AccessLog(r.Context(), app.ActorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"events": newAccessJSON(events)})
	return nil
}

// HandleLogExport returns the whole log and its access log as a JSON download.
func (s *Server) HandleLogExport(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.TakeUser(r, p, app.BucketExport, s.Cfg.Limits.Export); err != nil {
		return err
	}
	x, err := s.DB.ExportLog(r.Context(), app.ActorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="stafettlogg-`+x.Log.ID+`.json"`)
	app.WriteJSON(w, http.StatusOK, map[string]any{"log": newLogJSON(&x.LogView, s.DB.Now(), s.Texts.Localizer(app.Lang(r))), "access_log": newAccessJSON(x.Access)})
	return nil
}
