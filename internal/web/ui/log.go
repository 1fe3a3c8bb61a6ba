package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
	"strconv"
	"strings"
	"time"
)

// logPage is a log as one reader sees it, with the forms for what they may do.
type logPage struct {
	layout
	V           *store.LogView
	Can         abilities
	Staff       bool
	Filter      string // entry kind shown in the timeline, "" for all
	Shown       int    // how many of the timeline's newest entries are shown, 0 for all
	Timeline    []timelineEntry
	Items       []timelineItem // Timeline as the page shows it
	Measures    []measureView
	Consent     consentStatus
	Responsible []personChoice // who can see the log, for a measure's responsible person
	Services    serviceChoices // the service overview, for a measure's catalog service
	Kinds       []logbook.Kind // entry kinds the reader may add
	Now         time.Time
	ReaderID    string // the person reading the page
	Print       bool   // the printable view: no forms
	// Sub is set on the page of one of the log's bigger forms (log_subform.go).
	Sub *subform
	// FormPage is set on the page of one of the log's forms (log_formpage.go).
	FormPage *formPage
	// Parts is the page as log.templ shows it, made by prepare.
	Parts logParts
}

// abilities are the actions the reader may take on this log now: a form is shown for
// each, and for nothing else.
type abilities struct {
	AddNote, AddEntry, ChangeLevel, ManageParticipants, ManageGuardians, SuspendGuardian,
	ProposeTransfer, RegisterConsent, GiveConsent, Close, ReadAccessLog, Export, DecideUndring bool
}

func abilitiesOf(v *store.LogView) abilities {
	st := access.LogState{Status: string(v.Log.Status), Level: int(v.Log.Level)}
	can := func(a access.Action) bool { return access.Decide(v.Relation, st, a) == access.Allow }
	return abilities{
		AddNote: can(access.ActionAddNote), AddEntry: can(access.ActionAddEntry), ChangeLevel: can(access.ActionChangeLevel),
		ManageParticipants: can(access.ActionManageParticipants), ManageGuardians: can(access.ActionManageGuardians),
		SuspendGuardian: can(access.ActionSuspendGuardian), ProposeTransfer: can(access.ActionProposeTransfer) && v.Pending == nil,
		RegisterConsent: can(access.ActionRegisterConsent), GiveConsent: can(access.ActionGiveConsent),
		Close: can(access.ActionClose), ReadAccessLog: can(access.ActionReadAccessLog), Export: can(access.ActionExport),
		DecideUndring: can(access.ActionDecideUndring) && v.Log.Status == logbook.StatusUndring,
	}
}

// timelineEntry is an entry's newest version, with the earlier ones behind it.
type timelineEntry struct {
	store.EntryView
	Earlier []store.EntryView // older versions, newest first
}

// timelineItem is a timeline entry as the page shows it: every text already
// localised and every attribute made, so that rendering the timeline only writes
// strings.
type timelineItem struct {
	ID, Anchor, Kind, KindLabel, AuthorName, AuthorLabel string
	Family                                               bool
	Color                                                string // the kind tag's: info for the family's entries
	When, WhenISO, VersionLabel                          string
	Goal, ServiceLabel, Text, Held                       string
	EventText                                            string // the sentence of a system entry's event
	AmendPath                                            string // the page correcting the entry, "" when the reader may not
	Decisions, OutcomeLabel                              string
	Earlier                                              []earlierItem
}

// earlierItem is an older version of a timeline entry.
type earlierItem struct {
	VersionLabel, When, Text string
}

// timelineItems localises entries for the page.
func timelineItems(l *i18n.Localizer, entries []timelineEntry, names i18n.Names) []timelineItem {
	out := make([]timelineItem, len(entries))
	for i, e := range entries {
		it := timelineItem{ID: e.ID, Anchor: "innslag-" + e.ID, Color: "neutral", Kind: string(e.Kind), KindLabel: l.T("kind." + string(e.Kind)), AuthorName: e.AuthorName,
			Family: e.AuthorRole.IsFamily(), When: l.DateTime(e.CreatedAt), WhenISO: e.CreatedAt.Format(time.RFC3339),
			Goal: e.Goal, Text: e.Text, Decisions: e.Decisions}
		if e.Event != nil {
			it.EventText = l.EventBy(*e.Event, names, e.AuthorName)
		}
		if it.Family {
			it.Color = "info"
			it.AuthorLabel = l.T("author." + string(e.AuthorRole))
		}
		if e.Version > 1 {
			it.VersionLabel = l.T("timeline.version", e.Version)
		}
		if e.ServiceName != "" {
			it.ServiceLabel = l.T("measures.from_catalog", e.ServiceName)
		}
		if !e.HeldAt.IsZero() {
			it.Held = l.T("meeting.held", l.DateTime(e.HeldAt))
			if len(e.Attendees) > 0 {
				it.Held += " – " + strings.Join(e.Attendees, ", ")
			}
		}
		if e.Outcome != "" {
			it.OutcomeLabel = l.T("outcome." + string(e.Outcome))
		}
		for _, prev := range e.Earlier {
			it.Earlier = append(it.Earlier, earlierItem{VersionLabel: l.T("timeline.version", prev.Version),
				When: l.DateTime(prev.CreatedAt), Text: prev.Text})
		}
		out[i] = it
	}
	return out
}

// measureView is a measure with its evaluation, if any.
type measureView struct {
	store.EntryView
	Evaluation *store.EntryView
	Overdue    bool
}

// consentStatus sums up the consents: whether one is valid now, until when, which
// units it covers, and whether it runs out soon.
type consentStatus struct {
	Valid        bool
	Until        *time.Time
	CoveredNames []string
	ExpiresSoon  bool
}

// personChoice is someone who may be picked in a form.
type personChoice struct {
	ID, Name, Unit string
}

// personSelect is a form control for picking one person.
type personSelect struct {
	fieldView
	People []personChoice
}

// ResponsibleSelect describes control name of form formName as a choice among the people
// who can see the log, the only ones a measure may be given to.
func (m *logPage) ResponsibleSelect(formName, name, labelKey string) personSelect {
	return personSelect{fieldView: m.Field(formName, name, labelKey), People: m.Responsible}
}

// responsibleChoices lists who may be responsible for a measure: the reader first, then
// the holder, the participants whose service the consent covers, and the guardians
// whose access is not suspended.
func responsibleChoices(v *store.LogView, readerID string, l *i18n.Localizer) []personChoice {
	var out []personChoice
	seen := map[string]bool{}
	add := func(c personChoice) {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	add(personChoice{ID: v.Log.HolderID, Name: v.HolderName, Unit: v.UnitName})
	for _, p := range v.Participants {
		if p.Active {
			add(personChoice{ID: p.UserID, Name: p.Name, Unit: p.UnitName})
		}
	}
	for _, g := range v.Guardians {
		if g.SuspendedAt == nil {
			add(personChoice{ID: g.UserID, Name: g.Name, Unit: l.T("people.guardian")})
		}
	}
	for i, c := range out {
		if c.ID == readerID {
			copy(out[1:i+1], out[:i])
			out[0] = c
		}
	}
	return out
}

// consentWarning is how long before expiry the log page warns.
const consentWarning = 30 * 24 * time.Hour

// HandleLogPage shows a log; its read is audited by the store.
func (s *Server) HandleLogPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.logPage(r, p, nil)
	if err != nil {
		return err
	}
	return s.showLog(w, r, http.StatusOK, m)
}

// showLog renders log page m with status.
func (s *Server) showLog(w http.ResponseWriter, r *http.Request, status int, m *logPage) error {
	m.prepare()
	return s.show(w, r, status, logPageView(m))
}

// logPage loads log r's {id} for p and builds its page, showing failed as the form
// that needs correcting.
func (s *Server) logPage(r *http.Request, p *people.Principal, failed *form) (*logPage, error) {
	v, err := s.DB.GetLog(r.Context(), app.ActorOf(p), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	m := &logPage{layout: s.layoutFor(r, "log.title"), V: v, Can: abilitiesOf(v), Staff: v.Relation.Staff(), Now: s.DB.Now(), ReaderID: p.User.ID}
	m.failed = failed
	m.Title = m.T("log.title_child", m.ChildLabel(v.Log.Child))
	m.Filter = r.URL.Query().Get("type")
	m.Timeline, m.Measures = timeline(v, m.Filter)
	m.Shown = timelineShown(r.URL.Query().Get("vis"), len(m.Timeline))
	m.Items = timelineItems(m.Localizer, m.Timeline[:m.Shown], app.EventNames(v))
	for _, k := range []logbook.Kind{logbook.KindNote, logbook.KindBrightSpot, logbook.KindConcern, logbook.KindMeasure, logbook.KindMeeting} {
		if a, _ := access.ActionForEntryKind(string(k)); (a == access.ActionAddNote && m.Can.AddNote) || (a == access.ActionAddEntry && m.Can.AddEntry) {
			m.Kinds = append(m.Kinds, k)
		}
	}
	m.setAmendPaths()
	m.Consent = consentSummary(v, v.UnitNames, m.Now)
	if m.Can.AddEntry {
		m.Responsible = responsibleChoices(v, p.User.ID, m.Localizer)
		if m.Services, err = s.loadServiceChoices(r, v, m.Localizer, m.Now); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// timelinePage is how many entries the timeline shows at first, and how many more
// each "show older" adds: a log of 200 entries is read a page at a time.
const timelinePage = 20

// timelineShown is how many of total entries to show for the query's vis (a count
// asked by the "show older" link; "alle" for all).
func timelineShown(vis string, total int) int {
	n := timelinePage
	if vis == "alle" {
		return total
	}
	if v, err := strconv.Atoi(vis); err == nil && v > 0 {
		n = v
	}
	return min(n, total)
}

// timeline returns the newest version of each entry (of kind filter, if set), newest
// first, and the measures with their evaluations.
func timeline(v *store.LogView, filter string) ([]timelineEntry, []measureView) {
	byID := make(map[string]*store.EntryView, len(v.Entries))
	amendedBy := map[string]bool{}
	for i := range v.Entries {
		e := &v.Entries[i]
		byID[e.ID] = e
		if e.Amends != "" {
			amendedBy[e.Amends] = true
		}
	}
	origin := func(e *store.EntryView) string {
		for e.Amends != "" && byID[e.Amends] != nil {
			e = byID[e.Amends]
		}
		return e.ID
	}
	evaluations := map[string]*store.EntryView{}
	for i := range v.Entries {
		e := &v.Entries[i]
		if e.Kind == logbook.KindEvaluation && !amendedBy[e.ID] {
			if m, ok := byID[e.MeasureID]; ok {
				evaluations[origin(m)] = e
			}
		}
	}
	out := make([]timelineEntry, 0, len(v.Entries))
	var measures []measureView
	for i := len(v.Entries) - 1; i >= 0; i-- {
		e := &v.Entries[i]
		if amendedBy[e.ID] {
			continue
		}
		te := timelineEntry{EntryView: *e}
		for prev := byID[e.Amends]; prev != nil; prev = byID[prev.Amends] {
			te.Earlier = append(te.Earlier, *prev)
		}
		if e.Kind == logbook.KindMeasure {
			mv := measureView{EntryView: *e}
			if ev, ok := evaluations[origin(e)]; ok {
				mv.Evaluation = ev
			} else {
				mv.Overdue = e.EvaluateBy != "" && e.EvaluateBy < v.Now
			}
			measures = append(measures, mv)
		}
		if filter == "" || string(e.Kind) == filter {
			out = append(out, te)
		}
	}
	return out, measures
}

func consentSummary(v *store.LogView, unitNames map[string]string, now time.Time) consentStatus {
	var cs consentStatus
	covered := logbook.CoveredUnits(v.Consents, now)
	for _, c := range v.Consents {
		if !c.ValidAt(now) {
			continue
		}
		cs.Valid = true
		if end := c.ExpiresAt; end != nil && (cs.Until == nil || end.After(*cs.Until)) {
			cs.Until = end
		}
	}
	for id := range covered {
		cs.CoveredNames = append(cs.CoveredNames, unitNames[id])
	}
	people.SortNames(cs.CoveredNames)
	cs.ExpiresSoon = cs.Until != nil && cs.Until.Sub(now) < consentWarning
	return cs
}

// LogPageRenderer builds the model of log id's page for p once and returns what
// renders it, so that a benchmark can measure rendering apart from loading.
func (s *Server) LogPageRenderer(r *http.Request, p *people.Principal) (func(w http.ResponseWriter) error, error) {
	m, err := s.logPage(r, p, nil)
	if err != nil {
		return nil, err
	}
	m.prepare()
	ctx, c := r.Context(), logPageView(m)
	return func(w http.ResponseWriter) error { return s.pages.render(ctx, w, http.StatusOK, c) }, nil
}
