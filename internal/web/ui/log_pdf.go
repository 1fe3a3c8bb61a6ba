package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"stafett/internal/pdf"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
	"strings"
	"time"
)

// HandleLogPDF sends the whole log with its access log as a PDF in the reader's
// language. It is the JSON export's twin: the same store call, so the same policy
// and the same audit record, committed before the answer. The file name carries only
// the log's random ID, never the child's name.
func (s *Server) HandleLogPDF(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.TakeUser(r, p, app.BucketExport, s.Cfg.Limits.Export); err != nil {
		return err
	}
	x, err := s.DB.ExportLog(r.Context(), app.ActorOf(p), r.PathValue("id"))
	if err != nil {
		return err
	}
	units, err := s.DB.ListUnits(r.Context(), x.Log.MunicipalityID)
	if err != nil {
		return err
	}
	m := &logPDF{Localizer: s.catalog.Localizer(s.lang(r)), d: pdf.New(pdf.A4), x: x, now: s.DB.Now(), units: map[string]string{}, names: app.EventNames(&x.LogView)}
	for _, u := range units {
		m.units[u.ID] = u.Name
	}
	var buf bytes.Buffer
	if _, err := m.build(p.User.Name).WriteTo(&buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="stafettlogg-`+x.Log.ID+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, err = buf.WriteTo(w)
	return err
}

// logPDF lays out one exported log for one reader: what the log page shows, all of
// the timeline with earlier versions, and the access log.
type logPDF struct {
	*i18n.Localizer
	d     *pdf.Doc
	x     *store.Export
	now   time.Time
	units map[string]string // unit names by ID, for consent coverage
	names i18n.Names        // what the events name
}

func (m *logPDF) build(reader string) *pdf.Doc {
	v, d := &m.x.LogView, m.d
	child := v.Log.Child.Name
	if child == "" {
		child = v.Log.Child.Initials
	}
	d.SetTitle(m.T("log.title_child", child))
	d.SetFooter(func(page, pages int) string { return m.T("pdf.footer", page, pages) })
	d.Heading(m.T("log.title_child", child))
	d.Text(m.T("pdf.exported", m.DateTime(m.now), reader))
	d.Space()
	d.Field(m.T("pdf.child"), child)
	d.Field(m.T("label.birth_date"), m.Day(string(v.Log.Child.BirthDate)))
	d.Field(m.T("pdf.status"), m.T("status."+string(v.Log.Status)))
	d.Field(m.T("pdf.opened"), m.Date(v.Log.CreatedAt))
	holder := v.HolderName + ", " + v.UnitName
	if v.Relation.Staff() {
		holder += " – " + v.HolderEmail
	}
	d.Field(m.T("log.holder"), holder)
	d.Subheading(m.T(fmt.Sprintf("level.short.%d", v.Log.Level)))
	d.Text(m.T(fmt.Sprintf("level.explain.%d", v.Log.Level)))
	if v.Log.ClosedAt != nil {
		closed := m.T("log.closed_on", m.Date(*v.Log.ClosedAt))
		if v.Log.ClosureReason != "" {
			closed += " " + m.T("closure."+string(v.Log.ClosureReason))
		}
		d.Text(closed)
	} else if !v.Log.UndringDeadline.IsZero() && v.Log.UndringOutcome == "" {
		d.Text(m.T("undring.deadline", m.DateTime(v.Log.UndringDeadline)))
	}
	if t := v.Pending; t != nil && v.Relation.Staff() {
		d.Text(m.T("transfer.pending"))
		if t.Note != "" {
			d.Text("«" + t.Note + "»")
		}
	}
	m.consent()
	m.people()
	entries, measures := timeline(v, "")
	m.measures(measures)
	m.entries(entries)
	m.access()
	return d
}

func (m *logPDF) consent() {
	v, d := &m.x.LogView, m.d
	d.Heading(m.T("consent.heading"))
	cs := consentSummary(v, m.units, m.now)
	switch {
	case cs.Valid && cs.Until != nil:
		d.Text(m.T("consent.valid_until", m.Date(*cs.Until)))
	case cs.Valid:
		d.Text(m.T("consent.valid"))
	default:
		d.Text(m.T("consent.none"))
	}
	if cs.Valid {
		d.Text(m.T("consent.covers", strings.Join(cs.CoveredNames, ", ")))
	}
	for _, c := range v.Consents {
		line := "• " + m.T("consent.source."+string(c.Source)) + ", " + m.Date(c.GivenAt)
		if c.GivenByName != "" {
			line += " (" + c.GivenByName + ")"
		}
		switch {
		case c.WithdrawnAt != nil:
			line += ": " + m.T("consent.withdrawn_on", m.Date(*c.WithdrawnAt))
		case c.ValidAt(m.now):
			line += ": " + m.T("consent.in_force")
		default:
			line += ": " + m.T("consent.expired")
		}
		var names []string
		for _, id := range c.CoversUnitIDs {
			names = append(names, m.units[id])
		}
		people.SortNames(names)
		d.Text(line + " – " + strings.Join(names, ", "))
	}
}

func (m *logPDF) people() {
	v, d := &m.x.LogView, m.d
	d.Heading(m.T("people.heading"))
	d.Subheading(m.T("people.guardians"))
	if len(v.Guardians) == 0 {
		d.Text(m.T("people.no_guardians"))
	}
	for _, g := range v.Guardians {
		line := "• " + g.Name
		if !g.ParentalResponsibility {
			line += " (" + m.T("people.no_responsibility") + ")"
		}
		if g.SuspendedAt != nil && v.Relation.Staff() {
			line += " – " + m.T("people.suspended")
		}
		d.Text(line)
	}
	d.Subheading(m.T("people.participants"))
	if len(v.Participants) == 0 {
		d.Text(m.T("people.no_participants"))
	}
	for _, p := range v.Participants {
		line := "• " + p.Name + ", " + p.UnitName + " – " + m.T("people.access."+string(p.Access))
		if !p.Active {
			line += " (" + m.T("people.inactive") + ")"
		}
		d.Text(line)
	}
}

func (m *logPDF) measures(measures []measureView) {
	if len(measures) == 0 {
		return
	}
	d := m.d
	d.Heading(m.T("measures.heading"))
	for i, mv := range measures {
		if i > 0 {
			d.Rule()
		}
		d.Subheading(mv.Goal)
		d.Text(mv.Text)
		d.Text(m.T("measures.period", m.Day(string(mv.StartDate)), m.Day(string(mv.EvaluateBy))))
		switch ev := mv.Evaluation; {
		case ev != nil:
			d.Field(m.T("label.outcome"), m.T("outcome."+string(ev.Outcome)))
			d.Text(ev.Text)
		case mv.Overdue:
			d.Text(m.T("measures.overdue"))
		default:
			d.Text(m.T("measures.open"))
		}
	}
}

// entries writes the timeline oldest first, as a record reads, each entry with its
// earlier versions.
func (m *logPDF) entries(entries []timelineEntry) {
	d := m.d
	d.Heading(m.T("pdf.entries"))
	if len(entries) == 0 {
		d.Text(m.T("timeline.empty"))
	}
	for i, e := range slices.Backward(entries) {
		if i < len(entries)-1 {
			d.Rule()
		}
		head := m.T("kind."+string(e.Kind)) + " – " + e.AuthorName
		if e.AuthorRole.IsFamily() {
			head += " (" + m.T("author."+string(e.AuthorRole)) + ")"
		}
		head += ", " + m.DateTime(e.CreatedAt)
		if e.Version > 1 {
			head += ", " + m.T("timeline.version", e.Version)
		}
		d.Subheading(head)
		if e.Goal != "" {
			d.Field(m.T("label.goal"), e.Goal)
		}
		if text := app.EntryText(m.Localizer, &e.Entry, m.names); text != "" {
			d.Text(text)
		}
		if !e.HeldAt.IsZero() {
			d.Text(m.T("meeting.held", m.DateTime(e.HeldAt)))
			if len(e.Attendees) > 0 {
				d.Field(m.T("pdf.attendees"), strings.Join(e.Attendees, ", "))
			}
		}
		if e.Decisions != "" {
			d.Field(m.T("label.decisions"), e.Decisions)
		}
		if e.Outcome != "" {
			d.Field(m.T("label.outcome"), m.T("outcome."+string(e.Outcome)))
		}
		if len(e.Earlier) > 0 {
			d.Space()
			d.Field(m.T("timeline.earlier"), "")
			for _, prev := range e.Earlier {
				d.Field(m.T("timeline.version", prev.Version)+", "+m.DateTime(prev.CreatedAt), prev.Text)
			}
		}
	}
}

// access writes the access log, newest first as the access-log page shows it.
func (m *logPDF) access() {
	d := m.d
	d.Heading(m.T("accesslog.heading"))
	for _, e := range m.x.Access {
		who := e.ActorName
		if e.UnitName != "" {
			who += " (" + e.UnitName + ")"
		}
		d.Text(m.DateTime(e.At) + " – " + who + ", " + m.T("role."+e.Role) + ": " + m.T("action."+string(e.Action)))
	}
}
