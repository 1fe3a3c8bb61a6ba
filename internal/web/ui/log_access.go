package ui

import (
	"net/http"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"strconv"
	"time"
)

// accessLogPage shows who has read and changed a log: each person once, then every
// record.
type accessLogPage struct {
	layout
	LogID  string
	People []accessPerson
	Events []store.AccessEvent // the records on this page of the full list
	Pager  pager
}

// accessPageSize is how many records one page of the full list shows.
const accessPageSize = 100

// pager is one page of a list shown size items at a time, newest first: Page of
// Pages (counted from 1), with the items From–To (from 1) of Total; an empty list
// has one page, From 1 and To 0.
type pager struct {
	Page, Pages, From, To, Total int
}

// pageOf returns page side (as the query sends it) of total items, size a page. A
// page that cannot be read is the first; one past the end is the last.
func pageOf(side string, total, size int) pager {
	p := pager{Pages: max(1, (total+size-1)/size), Total: total}
	n, err := strconv.Atoi(side)
	if err != nil {
		n = 1
	}
	p.Page = min(max(n, 1), p.Pages)
	p.From, p.To = (p.Page-1)*size+1, min(p.Page*size, total)
	return p
}

// Newer is the page before, 0 on the first.
func (p pager) Newer() int {
	if p.Page > 1 {
		return p.Page - 1
	}
	return 0
}

// Older is the page after, 0 on the last.
func (p pager) Older() int {
	if p.Page < p.Pages {
		return p.Page + 1
	}
	return 0
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

// HandleAccessLogPage shows the log's access log; reading it is itself recorded.
func (s *Server) HandleAccessLogPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	events, err := s.DB.AccessLog(r.Context(), app.ActorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	m := &accessLogPage{layout: s.layoutFor(r, "accesslog.title"), LogID: r.PathValue("id"), People: accessPeople(events),
		Pager: pageOf(r.URL.Query().Get("side"), len(events), accessPageSize)}
	m.Events = events[m.Pager.From-1 : m.Pager.To]
	return s.show(w, r, http.StatusOK, accessLogView(m))
}

// HandleLogPrint shows the whole log without forms, for printing.
func (s *Server) HandleLogPrint(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.logPage(r, p, nil)
	if err != nil {
		return err
	}
	m.Print = true
	// On paper the whole timeline, not its newest page.
	m.Items = timelineItems(m.Localizer, m.Timeline, app.EventNames(m.V))
	return s.showLog(w, r, http.StatusOK, m)
}
