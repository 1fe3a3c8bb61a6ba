package web

import (
	"net/http"
	"time"

	"stafett/internal/store"
)

// accessLogPage shows who has read and changed a log: each person once, then every
// record.
type accessLogPage struct {
	layout
	LogID  string
	People []accessPerson
	Events []store.AccessEvent
}

// accessPerson is one person's records in an access log, in one role and unit.
type accessPerson struct {
	Name, UnitName string
	Role           string
	Times          int
	Last           time.Time
}

// accessPeople sums up events (newest first) by person, role and unit, the person
// in the log most recently first.
func accessPeople(events []store.AccessEvent) []accessPerson {
	var out []accessPerson
	at := map[[3]string]int{}
	for _, e := range events {
		if e.ActorID == "" {
			continue
		}
		k := [3]string{e.ActorID, e.Role, e.UnitID}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, accessPerson{Name: e.ActorName, UnitName: e.UnitName, Role: e.Role, Last: e.At})
		}
		out[i].Times++
	}
	return out
}

// handleAccessLogPage shows the log's access log; reading it is itself recorded.
func (s *Server) handleAccessLogPage(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	events, err := s.db.AccessLog(r.Context(), actorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	m := &accessLogPage{layout: s.layoutFor(r, "accesslog.title"), LogID: r.PathValue("id"), People: accessPeople(events), Events: events}
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
