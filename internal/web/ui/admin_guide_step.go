package ui

import (
	"errors"
	"net/http"
	"slices"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"strconv"
	"strings"
)

// adminGuideStepPage is the form for a new step or a change to one.
type adminGuideStepPage struct {
	layout
	Municipality *org.Municipality
	Base         string
	Level        int
	LevelTitle   string
	Step         *guide.Step // nil for a new step
	Action       string      // where the form posts
	Documents    []documentTool
	Basis        string      // the fingerprint of Step, for the form
	Changes      changesView // after a save refused over someone else's change: how it differs
}

// documentTool is an uploaded document among a step's tools, for the step form.
type documentTool struct {
	FileID, Title, Name string
	Removed             bool // ticked for removal in a failed submission
}

// stepFormName is the name of the step form, for its field IDs and messages.
const stepFormName = "step"

// StepField describes control name of the step form: what was sent after a failed
// submission, else the step's current value.
func (m *adminGuideStepPage) StepField(name string) fieldView {
	v := m.GuideField(stepFormName, name)
	if m.Form(stepFormName) == nil && m.Step != nil {
		v.Value = stepValue(m.Step, name)
	}
	switch name {
	case "tools":
		v.Hint = m.T("guide.hint.tools")
	case "what", "how":
		v.Hint = m.T("guide.hint.text")
	case "file":
		v.Hint = m.T("guide.hint.file")
	}
	return v
}

func stepValue(s *guide.Step, name string) string {
	switch name {
	case "title":
		return s.Title
	case "what":
		return s.What
	case "how":
		return s.How
	case "who":
		return s.Who
	case "deadline_days":
		if s.DeadlineDays != nil {
			return strconv.Itoa(*s.DeadlineDays)
		}
	case "tools":
		return linksText(s.Tools)
	}
	return ""
}

// linksText writes the link tools as the form shows them: one "title | address" per
// line. Uploaded documents are listed apart.
func linksText(ts []guide.Tool) string {
	var lines []string
	for _, t := range ts {
		if t.FileID == "" {
			lines = append(lines, t.Title+" | "+t.URL)
		}
	}
	return strings.Join(lines, "\n")
}

// stepForm is what the step form sent: the step, and a document to upload with the
// title to show it by.
type stepForm struct {
	step      guide.Step
	file      *store.GuideFile
	fileTitle string
}

// stepFromForm reads the step form. The step keeps old's documents unless they are
// ticked for removal. A deadline that is not a whole number, a tool line without an
// address and a document that is not PDF, PNG or Word are field errors; the rest is
// checked by the guide.
func stepFromForm(r *http.Request, old *guide.Step) (stepForm, error) {
	f := r.PostForm
	s := guide.Step{Title: f.Get("title"), What: f.Get("what"), How: f.Get("how"), Who: f.Get("who"), Tools: []guide.Tool{}}
	var fields fault.Fields
	if d := strings.TrimSpace(f.Get("deadline_days")); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil {
			fields.Add("deadline_days", fault.FieldFormat)
		}
		s.DeadlineDays = &n
	}
	for _, line := range strings.Split(f.Get("tools"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		var title, url string
		switch i := strings.LastIndex(line, "|"); {
		case i >= 0:
			title, url = line[:i], line[i+1:]
		case guide.IsWebURL(line):
			title, url = line, line
		default:
			fields.Add("tools", fault.FieldFormat)
			continue
		}
		s.Tools = append(s.Tools, guide.Tool{Title: strings.TrimSpace(title), URL: strings.TrimSpace(url)})
	}
	if old != nil {
		for _, t := range old.Tools {
			if t.FileID != "" && !slices.Contains(f["remove_file"], t.FileID) {
				s.Tools = append(s.Tools, t)
			}
		}
	}
	out := stepForm{step: s, fileTitle: strings.TrimSpace(f.Get("file_title"))}
	file, err := app.UploadedDocument(r)
	var fe *fault.Error
	switch {
	case errors.As(err, &fe) && fe.Code == fault.Invalid:
		for k, v := range fe.Fields {
			fields.Add(k, v)
		}
	case err != nil:
		return out, err
	case file != nil:
		out.file = file
		if out.fileTitle == "" {
			out.fileTitle = file.Name
		}
	}
	fields.OptionalText("file_title", out.fileTitle, guide.MaxToolTitleLen)
	if err := guide.CheckStep(&out.step); errors.As(err, &fe) {
		for k, v := range fe.Fields {
			fields.Add(k, v)
		}
	}
	return out, fields.Err()
}

// HandleAdminGuideStepNew shows the form for a new step at the level in the path.
func (s *Server) HandleAdminGuideStepNew(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	n, err := pathLevel(r)
	if err != nil {
		return err
	}
	return s.renderGuideStep(w, r, mun, n, nil, http.StatusOK, nil)
}

// HandleAdminGuideStepCreate adds a step at the level in the path.
func (s *Server) HandleAdminGuideStepCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	n, err := pathLevel(r)
	if err != nil {
		return err
	}
	return s.saveStepForm(w, r, p, mun, n, nil, "guide.step_added", func(g *guide.Guide, _, st guide.Step) (string, error) {
		return g.AddStep(n, st, store.NewStepID)
	})
}

// HandleAdminGuideStep shows the form to change the step in the path.
func (s *Server) HandleAdminGuideStep(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	d, err := s.DB.GetGuideDraft(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	st, n, ok := d.Guide.Step(r.PathValue("sid"))
	if !ok {
		return fault.New(fault.NotFound, "step not found")
	}
	return s.renderGuideStep(w, r, mun, n, st, http.StatusOK, nil)
}

// HandleAdminGuideStepSave changes the step in the path.
func (s *Server) HandleAdminGuideStepSave(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	d, err := s.DB.GetGuideDraft(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	sid := r.PathValue("sid")
	old, n, ok := d.Guide.Step(sid)
	if !ok {
		return fault.New(fault.NotFound, "step not found")
	}
	return s.saveStepForm(w, r, p, mun, n, old, "guide.saved", func(g *guide.Guide, sent, st guide.Step) (string, error) {
		// Someone else's change is overwritten only knowingly; a form that says what is
		// saved already (sent twice, say) changes nothing and is no conflict.
		if cur, _, ok := g.Step(sid); ok && changedSince(r, cur.Fingerprint()) {
			if changes := guide.CompareSteps(*cur, sent); len(changes) > 0 {
				return "", changedMeanwhile(cur.Fingerprint(), changes)
			}
		}
		st.ID = sid
		return sid, g.ReplaceStep(st)
	})
}

// saveStepForm reads the step form and applies it to the draft with apply, which
// gets the step as the form sent it and as it is to be stored, and returns the step's
// ID; a document sent with the form is uploaded in the same transaction and added to
// the stored step's tools. A failed submission shows the form again.
func (s *Server) saveStepForm(w http.ResponseWriter, r *http.Request, p *people.Principal, mun *org.Municipality, n int, old *guide.Step,
	flash string, apply func(g *guide.Guide, sent, st guide.Step) (string, error)) error {
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var id string
	sf, err := stepFromForm(r, old)
	if err == nil {
		_, err = s.DB.EditGuideDraft(r.Context(), p, mun.ID, sf.file, func(g *guide.Guide, fileID string) (err error) {
			st := sf.step
			if fileID != "" {
				st.Tools = append(slices.Clone(st.Tools), guide.Tool{Title: sf.fileTitle, FileID: fileID})
			}
			id, err = apply(g, sf.step, st)
			return err
		})
	}
	if err != nil {
		return s.stepFormFailed(w, r, mun, n, old, err)
	}
	s.RedirectWithFlash(w, r, guideBase(mun.ID)+"#steg-"+id, flash)
	return nil
}

// stepFormFailed shows the step form again with what was wrong. After a save
// refused over someone else's change it shows the step as saved now, and how it
// differs from what was sent.
func (s *Server) stepFormFailed(w http.ResponseWriter, r *http.Request, mun *org.Municipality, n int, st *guide.Step, err error) error {
	status := formStatus(w, err)
	f, ferr := guideFormError(stepFormName, r, err)
	if ferr != nil {
		return ferr
	}
	var ce *changedError
	if !errors.As(err, &ce) {
		return s.renderGuideStep(w, r, mun, n, st, status, f)
	}
	d, err := s.DB.GetGuideDraft(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	cur, n, ok := d.Guide.Step(st.ID)
	if !ok {
		return fault.New(fault.NotFound, "step not found")
	}
	return s.renderGuideStep(w, r, mun, n, cur, status, f, ce.changes...)
}

// renderGuideStep shows the form for step st at level n, or for a new step when st is
// nil; changes are how st differs from what a refused save sent.
func (s *Server) renderGuideStep(w http.ResponseWriter, r *http.Request, mun *org.Municipality, n int, st *guide.Step, status int, failed *form,
	changes ...guide.FieldChange) error {
	m := &adminGuideStepPage{layout: s.layoutFor(r, "guide.step.new"), Municipality: mun, Base: guideBase(mun.ID), Level: n, Step: st}
	m.failed = failed
	m.LevelTitle = m.T("guide.level_n", n)
	if st == nil {
		m.Title = m.T("guide.step.new_at", n)
		m.Action = m.Base + "/niva/" + strconv.Itoa(n) + "/steg"
		return s.show(w, r, status, adminGuideStepView(m))
	}
	m.Title = m.T("guide.step.edit", st.Title)
	m.Action = m.Base + "/steg/" + st.ID
	m.Basis = st.Fingerprint()
	if changes != nil {
		m.Changes = fieldChanges(&m.layout, changes, "guide.changed.saved", "guide.changed.sent")
	}
	names, err := s.DB.GuideFileNames(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	for _, t := range st.Tools {
		if t.FileID != "" {
			m.Documents = append(m.Documents, documentTool{FileID: t.FileID, Title: t.Title, Name: names[t.FileID],
				Removed: failed.Has("remove_file", t.FileID)})
		}
	}
	return s.show(w, r, status, adminGuideStepView(m))
}
