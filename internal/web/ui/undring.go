package ui

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"strings"
)

// undringPage is the form that opens an undring.
type undringPage struct {
	layout
	Units []unitChoice
}

// HandleUndringNew shows the form to open an undring in one of the person's units;
// someone who works in no unit has nothing to see here.
func (s *Server) HandleUndringNew(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderUndringForm(w, r, p, nil, http.StatusOK)
}

func (s *Server) renderUndringForm(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	units, err := s.workUnits(r, p)
	if err != nil {
		return err
	}
	if len(units) == 0 {
		return fault.New(fault.NotFound, "no unit to open a log in")
	}
	m := &undringPage{layout: s.layoutFor(r, "undring.new_title"), Units: units}
	m.failed = failed
	return s.show(w, r, status, undringNewView(m))
}

// HandleUndringCreate opens the undring and goes to its page.
func (s *Server) HandleUndringCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	l, err := s.DB.CreateLog(r.Context(), app.ActorOf(p), newLogOf(r), 0)
	if err != nil {
		status := formStatus(w, err)
		failed, err := childFormError("undring", r, err)
		if err != nil {
			return err
		}
		return s.renderUndringForm(w, r, p, failed, status)
	}
	s.RedirectWithFlash(w, r, "/logg/"+l.ID, "undring_opened")
	return nil
}

// newLogOf reads the fields of childFields (and a concern, if the form has one).
func newLogOf(r *http.Request) logbook.NewLog {
	f := r.PostForm
	return logbook.NewLog{UnitID: f.Get("unit_id"), Concern: f.Get("concern"),
		Child: logbook.Child{Name: f.Get("name"), Initials: f.Get("initials"), BirthDate: logbook.Date(f.Get("birth_date"))}}
}

// childFormError is formError for a form with childFields: the store names the
// child's fields as the API nests them ("child.name"); the form is flat.
func childFormError(name string, r *http.Request, err error) (*form, error) {
	failed, err := formError(name, r, err)
	if err != nil {
		return nil, err
	}
	for k, code := range failed.Errors {
		if field, ok := strings.CutPrefix(k, "child."); ok {
			delete(failed.Errors, k)
			failed.Errors[field] = code
		}
	}
	return failed, nil
}
