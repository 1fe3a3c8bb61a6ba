package ui

import (
	"errors"
	"maps"
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

// The action-guide editor for a municipality's administrators, under
// /admin/kommuner/{mid}/veileder. Every change is one small form that edits the draft
// and comes back here (POST-redirect-GET); a change that fails shows the page again
// with the messages by the fields (422). Publishing makes the draft the next version.
// Everyone else gets 404, as on the other administration pages.

// adminGuidePage is the editor's main page: the draft level by level, publishing,
// and starting over from another guide.
type adminGuidePage struct {
	layout
	Municipality *org.Municipality
	Draft        *store.GuideDraft
	Levels       []editorLevel
	Partners     []org.Municipality // municipalities in a network with this one
	Base         string             // the editor's path
	PublicPath   string
	NextVersion  int
	Source       string   // where the draft was copied from, in words; "" for none
	Problems     []string // why the draft cannot be published, after a refused attempt
}

// editorLevel is one level of the draft in the editor.
type editorLevel struct {
	N              int
	Title, Purpose string
	RawTitle       string // the title as written, "" when the level has none yet
	Steps          []editorStep
	FormName       string
	Basis          string // the fingerprint of the title and purpose, for the form
}

// editorStep is one step in the editor's list.
type editorStep struct {
	guide.Step
	First, Last bool
}

// guideBase is the editor's path for municipality mid.
func guideBase(mid string) string { return "/admin/kommuner/" + mid + "/veileder" }

// GuideErrors is Errors for an editor form, with the editor's labels.
func (l *layout) GuideErrors(formName string) *errorSummary {
	sum := l.Errors(formName)
	if sum == nil {
		return nil
	}
	for i, it := range sum.Items {
		sum.Items[i].Label = l.T("guide.label." + it.Name)
	}
	return sum
}

// GuideField describes control name of editor form formName.
func (l *layout) GuideField(formName, name string) fieldView {
	return l.Field(formName, name, "guide.label."+name)
}

// basisField is the hidden field of an editor form that carries the fingerprint of
// the text the form was filled in from, so that a save can see whether someone else
// changed that text in the meantime.
const basisField = "grunnlag"

// FormBasis is the value of the basis field of editor form formName: what a failed
// submission carried (after a refused save over someone else's change, the
// fingerprint of what is saved now), else now, the fingerprint of what the form shows.
func (l *layout) FormBasis(formName, now string) string {
	if b := l.Form(formName).Value(basisField); b != "" {
		return b
	}
	return now
}

// changedError refuses a save from an editor form whose text someone else changed
// after the form was filled in.
type changedError struct {
	now     string              // the fingerprint of what is saved now
	changes []guide.FieldChange // for a step: from what is saved now to what was sent
}

func (e *changedError) Error() string { return "changed by someone else since the form was filled in" }

// changedSince reports whether the editor form in r was filled in from other text
// than what is saved now, whose fingerprint is now. A form without the basis field,
// as other clients than our pages send, is not checked.
func changedSince(r *http.Request, now string) bool {
	b := r.PostForm.Get(basisField)
	return b != "" && b != now
}

func changedMeanwhile(now string, changes []guide.FieldChange) error {
	e := &changedError{now: now, changes: changes}
	return fault.Wrap(fault.Conflict, e, e.Error())
}

// guideFormError is formError for the editor's forms. After a save refused over
// someone else's change the form says so, keeps what the person wrote, and carries
// the fingerprint of what is saved now: saving again replaces it, knowingly.
func guideFormError(name string, r *http.Request, err error) (*form, error) {
	f, ferr := formError(name, r, err)
	var ce *changedError
	if ferr == nil && errors.As(err, &ce) {
		f.Message = "guide.changed"
		f.Values = maps.Clone(r.PostForm)
		f.Values.Set(basisField, ce.now)
	}
	return f, ferr
}

// HandleAdminGuide shows the editor.
func (s *Server) HandleAdminGuide(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	return s.renderAdminGuide(w, r, mun, http.StatusOK, nil, nil)
}

func (s *Server) renderAdminGuide(w http.ResponseWriter, r *http.Request, mun *org.Municipality, status int, failed *form, problems []string) error {
	d, err := s.DB.GetGuideDraft(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	m := &adminGuidePage{layout: s.layoutFor(r, "guide.editor.title"), Municipality: mun, Draft: d,
		Base: guideBase(mun.ID), PublicPath: app.GuidePath(mun.Number), Problems: problems}
	m.Title = m.T("guide.editor.heading", mun.Name)
	m.failed = failed
	vs, err := s.DB.ListGuideVersions(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	m.NextVersion = 1
	if len(vs) > 0 {
		m.NextVersion = vs[0].Version + 1
	}
	if m.Partners, err = s.DB.NetworkPartners(r.Context(), mun.ID); err != nil {
		return err
	}
	if m.Source, err = s.sourceName(r, m.layout, d.Source); err != nil {
		return err
	}
	for n := guide.MinLevel; n <= guide.MaxLevel; n++ {
		el := editorLevel{N: n, FormName: "level-" + strconv.Itoa(n), Title: m.T("guide.level_n", n)}
		l := d.Guide.Level(n)
		el.Basis = l.TextFingerprint()
		if l != nil {
			if l.Title != "" {
				el.Title, el.RawTitle = l.Title, l.Title
			}
			el.Purpose = l.Purpose
			for i, st := range l.Steps {
				el.Steps = append(el.Steps, editorStep{Step: st, First: i == 0, Last: i == len(l.Steps)-1})
			}
		}
		m.Levels = append(m.Levels, el)
	}
	return s.show(w, r, status, adminGuideView(m))
}

// sourceName says in words where a draft or version was copied from.
func (s *Server) sourceName(r *http.Request, l layout, source string) (string, error) {
	switch {
	case source == store.SourceNational:
		return l.T("guide.source.national"), nil
	case strings.HasPrefix(source, "municipality:"):
		m, err := s.DB.GetMunicipality(r.Context(), strings.TrimPrefix(source, "municipality:"))
		if fault.Is(err, fault.NotFound) {
			return "", nil
		} else if err != nil {
			return "", err
		}
		return l.T("guide.source.municipality", m.Name), nil
	}
	return "", nil
}

// editDraft applies edit to the draft of the municipality in the path and answers the
// form: back to the editor at anchor, or the editor again with the failed form.
func (s *Server) editDraft(w http.ResponseWriter, r *http.Request, p *people.Principal, formName, flash string,
	edit func(g *guide.Guide) (anchor string, err error)) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	var anchor string
	_, err = s.DB.EditGuideDraft(r.Context(), p, mun.ID, nil, func(g *guide.Guide, _ string) (err error) {
		anchor, err = edit(g)
		return err
	})
	if err != nil {
		status := formStatus(w, err)
		f, err := guideFormError(formName, r, err)
		if err != nil {
			return err
		}
		return s.renderAdminGuide(w, r, mun, status, f, nil)
	}
	s.RedirectWithFlash(w, r, guideBase(mun.ID)+anchor, flash)
	return nil
}

// HandleAdminGuideLevel changes a level's title and purpose.
func (s *Server) HandleAdminGuideLevel(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	n, err := pathLevel(r)
	if err != nil {
		return err
	}
	return s.editDraft(w, r, p, "level-"+strconv.Itoa(n), "guide.saved", func(g *guide.Guide) (string, error) {
		// As for a step: a form that says what is saved already is no conflict.
		title, purpose := r.PostForm.Get("title"), r.PostForm.Get("purpose")
		sent := &guide.Level{Title: strings.TrimSpace(title), Purpose: strings.TrimSpace(purpose)}
		if now := g.Level(n).TextFingerprint(); changedSince(r, now) && sent.TextFingerprint() != now {
			return "", changedMeanwhile(now, nil)
		}
		return "#niva-" + strconv.Itoa(n), g.SetLevelText(n, title, purpose)
	})
}

// HandleAdminGuideStepMove moves a step up or down within its level.
func (s *Server) HandleAdminGuideStepMove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	sid := r.PathValue("sid")
	return s.editDraft(w, r, p, "move", "guide.moved", func(g *guide.Guide) (string, error) {
		delta := 1
		if r.PostForm.Get("retning") == "opp" {
			delta = -1
		}
		return "#steg-" + sid, g.MoveStep(sid, delta)
	})
}

// HandleAdminGuideStepRemove removes a step from the draft.
func (s *Server) HandleAdminGuideStepRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	sid := r.PathValue("sid")
	return s.editDraft(w, r, p, "remove", "guide.removed", func(g *guide.Guide) (string, error) {
		_, n, ok := g.Step(sid)
		if !ok {
			return "", fault.New(fault.NotFound, "step not found")
		}
		return "#niva-" + strconv.Itoa(n), g.RemoveStep(sid)
	})
}

// HandleAdminGuidePublish publishes the draft as the next version.
func (s *Server) HandleAdminGuidePublish(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	pg, err := s.DB.PublishGuide(r.Context(), p, mun.ID)
	if err != nil {
		status, problems := formStatus(w, err), s.publishProblems(r, err)
		f, err := formError("publish", r, err)
		if err != nil {
			return err
		}
		f.Errors = nil
		if problems != nil {
			f.Message = "guide.publish.incomplete"
		}
		return s.renderAdminGuide(w, r, mun, status, f, problems)
	}
	s.RedirectWithFlash(w, r, guideBase(mun.ID)+"/versjoner?fra="+strconv.Itoa(max(pg.Version-1, 1))+"&til="+strconv.Itoa(pg.Version), "guide.published")
	return nil
}

// publishProblems says in words what keeps the draft from being published, from the
// fields of a refused publication: "Nivå 2: Dette mangler."
func (s *Server) publishProblems(r *http.Request, err error) []string {
	var fe *fault.Error
	if !errors.As(err, &fe) || len(fe.Fields) == 0 {
		return nil
	}
	l := s.layoutFor(r, "guide.editor.title")
	var out []string
	for _, k := range slices.Sorted(maps.Keys(fe.Fields)) {
		level, step, field := parseGuideField(k)
		where := l.T("guide.level_n", level)
		if step >= 0 {
			where += ", " + l.T("guide.step_n", step+1)
		}
		if field != "" {
			where += ", " + strings.ToLower(l.T("guide.label."+field))
		}
		out = append(out, where+": "+l.T("field."+fe.Fields[k]))
	}
	return out
}

// parseGuideField reads a guide validation field such as "levels[2].steps[0].title":
// the level, the step's index (-1 for none) and the field ("" for the level itself).
func parseGuideField(k string) (level, step int, field string) {
	step = -1
	rest, _ := strings.CutPrefix(k, "levels[")
	n, rest, _ := strings.Cut(rest, "]")
	level, _ = strconv.Atoi(n)
	rest = strings.TrimPrefix(rest, ".")
	if s, ok := strings.CutPrefix(rest, "steps["); ok {
		n, rest, _ = strings.Cut(s, "]")
		step, _ = strconv.Atoi(n)
		rest = strings.TrimPrefix(rest, ".")
	}
	if i := strings.IndexAny(rest, "[."); i >= 0 {
		rest = rest[:i]
	}
	return level, step, rest
}

// HandleAdminGuideDiscard throws the draft away.
func (s *Server) HandleAdminGuideDiscard(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := s.DB.DiscardGuideDraft(r.Context(), p, mun.ID); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, guideBase(mun.ID), "guide.discarded")
	return nil
}

// HandleAdminGuideFork replaces the draft with a copy of the national template
// (kilde=national) or of a network partner's guide (kilde=<municipality ID>).
func (s *Server) HandleAdminGuideFork(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	src := store.GuideSource{MunicipalityID: postValue(r, "kilde")}
	if src.MunicipalityID == "national" {
		src = store.GuideSource{National: true}
	}
	if _, err = s.DB.ForkGuide(r.Context(), p, mun.ID, src); err != nil {
		err = forkFormError(err)
		status := formStatus(w, err)
		f, err := formError("fork", r, err)
		if err != nil {
			return err
		}
		return s.renderAdminGuide(w, r, mun, status, f, nil)
	}
	s.RedirectWithFlash(w, r, guideBase(mun.ID), "guide.forked")
	return nil
}

// forkFormError names the form's control in a refused fork: a municipality outside
// the networks is not among those offered, so it is not allowed as a choice.
func forkFormError(err error) error {
	var fe *fault.Error
	switch {
	case fault.Is(err, fault.Forbidden):
		return fault.Validation("kilde", fault.FieldNotAllow)
	case errors.As(err, &fe) && fe.Fields["from_municipality_id"] != "":
		return fault.Validation("kilde", fe.Fields["from_municipality_id"])
	}
	return err
}

// pathLevel reads the level in the path; anything but 0–3 is not found.
func pathLevel(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < guide.MinLevel || n > guide.MaxLevel {
		return 0, fault.New(fault.NotFound, "no such level")
	}
	return n, nil
}
