package ui

import (
	"net/http"
	"net/url"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"strings"
)

// A log's forms each have a page of their own. The log page is long (on a phone
// several thousand pixels), so a form there that fails would come back far from where
// the person is looking; on its own page the error summary is the first thing under
// the heading. The steps that cannot be undone (closing the log, withdrawing a
// consent, removing a participant, stopping a guardian's access) are only ever asked
// on such a page, which says first what will happen.
const (
	FormEntry    = "entry"    // GET /logg/{id}/innslag/ny?type=K (and &measure=M for an evaluation)
	FormClose    = "close"    // GET /logg/{id}/avslutt
	FormWithdraw = "withdraw" // GET /logg/{id}/samtykker/{cid}/trekk
	FormRemove   = "remove"   // GET /logg/{id}/aktorer/{uid}/fjern
	FormSuspend  = "suspend"  // GET /logg/{id}/foresatte/{uid}/suspender
	FormLevel    = "level"    // GET /logg/{id}/niva
	FormGuardian = "guardian" // GET /logg/{id}/foresatte
)

// formPage is one of the log's forms on a page of its own.
type formPage struct {
	Name        string // the form's name, as in layout.Form
	Heading     string
	Intro       string   // what the form is for, "" for none
	Consequence []string // what will happen, for a step that cannot be undone
	Losing      []string // the participants who lose their access, for a consent
	Danger      bool     // the step cannot be undone
	Back        string   // the log, at the part of it the form belongs to
	Write       *writeForm
	Evaluate    *evaluateForm
	Level       *levelForm
	Guardian    *guardianForm
	Close       *closeForm
	Suspend     *suspendForm
	Confirm     *confirmForm
}

// confirmForm confirms a step that takes no input: withdrawing a consent or removing
// a participant.
type confirmForm struct {
	Action, Button string
	Errors         *errorSummary
}

// HandleLogFormPage shows form kind of log {id} on its own page.
func (s *Server) HandleLogFormPage(kind string) app.PageFunc {
	return func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		name, err := formPageName(kind, r)
		if err != nil {
			return err
		}
		return s.showFormPage(w, r, p, name, nil, http.StatusOK)
	}
}

// formPageName is the name of the form a GET of kind asks for.
func formPageName(kind string, r *http.Request) (string, error) {
	switch kind {
	case FormEntry:
		q := r.URL.Query()
		if k := q.Get("type"); k == string(logbook.KindEvaluation) {
			return "evaluate-" + q.Get("measure"), nil
		} else if k != "" {
			return "entry-" + k, nil
		}
		return "", fault.New(fault.NotFound, "no such form")
	case FormWithdraw:
		return "withdraw-" + r.PathValue("cid"), nil
	case FormRemove:
		return "remove-" + r.PathValue("uid"), nil
	case FormSuspend:
		return "suspend-" + r.PathValue("uid"), nil
	}
	return kind, nil
}

// WithdrawFormName and RemoveFormName name the confirmations of the consent and the
// participant in the path.
func WithdrawFormName(r *http.Request) string { return "withdraw-" + r.PathValue("cid") }
func RemoveFormName(r *http.Request) string   { return "remove-" + r.PathValue("uid") }

// showFailedForm shows a failed log form again: on its own page when it has one,
// else on the log page.
func (s *Server) showFailedForm(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	if hasFormPage(failed.Name) {
		return s.showFormPage(w, r, p, failed.Name, failed, status)
	}
	m, err := s.logPage(r, p, failed)
	if err != nil {
		return err
	}
	return s.showLog(w, r, status, m)
}

// hasFormPage reports whether form name has a page of its own.
func hasFormPage(name string) bool {
	switch name {
	case FormClose, FormLevel, FormGuardian:
		return true
	}
	for _, prefix := range []string{"entry-", "evaluate-", "withdraw-", "remove-", "suspend-"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// showFormPage shows form name of log r's {id}, failed when it was sent and refused.
// A form the reader may not use is forbidden; one about someone or something not in
// the log is not found.
func (s *Server) showFormPage(w http.ResponseWriter, r *http.Request, p *people.Principal, name string, failed *form, status int) error {
	m, err := s.logPage(r, p, failed)
	if err != nil {
		return err
	}
	m.prepare()
	fp, err := m.formPage(name)
	if err != nil {
		return err
	}
	m.FormPage = fp
	child := m.ChildLabel(m.V.Log.Child)
	m.Title = fp.Heading + " – " + child
	// The language switch comes back to the form's own page, not to where it posted.
	m.Path = formPagePath(m.V.Log.ID, name)
	return s.show(w, r, status, logFormPageView(m))
}

// formPagePath is where form name of log id is shown.
func formPagePath(id, name string) string {
	l := "/logg/" + id
	kind, rest, _ := strings.Cut(name, "-")
	switch kind {
	case "entry":
		return l + "/innslag/ny?type=" + url.QueryEscape(rest)
	case "evaluate":
		return l + "/innslag/ny?type=evaluation&measure=" + url.QueryEscape(rest)
	case FormWithdraw:
		return l + "/samtykker/" + rest + "/trekk"
	case FormRemove:
		return l + "/aktorer/" + rest + "/fjern"
	case FormSuspend:
		return l + "/foresatte/" + rest + "/suspender"
	case FormClose:
		return l + "/avslutt"
	case FormLevel:
		return l + "/niva"
	case FormGuardian:
		return l + "/foresatte"
	}
	return l
}

var errNoForm = fault.New(fault.NotFound, "no such form")

// mayNot is the error for a form the reader may not use on this log.
func mayNot() error { return fault.New(fault.Forbidden, "you may not do this on this log") }

// formPage picks form name from the prepared page and says what it does.
func (m *logPage) formPage(name string) (*formPage, error) {
	id, parts := m.V.Log.ID, &m.Parts
	fp := &formPage{Name: name, Back: "/logg/" + id}
	kind, rest, _ := strings.Cut(name, "-")
	switch kind {
	case "entry":
		for i := range parts.Writes {
			if parts.Writes[i].Kind == rest {
				fp.Write = &parts.Writes[i]
				fp.Heading = parts.Writes[i].Summary
				return fp, nil
			}
		}
		if !knownWriteKind(rest) {
			return nil, errNoForm
		}
		return nil, mayNot()
	case "evaluate":
		for i := range parts.Measures {
			if it := &parts.Measures[i]; it.Evaluate != nil && it.Evaluate.MeasureID == rest {
				fp.Evaluate, fp.Heading, fp.Intro = it.Evaluate, m.T("measures.evaluate"), it.Goal
				fp.Back += "#" + it.Anchor
				return fp, nil
			}
		}
		if !m.Can.AddEntry {
			return nil, mayNot()
		}
		return nil, errNoForm
	case FormClose:
		if parts.Manage == nil || parts.Manage.Close == nil {
			return nil, mayNot()
		}
		fp.Close, fp.Heading, fp.Danger = parts.Manage.Close, m.T("manage.close"), true
		fp.Consequence = []string{m.T("confirm.close.locked"), m.T("confirm.close.read"), m.T("confirm.close.final")}
		return fp, nil
	case FormLevel:
		if parts.Manage == nil || parts.Manage.Level == nil {
			return nil, mayNot()
		}
		fp.Level, fp.Heading, fp.Intro = parts.Manage.Level, m.T("manage.level"), parts.LevelExplain
		return fp, nil
	case FormGuardian:
		if parts.Manage == nil || parts.Manage.Guardian == nil {
			return nil, mayNot()
		}
		fp.Guardian, fp.Heading, fp.Back = parts.Manage.Guardian, m.T("manage.guardian"), fp.Back+"#h-people"
		return fp, nil
	case FormSuspend:
		return m.suspendPage(fp, rest)
	case FormRemove:
		return m.removePage(fp, rest)
	case FormWithdraw:
		return m.withdrawPage(fp, rest)
	}
	return nil, errNoForm
}

func knownWriteKind(k string) bool {
	switch logbook.Kind(k) {
	case logbook.KindNote, logbook.KindBrightSpot, logbook.KindConcern, logbook.KindMeasure, logbook.KindMeeting:
		return true
	}
	return false
}

func (m *logPage) suspendPage(fp *formPage, uid string) (*formPage, error) {
	if !m.Can.SuspendGuardian {
		return nil, mayNot()
	}
	for i, g := range m.V.Guardians {
		if g.UserID != uid {
			continue
		}
		f := m.Parts.People.Guardians[i].Suspend
		if f == nil {
			return nil, errNoForm // already stopped
		}
		fp.Suspend, fp.Heading, fp.Danger, fp.Back = f, m.T("confirm.suspend.title", g.Name), true, fp.Back+"#h-people"
		fp.Consequence = []string{m.T("confirm.suspend.sees_nothing", g.Name), m.T("confirm.suspend.reason")}
		return fp, nil
	}
	return nil, errNoForm
}

func (m *logPage) removePage(fp *formPage, uid string) (*formPage, error) {
	if !m.Can.ManageParticipants {
		return nil, mayNot()
	}
	for _, pv := range m.V.Participants {
		if pv.UserID != uid {
			continue
		}
		fp.Heading, fp.Danger, fp.Back = m.T("confirm.remove.title", pv.Name), true, fp.Back+"#h-people"
		fp.Consequence = []string{m.T("confirm.remove.loses", pv.Name, pv.UnitName), m.T("confirm.remove.kept")}
		fp.Confirm = &confirmForm{Action: "/logg/" + m.V.Log.ID + "/aktorer/" + uid + "/fjern",
			Button: m.T("confirm.remove.submit"), Errors: m.Errors(fp.Name)}
		return fp, nil
	}
	return nil, errNoForm
}

// withdrawPage asks before a consent is withdrawn, naming the participants who lose
// their access because no other valid consent covers their service.
func (m *logPage) withdrawPage(fp *formPage, cid string) (*formPage, error) {
	if !m.Can.GiveConsent && !m.Can.RegisterConsent {
		return nil, mayNot()
	}
	var rest []logbook.Consent
	found := false
	for _, c := range m.V.Consents {
		if c.ID == cid && c.ValidAt(m.Now) {
			found = true
			continue
		}
		rest = append(rest, c)
	}
	if !found {
		return nil, errNoForm
	}
	still := logbook.CoveredUnits(rest, m.Now)
	var losing []string
	for _, pv := range m.V.Participants {
		if pv.Active && !still[pv.UnitID] {
			losing = append(losing, m.T("confirm.withdraw.person", pv.Name, pv.UnitName))
		}
	}
	fp.Heading, fp.Danger, fp.Back = m.T("confirm.withdraw.title"), true, fp.Back+"#h-consent"
	fp.Consequence = []string{m.T("confirm.withdraw.holder", m.V.HolderName)}
	if fp.Losing = losing; len(losing) > 0 {
		fp.Consequence = append(fp.Consequence, m.T("confirm.withdraw.lose"))
	} else {
		fp.Consequence = append(fp.Consequence, m.T("confirm.withdraw.nobody"))
	}
	fp.Confirm = &confirmForm{Action: "/logg/" + m.V.Log.ID + "/samtykker/" + cid + "/trekk",
		Button: m.T("confirm.withdraw.submit"), Errors: m.Errors(fp.Name)}
	return fp, nil
}
