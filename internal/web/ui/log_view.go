package ui

import (
	"fmt"
	"net/url"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"strconv"
	"strings"
	"time"
)

// logParts is the log page as log.templ shows it: every list item and every form
// with its texts localised, its ids and actions made and its choices marked, once,
// before rendering (prepare), so that rendering only writes strings.
type logParts struct {
	Paths        logPaths
	Child        string // the child as the page names them
	Born         string
	Level        string // the level's heading, "– closed" included
	LevelExplain string
	Closed       string // when and why the log was closed, "" while it is open
	// Undring is set while the log is an undring.
	Undring *undringPart
	Steps   *stepsPart // nil without a guide with steps
	Consent consentPart
	People  peoplePart
	// Measures are the measure cards; none hides their section.
	Measures []measureItem
	Filter   []logOption // the timeline's entry kinds
	// Count says how many of the timeline's entries are shown; Older links to more.
	Count, Older, OlderText string
	Writes                  []writeForm // nil in print and for someone who may write nothing
	// Actions are the links at the top of the log to the pages of Writes' forms.
	Actions []actionLink
	Manage  *managePart // nil in print and for someone who may manage nothing
}

// logPaths are the log's pages and where its forms post.
type logPaths struct {
	Log, Print, PDF, AccessLog, ConsentForm string
	Undring, Entry, Level, Guardian, Close  string
}

// actionLink is a link to one of the log's form pages.
type actionLink struct {
	Path, Label string
}

// logOption is one choice of a select.
type logOption struct {
	Value, Label string
	Selected     bool
}

// logRadio is one radio button or check box with its label.
type logRadio struct {
	ID, Value, Label string
	Checked          bool
}

// undringPart is the undring's deadline and, for who may decide, the decision.
type undringPart struct {
	Deadline string
	Decide   *undringDecision
}

// undringDecision is the form that decides an undring.
type undringDecision struct {
	Errors   *errorSummary
	Outcomes []logRadio
	Outcome  fieldView
	Text     fieldView
}

// stepsPart is the checklist of the guide's steps at the log's level.
type stepsPart struct {
	Errors    *errorSummary
	Intro     string
	GuidePath string // the guide's public page at the level, "" for none
	Items     []stepItem
}

// stepItem is one step of the checklist.
type stepItem struct {
	ID, Anchor, Title, Who, Color string
	Done, Overdue                 bool
	Due                           string // when it is due, "" without a deadline
	DoneText                      string // who ticked it and when
	HasGuide                      bool   // it has a what or a how
	Guide                         string // What and How, rendered (guide.RenderText)
	MarkAction                    string // where ticking it posts, "" when it cannot be ticked
}

// consentPart sums up the consents and lists them.
type consentPart struct {
	Valid, ExpiresSoon bool
	ValidText, Covers  string
	Items              []consentItem
	// FormText is the link to the consent form, "" in print and for who may not.
	FormText string
	Errors   *errorSummary
}

// consentItem is one consent: its source, date and giver, then its state.
type consentItem struct {
	Line, State string
	// Covers names the services it covers; Until says when it lapses ("" once it
	// has).
	Covers, Until string
	// Withdraw is where withdrawing it posts, "" when it cannot be withdrawn here.
	Withdraw string
}

// peoplePart is the guardians and the participants.
type peoplePart struct {
	Guardians    []guardianItem
	Participants []participantItem
}

// guardianItem is a guardian, with the form that suspends their access.
type guardianItem struct {
	Name, Note string // Note: " (no parental responsibility)" or ""
	Suspended  bool   // shown to staff only
	Suspend    *suspendForm
}

// suspendForm suspends a guardian's access.
type suspendForm struct {
	Action string
	Errors *errorSummary
	Reason fieldView
}

// participantItem is a participant, with the form that removes them.
type participantItem struct {
	Name, Unit, Access, Note string // Note: " (inactive)" or ""
	Remove                   string // where removing posts, "" when it cannot be done here
}

// measureItem is a measure's card.
type measureItem struct {
	Anchor, Goal, Service, Text, Period string
	Evaluated                           bool
	OutcomeLabel, EvaluationText        string
	Overdue                             bool
	Evaluate                            *evaluateForm // nil in print, once evaluated, or for who may not
}

// evaluateForm evaluates a measure.
type evaluateForm struct {
	MeasureID string
	Open      bool
	Errors    *errorSummary
	Outcomes  []logRadio
	Outcome   fieldView
	Text      fieldView
}

// writeForm adds an entry of one kind.
type writeForm struct {
	Kind, Summary string
	Open          bool
	Errors        *errorSummary
	Text          fieldView
	Measure       bool
	Goal          fieldView
	Responsible   personSelect
	Service       serviceSelect
	Start, Until  fieldView
	Meeting       bool
	Held          fieldView
	Attendees     fieldView
	Decisions     fieldView
}

// managePart is the holder's and the leader's forms.
type managePart struct {
	Level       *levelForm
	Guardian    *guardianForm
	Participant *participantSearch
	Transfer    *personSearch
	Close       *closeForm
}

// levelForm changes the log's level.
type levelForm struct {
	Open    bool
	Errors  *errorSummary
	Level   fieldView
	Options []logOption
	Reason  fieldView
}

// guardianForm links a guardian.
type guardianForm struct {
	Open                    bool
	Errors                  *errorSummary
	Name, Email, NationalID fieldView
	Responsible             bool
}

// participantSearch finds the employee to add as a participant.
type participantSearch struct {
	Open   bool
	Errors *errorSummary
	Search personSearch
}

// closeForm closes the log.
type closeForm struct {
	Open    bool
	Errors  *errorSummary
	Reason  fieldView
	Options []logOption
	Text    fieldView
}

// logTimelineKinds are the entry kinds the timeline can be filtered by.
var logTimelineKinds = []string{"note", "concern", "measure", "evaluation", "meeting", "bright_spot", "level_change",
	"consent", "participant", "transfer", "undring_decision", "closure"}

var (
	logUndringOutcomes = []string{"activated", "closed", "child_welfare_report"}
	logOutcomes        = []string{"reached", "partly", "not_reached"}
	logLevelChoices    = []string{"1", "2", "3"}
	logClosureReasons  = []string{"goal_reached", "guardian_request", "consent_withdrawn", "moved", "individual_plan", "other"}
)

// prepare makes m.Parts from the page's model; the handlers call it once the model
// is complete (Print set).
func (m *logPage) prepare() {
	v := m.V
	id := v.Log.ID
	p := &m.Parts
	l := "/logg/" + id
	p.Paths = logPaths{Log: l, Print: l + "/utskrift", PDF: l + "/pdf", AccessLog: l + "/tilgangslogg", ConsentForm: l + "/samtykker/ny",
		Undring: l + "/undring", Entry: l + "/innslag", Level: l + "/niva", Guardian: l + "/foresatte", Close: l + "/avslutt"}
	p.Child = m.ChildLabel(v.Log.Child)
	p.Born = m.T("log.born", m.Day(v.Log.Child.BirthDate.String()))
	p.Level = m.T(fmt.Sprintf("level.short.%d", v.Log.Level))
	p.LevelExplain = m.T(fmt.Sprintf("level.explain.%d", v.Log.Level))
	if v.Log.Status == logbook.StatusClosed {
		p.Level += " – " + m.T("status.closed")
		var at time.Time
		if v.Log.ClosedAt != nil {
			at = *v.Log.ClosedAt
		}
		p.Closed = m.T("log.closed_on", m.Date(at))
		if r := v.Log.ClosureReason; r != "" {
			p.Closed += " " + m.T("closure."+string(r))
		}
	}
	if v.Log.Status == logbook.StatusUndring {
		u := &undringPart{Deadline: m.T("undring.deadline", m.DateTime(v.Log.UndringDeadline))}
		if m.Can.DecideUndring {
			f := m.Form("undring")
			d := &undringDecision{Errors: m.Errors("undring"), Outcome: m.Field("undring", "outcome", "label.outcome"),
				Text: m.Field("undring", "text", "label.undring_text")}
			for _, o := range logUndringOutcomes {
				d.Outcomes = append(d.Outcomes, logRadio{ID: "undring-" + o, Value: o, Label: m.T("undring.outcome." + o), Checked: f.Has("outcome", o)})
			}
			u.Decide = d
		}
		p.Undring = u
	}
	m.prepareSteps()
	m.prepareConsent()
	m.preparePeople()
	m.prepareMeasures()
	for _, k := range logTimelineKinds {
		p.Filter = append(p.Filter, logOption{Value: k, Label: m.T("kind." + k), Selected: m.Filter == k})
	}
	m.prepareTimelinePaging()
	if !m.Print {
		m.prepareWrites()
		m.prepareManage()
	}
	if p.Undring != nil && p.Undring.Decide != nil {
		m.linkMissing(p.Undring.Decide.Errors)
	}
	if p.Manage != nil && p.Manage.Level != nil {
		m.linkMissing(p.Manage.Level.Errors)
	}
}

// linkMissing points the error summary's lines about a missing consent or guardian
// at the forms that add them.
func (m *logPage) linkMissing(s *errorSummary) {
	if s == nil {
		return
	}
	for i := range s.Items {
		switch s.Items[i].Name {
		case "consent":
			s.Items[i].Href = m.Parts.Paths.ConsentForm
		case "guardian":
			s.Items[i].Href = formPagePath(m.V.Log.ID, FormGuardian)
		}
	}
}

// prepareTimelinePaging says how much of the timeline is shown and links to the
// next older page, at its first entry.
func (m *logPage) prepareTimelinePaging() {
	total := len(m.Timeline)
	if total == 0 {
		return
	}
	if len(m.Items) >= total {
		m.Parts.Count = m.N("timeline.total", total)
		return
	}
	m.Parts.Count = m.T("timeline.count", len(m.Items), total)
	q := url.Values{"vis": {strconv.Itoa(len(m.Items) + timelinePage)}}
	if m.Filter != "" {
		q.Set("type", m.Filter)
	}
	next := m.Timeline[len(m.Items)]
	m.Parts.Older = m.Parts.Paths.Log + "?" + q.Encode() + "#innslag-" + next.ID
	m.Parts.OlderText = m.T("timeline.older", min(timelinePage, total-len(m.Items)))
}

func (m *logPage) prepareSteps() {
	g := m.V.Guide
	if g == nil || len(g.Steps) == 0 {
		return
	}
	st := &stepsPart{Errors: m.Errors("step"), Intro: m.T("steps.intro", g.Title), GuidePath: m.GuideLevelPath()}
	mark := m.CanMarkStep()
	for _, s := range g.Steps {
		it := stepItem{ID: s.ID, Anchor: "steg-" + s.ID, Title: s.Title, Who: s.Who, Color: "neutral", Done: s.Done,
			Overdue: s.Overdue, Due: m.StepDue(s), HasGuide: s.What != "" || s.How != ""}
		switch {
		case s.Overdue:
			it.Color = "danger"
		case s.Done:
			it.Color = "success"
		}
		if s.Done {
			var at time.Time
			if s.DoneAt != nil {
				at = *s.DoneAt
			}
			it.DoneText = m.T("steps.done_by", s.DoneBy, m.Date(at))
		}
		if it.HasGuide {
			it.Guide = m.Markdown(s.What) + m.Markdown(s.How)
		}
		if !s.Done && mark {
			it.MarkAction = "/logg/" + m.V.Log.ID + "/steg/" + s.ID
		}
		st.Items = append(st.Items, it)
	}
	m.Parts.Steps = st
}

func (m *logPage) prepareConsent() {
	c, p := m.Consent, &m.Parts.Consent
	p.Valid, p.ExpiresSoon = c.Valid, c.ExpiresSoon
	if c.Valid {
		if c.Until != nil {
			p.ValidText = m.T("consent.valid_until", m.Date(*c.Until))
		} else {
			p.ValidText = m.T("consent.valid")
		}
		p.Covers = m.T("consent.covers", strings.Join(c.CoveredNames, ", "))
	}
	may := !m.Print && (m.Can.GiveConsent || m.Can.RegisterConsent)
	for _, cs := range m.V.Consents {
		it := consentItem{Line: m.T("consent.source."+string(cs.Source)) + ", " + m.Date(cs.GivenAt)}
		if cs.GivenByName != "" {
			it.Line += " (" + cs.GivenByName + ")"
		}
		valid := cs.ValidAt(m.Now)
		var names []string
		for _, u := range cs.CoversUnitIDs {
			names = append(names, m.V.UnitNames[u])
		}
		people.SortNames(names)
		it.Covers = m.T("consent.item_covers", strings.Join(names, ", "))
		switch {
		case valid && cs.ExpiresAt != nil:
			it.Until = m.T("consent.item_until", m.Date(*cs.ExpiresAt))
		case valid:
			it.Until = m.T("consent.item_no_end")
		}
		switch {
		case cs.WithdrawnAt != nil:
			it.State = m.T("consent.withdrawn_on", m.Date(*cs.WithdrawnAt))
		case valid:
			it.State = m.T("consent.in_force")
		default:
			it.State = m.T("consent.expired")
		}
		if may && valid {
			it.Withdraw = "/logg/" + m.V.Log.ID + "/samtykker/" + cs.ID + "/trekk"
		}
		p.Items = append(p.Items, it)
	}
	if may {
		p.Errors = m.Errors("consent")
		p.FormText = m.T("consent.register")
		if m.Can.GiveConsent {
			p.FormText = m.T("consent.give")
		}
	}
}

func (m *logPage) preparePeople() {
	p := &m.Parts.People
	for _, g := range m.V.Guardians {
		it := guardianItem{Name: g.Name, Suspended: m.Staff && g.SuspendedAt != nil}
		if !g.ParentalResponsibility {
			it.Note = " (" + m.T("people.no_responsibility") + ")"
		}
		if !m.Print && m.Can.SuspendGuardian && g.SuspendedAt == nil {
			fn := "suspend-" + g.UserID
			it.Suspend = &suspendForm{Action: "/logg/" + m.V.Log.ID + "/foresatte/" + g.UserID + "/suspender",
				Errors: m.Errors(fn), Reason: m.Field(fn, "reason", "label.suspend_reason")}
		}
		p.Guardians = append(p.Guardians, it)
	}
	for _, pv := range m.V.Participants {
		it := participantItem{Name: pv.Name, Unit: pv.UnitName, Access: m.T("people.access." + string(pv.Access))}
		if !pv.Active {
			it.Note = " (" + m.T("people.inactive") + ")"
		}
		if !m.Print && m.Can.ManageParticipants {
			it.Remove = "/logg/" + m.V.Log.ID + "/aktorer/" + pv.UserID + "/fjern"
		}
		p.Participants = append(p.Participants, it)
	}
}

func (m *logPage) prepareMeasures() {
	for _, mv := range m.Measures {
		it := measureItem{Anchor: "innslag-" + mv.ID, Goal: mv.Goal, Text: mv.Text, Overdue: mv.Overdue,
			Period: m.T("measures.period", m.Day(mv.StartDate.String()), m.Day(mv.EvaluateBy.String()))}
		if mv.ServiceName != "" {
			it.Service = m.T("measures.from_catalog", mv.ServiceName)
		}
		if ev := mv.Evaluation; ev != nil {
			it.Evaluated, it.OutcomeLabel, it.EvaluationText = true, m.T("outcome."+string(ev.Outcome)), ev.Text
		} else if !m.Print && m.Can.AddEntry {
			fn := "evaluate-" + mv.ID
			f := &evaluateForm{MeasureID: mv.ID, Open: m.Form(fn) != nil, Errors: m.Errors(fn),
				Outcome: m.Field(fn, "outcome", "label.outcome"), Text: m.Field(fn, "text", "label.evaluation_text")}
			for _, o := range logOutcomes {
				f.Outcomes = append(f.Outcomes, logRadio{ID: fn + "-" + o, Value: o, Label: m.T("outcome." + o), Checked: m.Form(fn).Has("outcome", o)})
			}
			it.Evaluate = f
		}
		m.Parts.Measures = append(m.Parts.Measures, it)
	}
}

func (m *logPage) prepareWrites() {
	for _, k := range m.Kinds {
		kind := string(k)
		fn := "entry-" + kind
		w := writeForm{Kind: kind, Summary: m.T("write." + kind), Open: m.Form(fn) != nil, Errors: m.Errors(fn),
			Text: m.Field(fn, "text", "label.text."+kind)}
		switch k {
		case logbook.KindMeasure:
			w.Measure = true
			w.Goal = m.Field(fn, "goal", "label.goal")
			w.Responsible = m.ResponsibleSelect(fn, "responsible_user_id", "label.responsible_user_id")
			w.Service = m.ServiceSelect(fn)
			w.Start = m.Field(fn, "start_date", "label.start_date")
			w.Until = m.Field(fn, "evaluate_by", "label.evaluate_by")
		case logbook.KindMeeting:
			w.Meeting = true
			w.Held = m.Field(fn, "held_at", "label.held_at")
			w.Attendees = m.Field(fn, "attendees", "label.attendees")
			w.Decisions = m.Field(fn, "decisions", "label.decisions")
		}
		m.Parts.Writes = append(m.Parts.Writes, w)
		m.Parts.Actions = append(m.Parts.Actions, actionLink{Path: formPagePath(m.V.Log.ID, fn), Label: m.T("actionbar." + kind)})
	}
}

func (m *logPage) prepareManage() {
	c := m.Can
	if !c.ChangeLevel && !c.ManageGuardians && !c.ManageParticipants && !c.ProposeTransfer && !c.Close {
		return
	}
	id := m.V.Log.ID
	mp := &managePart{}
	if c.ChangeLevel && m.V.Log.Status != logbook.StatusUndring {
		f := &levelForm{Open: m.Form("level") != nil, Errors: m.Errors("level"), Level: m.Field("level", "level", "label.level"),
			Reason: m.Field("level", "reason", "label.reason")}
		for _, l := range logLevelChoices {
			f.Options = append(f.Options, logOption{Value: l, Label: m.T("level.short." + l), Selected: m.Form("level").Has("level", l)})
		}
		mp.Level = f
	}
	if c.ManageGuardians {
		ff := m.Form("guardian")
		mp.Guardian = &guardianForm{Open: ff != nil, Errors: m.Errors("guardian"), Name: m.Field("guardian", "name", "label.name"),
			Email: m.Field("guardian", "email", "label.email"), NationalID: m.Field("guardian", "national_id", "label.national_id"),
			Responsible: ff == nil || ff.Has("parental_responsibility", "true")}
	}
	if c.ManageParticipants {
		mp.Participant = &participantSearch{Open: m.Form("participant") != nil, Errors: m.Errors("participant"),
			Search: m.PersonSearch("participant", "/logg/"+id+"/aktorer/ny")}
	}
	if c.ProposeTransfer {
		ps := m.PersonSearch("transfer", "/logg/"+id+"/overforing/ny")
		mp.Transfer = &ps
	}
	if c.Close {
		f := &closeForm{Open: m.Form("close") != nil, Errors: m.Errors("close"), Reason: m.Field("close", "reason", "label.closure_reason"),
			Text: m.Field("close", "text", "label.closure_text")}
		for _, r := range logClosureReasons {
			f.Options = append(f.Options, logOption{Value: r, Label: m.T("closure." + r), Selected: m.Form("close").Has("reason", r)})
		}
		mp.Close = f
	}
	m.Parts.Manage = mp
}
