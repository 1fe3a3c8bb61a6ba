package ui

import (
	"errors"
	"net/http"
	"net/url"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"strconv"
)

// adminGuideVersionsPage lists the published versions of a guide and shows what
// changed between two of them, or between a version and the draft (til=utkast).
type adminGuideVersionsPage struct {
	layout
	Municipality *org.Municipality
	Base         string
	Versions     []versionRow
	HasDraft     bool
	From, To     string // the chosen versions, as the form sends them
	Selects      []selectView
	Diff         *diffView
}

// selectView is a choice list of a GET form.
type selectView struct {
	fieldView
	Options []optionView
}

type optionView struct {
	Value, Label string
	Selected     bool
}

// versionRow is one published version in the list.
type versionRow struct {
	store.PublishedGuide
	SourceName string
}

// diffView is the difference between two versions, for the page.
type diffView struct {
	FromLabel, ToLabel string
	Levels             []levelDiffView
}

type levelDiffView struct {
	Title   string
	Changes changesView
	Added   []guide.StepRef
	Removed []guide.StepRef
	Changed []stepChangeView
}

type stepChangeView struct {
	ID, Title string
	Changes   changesView
}

// changesView is a table of changed fields with their old and new text.
type changesView struct {
	Field, Before, After string // the column headings
	Rows                 []fieldChangeView
}

type fieldChangeView struct {
	Label, From, To string
}

// draftWord is how the page names the draft among the versions.
const draftWord = "utkast"

// HandleAdminGuideVersions shows the versions and, with fra and til, the difference.
func (s *Server) HandleAdminGuideVersions(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	vs, err := s.DB.ListGuideVersions(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	d, err := s.DB.GetGuideDraft(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	m := &adminGuideVersionsPage{layout: s.layoutFor(r, "guide.versions.title"), Municipality: mun, Base: guideBase(mun.ID), HasDraft: d.Changed}
	for _, v := range vs {
		name, err := s.sourceName(r, m.layout, v.Source)
		if err != nil {
			return err
		}
		m.Versions = append(m.Versions, versionRow{PublishedGuide: v, SourceName: name})
	}
	q := r.URL.Query()
	m.From, m.To = q.Get("fra"), q.Get("til")
	if !q.Has("fra") && !q.Has("til") && len(vs) > 0 {
		// By default, what the draft changes, or else what the newest version changed.
		switch {
		case d.Changed:
			m.From, m.To = strconv.Itoa(vs[0].Version), draftWord
		case len(vs) > 1:
			m.From, m.To = strconv.Itoa(vs[1].Version), strconv.Itoa(vs[0].Version)
		}
	}
	status := http.StatusOK
	if m.From != "" || m.To != "" {
		if err := s.fillDiff(r, m, mun.ID); err != nil {
			status = formStatus(w, err)
			f, err := formError("diff", r, err)
			if err != nil {
				return err
			}
			f.Values = url.Values{"fra": {m.From}, "til": {m.To}}
			m.failed = f
		}
	}
	m.Selects = m.selects()
	return s.show(w, r, status, adminGuideVersionsView(m))
}

// fillDiff compares the chosen versions; unreadable or unknown versions are field
// errors of fra and til.
func (s *Server) fillDiff(r *http.Request, m *adminGuideVersionsPage, mid string) error {
	from, to, err := s.GuidePair(r, mid, m.From, m.To, draftWord)
	var fe *fault.Error
	switch {
	case fault.Is(err, fault.NotFound):
		field := "til"
		if v, _ := strconv.Atoi(m.From); v < 1 || fault.Is(firstErr(s.DB.GetGuideVersion(r.Context(), mid, v)), fault.NotFound) {
			field = "fra"
		}
		return fault.Validation(field, fault.FieldNotFound)
	case errors.As(err, &fe) && len(fe.Fields) > 0:
		var f fault.Fields
		for k, v := range fe.Fields {
			f.Add(map[string]string{"from": "fra", "to": "til"}[k], v)
		}
		return f.Err()
	case err != nil:
		return err
	}
	dv := &diffView{FromLabel: m.T("guide.versions.version", from.Version), ToLabel: m.T("guide.versions.version", to.Version)}
	if to.Draft {
		dv.ToLabel = m.T("guide.versions.draft")
	}
	for _, ld := range guide.Compare(from.Guide, to.Guide).Levels {
		lv := levelDiffView{Title: m.T("guide.level_n", ld.Level), Added: ld.Added, Removed: ld.Removed,
			Changes: fieldChanges(&m.layout, ld.Changes, "guide.diff.before", "guide.diff.after")}
		for _, sc := range ld.Changed {
			lv.Changed = append(lv.Changed, stepChangeView{ID: sc.ID, Title: sc.Title, Changes: fieldChanges(&m.layout, sc.Changes, "guide.diff.before", "guide.diff.after")})
		}
		dv.Levels = append(dv.Levels, lv)
	}
	m.Diff = dv
	return nil
}

// firstErr drops a result to keep its error.
func firstErr[T any](_ T, err error) error { return err }

// fieldChanges is the table of changes cs, with before and after as the message keys
// of its column headings.
func fieldChanges(l *layout, cs []guide.FieldChange, before, after string) changesView {
	out := changesView{Field: l.T("guide.diff.field"), Before: l.T(before), After: l.T(after)}
	for _, c := range cs {
		out.Rows = append(out.Rows, fieldChangeView{Label: l.T("guide.label." + c.Field), From: c.From, To: c.To})
	}
	return out
}

// selects builds the form's two choice lists, fra among the versions and til among
// the versions and the draft.
func (m *adminGuideVersionsPage) selects() []selectView {
	var out []selectView
	for _, name := range []string{"fra", "til"} {
		chosen := m.From
		if name == "til" {
			chosen = m.To
		}
		sv := selectView{fieldView: m.GuideField("diff", name)}
		for _, v := range m.Versions {
			val := strconv.Itoa(v.Version)
			sv.Options = append(sv.Options, optionView{Value: val, Label: m.T("guide.versions.version", v.Version), Selected: val == chosen})
		}
		if name == "til" && m.HasDraft {
			sv.Options = append(sv.Options, optionView{Value: draftWord, Label: m.T("guide.versions.draft"), Selected: chosen == draftWord})
		}
		out = append(out, sv)
	}
	return out
}
