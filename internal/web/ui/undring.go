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
	f := r.PostForm
	in := logbook.NewLog{UnitID: f.Get("unit_id"), Concern: f.Get("concern"),
		Child: logbook.Child{Name: f.Get("name"), Initials: f.Get("initials"), BirthDate: logbook.Date(f.Get("birth_date"))}}
	l, err := s.DB.CreateLog(r.Context(), app.ActorOf(p), in, 0)
	if err != nil {
		status := formStatus(w, err)
		failed, err := formError("undring", r, err)
		if err != nil {
			return err
		}
		// The store names the child's fields as the API nests them; the form is flat.
		for k, code := range failed.Errors {
			if name, ok := strings.CutPrefix(k, "child."); ok {
				delete(failed.Errors, k)
				failed.Errors[name] = code
			}
		}
		return s.renderUndringForm(w, r, p, failed, status)
	}
	s.RedirectWithFlash(w, r, "/logg/"+l.ID, "undring_opened")
	return nil
}
