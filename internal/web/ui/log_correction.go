package ui

import (
	"errors"
	"maps"
	"net/http"
	"strings"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// Corrections from the pages (issue 21 point 5): the child's details
// (GET|POST /logg/{id}/barn, the holder and leaders) and a measure's evaluation
// date (GET|POST /logg/{id}/tiltak/{mid}/flytt, whoever may add measures), each on
// a page of its own like the log's other forms.
const (
	FormChild = "child" // GET /logg/{id}/barn
	FormMove  = "move"  // GET /logg/{id}/tiltak/{mid}/flytt
)

// MoveFormName names the form moving the evaluation date of the measure in the path.
func MoveFormName(r *http.Request) string { return "move-" + r.PathValue("mid") }

// childForm corrects the child's name, initials and birth date.
type childForm struct {
	Action                    string
	Errors                    *errorSummary
	Name, Initials, BirthDate fieldView
}

// moveForm moves a measure's evaluation date, with a reason.
type moveForm struct {
	Action             string
	Errors             *errorSummary
	EvaluateBy, Reason fieldView
}

// CanCorrectChild reports whether the reader may correct the child's details now.
func (m *logPage) CanCorrectChild() bool {
	st := access.LogState{Status: string(m.V.Log.Status), Level: int(m.V.Log.Level)}
	return !m.Print && access.Decide(m.V.Relation, st, access.ActionCorrectChild) == access.Allow
}

// ChildPath is the page that corrects the child's details.
func (m *logPage) ChildPath() string { return "/logg/" + m.V.Log.ID + "/barn" }

// childPage is the form correcting the child's details, filled in with what the
// log says until a failed try brings back what was typed.
func (m *logPage) childPage(fp *formPage) (*formPage, error) {
	if !m.CanCorrectChild() {
		return nil, mayNot()
	}
	f := &childForm{Action: m.ChildPath(), Errors: m.Errors(FormChild), Name: m.Field(FormChild, "name", "label.name"),
		Initials: m.Field(FormChild, "initials", "label.initials"), BirthDate: m.Field(FormChild, "birth_date", "label.birth_date")}
	if m.Form(FormChild) == nil {
		c := m.V.Log.Child
		f.Name.Value, f.Initials.Value, f.BirthDate.Value = c.Name, c.Initials, string(c.BirthDate)
	}
	fp.Child, fp.Heading, fp.Intro = f, m.T("correct.child.title"), m.T("correct.child.intro")
	return fp, nil
}

// movePage is the form moving measure mid's evaluation date.
func (m *logPage) movePage(fp *formPage, mid string) (*formPage, error) {
	for i := range m.Measures {
		mv := &m.Measures[i]
		if mv.ID != mid || mv.Evaluation != nil {
			continue
		}
		if m.Print || !m.Can.AddEntry {
			return nil, mayNot()
		}
		name := "move-" + mid
		f := &moveForm{Action: "/logg/" + m.V.Log.ID + "/tiltak/" + mid + "/flytt", Errors: m.Errors(name),
			EvaluateBy: m.Field(name, "evaluate_by", "label.evaluate_by"), Reason: m.Field(name, "reason", "label.move_reason")}
		if m.Form(name) == nil {
			f.EvaluateBy.Value = string(mv.EvaluateBy)
		}
		fp.Move, fp.Heading = f, m.T("correct.move.title")
		fp.Intro = m.T("correct.move.intro", mv.Goal, m.Day(mv.EvaluateBy.String()))
		fp.Back += "#innslag-" + mid
		return fp, nil
	}
	if !m.Can.AddEntry {
		return nil, mayNot()
	}
	return nil, errNoForm
}

// HandleChildForm corrects the child's details from the form.
func (s *Server) HandleChildForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	f := r.PostForm
	name, initials, birth := f.Get("name"), f.Get("initials"), logbook.Date(f.Get("birth_date"))
	_, err := s.DB.CorrectChild(r.Context(), a, id, logbook.ChildCorrection{Name: &name, Initials: &initials, BirthDate: &birth})
	return "child_corrected", "", flatChildErrors(err)
}

// flatChildErrors names the child's fields as the form does (flat, as the undring
// form): the store nests them as the API does. A correction that changes nothing
// is told at the name field.
func flatChildErrors(err error) error {
	var e *fault.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	fields := maps.Clone(e.Fields)
	for k, code := range e.Fields {
		if name, ok := strings.CutPrefix(k, "child."); ok {
			delete(fields, k)
			fields[name] = code
		} else if k == "child" {
			delete(fields, k)
			fields["name"] = "unchanged"
		}
	}
	return &fault.Error{Code: e.Code, Message: e.Message, Fields: fields}
}

// HandleMoveForm moves a measure's evaluation date from the form.
func (s *Server) HandleMoveForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	f := r.PostForm
	e, err := s.DB.MoveEvaluation(r.Context(), a, id, r.PathValue("mid"), logbook.Date(f.Get("evaluate_by")), f.Get("reason"))
	if err != nil {
		return "", "", err
	}
	return "evaluation_moved", "#innslag-" + e.ID, nil
}
