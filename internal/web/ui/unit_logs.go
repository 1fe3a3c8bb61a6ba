package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// unitLogsPage is /enhet/{unitid}, the leaders' unit view (issue 21 point 7): every
// log of the unit, filtered, sorted, searched by child and paged, with what is
// overdue in the unit and who must act on it.
type unitLogsPage struct {
	layout
	*store.UnitLogs
	Filter store.UnitLogFilter
	Self   string // the page's path
	// Prev and Next are the neighbouring pages with the same filter, "" at the ends.
	Prev, Next string
	Shown      string // "Viser 1–50 av 120."
}

// UnitLogsPath is the unit view of unit id.
func UnitLogsPath(id string) string { return "/enhet/" + id }

// HandleUnitLogs shows the unit view of {unitid} to the unit's leaders; to anyone
// else the unit's logs do not exist (404).
func (s *Server) HandleUnitLogs(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	q := r.URL.Query()
	f := store.UnitLogFilter{Level: -1, Status: q.Get("status"), Holder: q.Get("holder"), Overdue: q.Get("frist") == "1",
		Child: strings.TrimSpace(q.Get("barn")), Sort: q.Get("sorter")}
	if n, err := strconv.Atoi(q.Get("niva")); err == nil && n >= 0 && n <= 3 {
		f.Level = n
	}
	if n, err := strconv.Atoi(q.Get("side")); err == nil && n > 1 && n < 1_000_000 {
		f.Page = n
	}
	switch f.Status {
	case "closed", "all":
	default:
		f.Status = ""
	}
	switch f.Sort {
	case "old", "child", "level":
	default:
		f.Sort = ""
	}
	if len(f.Child) > 100 {
		f.Child = f.Child[:100]
	}
	ul, err := s.DB.UnitLogs(r.Context(), app.ActorOf(p), r.PathValue("unitid"), f)
	if err != nil {
		return err
	}
	if f.Page < 1 {
		f.Page = 1
	}
	m := &unitLogsPage{layout: s.layoutFor(r, "unit.title"), UnitLogs: ul, Filter: f, Self: UnitLogsPath(ul.Unit.ID)}
	m.Title = m.T("unit.heading", ul.Unit.Name)
	if f.Page > 1 {
		m.Prev = m.pageLink(f.Page - 1)
	}
	if f.Page < ul.Pages {
		m.Next = m.pageLink(f.Page + 1)
	}
	if len(ul.Logs) > 0 {
		from := (f.Page-1)*store.UnitPageSize + 1
		m.Shown = m.T("unit.shown", from, from+len(ul.Logs)-1, ul.Total)
	}
	return s.show(w, r, http.StatusOK, unitLogsView(m))
}

// pageLink is page n of the view with the same filter.
func (m *unitLogsPage) pageLink(n int) string {
	v := url.Values{}
	f := m.Filter
	if f.Level >= 0 {
		v.Set("niva", strconv.Itoa(f.Level))
	}
	for k, s := range map[string]string{"status": f.Status, "holder": f.Holder, "barn": f.Child, "sorter": f.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Overdue {
		v.Set("frist", "1")
	}
	if n > 1 {
		v.Set("side", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return m.Self
	}
	return m.Self + "?" + v.Encode()
}

// LevelOptions are the level filter's choices.
func (m *unitLogsPage) LevelOptions() []option {
	out := []option{{Value: "", Label: m.T("unit.any_level"), Selected: m.Filter.Level < 0}}
	for n := range 4 {
		out = append(out, option{Value: strconv.Itoa(n), Label: m.T(fmt.Sprintf("level.short.%d", n)), Selected: m.Filter.Level == n})
	}
	return out
}

// StatusOptions are the status filter's choices.
func (m *unitLogsPage) StatusOptions() []option {
	var out []option
	for _, s := range []string{"", "closed", "all"} {
		out = append(out, option{Value: s, Label: m.T("unit.status." + cmpOr(s, "open")), Selected: m.Filter.Status == s})
	}
	return out
}

// HolderOptions are the holder filter's choices.
func (m *unitLogsPage) HolderOptions() []option {
	out := []option{{Value: "", Label: m.T("unit.any_holder"), Selected: m.Filter.Holder == ""}}
	for _, h := range m.Holders {
		out = append(out, option{Value: h.ID, Label: h.Name, Selected: m.Filter.Holder == h.ID})
	}
	return out
}

// SortOptions are the orders the list can have.
func (m *unitLogsPage) SortOptions() []option {
	var out []option
	for _, s := range []string{"", "old", "child", "level"} {
		out = append(out, option{Value: s, Label: m.T("unit.sort." + cmpOr(s, "new")), Selected: m.Filter.Sort == s})
	}
	return out
}

func cmpOr(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}

// LogState is a log's level and status as the list says them.
func (m *unitLogsPage) LogState(l store.OverviewLog) string {
	s := m.T(fmt.Sprintf("level.short.%d", l.Log.Level))
	if l.Log.Status == logbook.StatusClosed {
		s += " (" + m.T("status.closed") + ")"
	}
	return s
}

// LogDeadline is the log's deadline as the list says it.
func (m *unitLogsPage) LogDeadline(l store.OverviewLog) string {
	switch {
	case l.Log.Status == logbook.StatusUndring:
		return m.T("unit.decide_by", m.Date(l.Log.UndringDeadline))
	case l.Log.Status == logbook.StatusActive && l.NextDeadline != "":
		return m.T("unit.evaluate_by", m.Day(l.NextDeadline.String()))
	}
	return m.T("unit.no_deadline")
}
