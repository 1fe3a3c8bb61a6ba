package api

import (
	"encoding/json"
	"stafett/internal/guide"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"time"
)

// guideJSON is a published guide: the public form of API.md, with each step's ID and
// how-text besides.
type guideJSON struct {
	MunicipalityID string        `json:"municipality_id"`
	Version        int           `json:"version"`
	PublishedAt    time.Time     `json:"published_at"`
	Levels         []guide.Level `json:"levels"`
}

// newGuideJSON shapes version g of the guide of municipality number nr; uploaded
// documents get their public address as url.
func newGuideJSON(g *store.PublishedGuide, nr string) guideJSON {
	return guideJSON{MunicipalityID: g.MunicipalityID, Version: g.Version, PublishedAt: g.PublishedAt, Levels: app.WithFileURLs(g.Guide.Levels, nr)}
}

// draftJSON is a municipality's draft: the guide as in the public form, with what it
// started from. changed is false when no draft is saved and this is the newest
// published version.
type draftJSON struct {
	MunicipalityID string        `json:"municipality_id"`
	BasedOn        int           `json:"based_on"`
	Changed        bool          `json:"changed"`
	Source         string        `json:"source"`
	UpdatedAt      *time.Time    `json:"updated_at"`
	Levels         []guide.Level `json:"levels"`
}

func newDraftJSON(d *store.GuideDraft) draftJSON {
	out := draftJSON{MunicipalityID: d.MunicipalityID, BasedOn: d.BasedOn, Changed: d.Changed, Source: d.Source, Levels: d.Guide.Levels}
	if d.Changed {
		out.UpdatedAt = &d.UpdatedAt
	}
	return out
}

// draftRequest is the body of PUT .../guide/draft: the guide as in the public form.
// The fields a GET answers with besides levels are accepted and ignored, so that a
// draft read can be changed and sent back as it is.
type draftRequest struct {
	Levels         []guide.Level   `json:"levels"`
	MunicipalityID json.RawMessage `json:"municipality_id"`
	Version        json.RawMessage `json:"version"`
	PublishedAt    json.RawMessage `json:"published_at"`
	BasedOn        json.RawMessage `json:"based_on"`
	Changed        json.RawMessage `json:"changed"`
	Source         json.RawMessage `json:"source"`
	UpdatedAt      json.RawMessage `json:"updated_at"`
}

// versionJSON is one line of a guide's version list.
type versionJSON struct {
	Version     int       `json:"version"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy *refJSON  `json:"published_by"` // null when Stafett published the national template
	Source      string    `json:"source"`
}

func newVersionsJSON(vs []store.PublishedGuide) []versionJSON {
	out := make([]versionJSON, 0, len(vs))
	for _, v := range vs {
		j := versionJSON{Version: v.Version, PublishedAt: v.PublishedAt, Source: v.Source}
		if v.PublishedBy != "" {
			j.PublishedBy = &refJSON{v.PublishedBy, v.PublishedByName}
		}
		out = append(out, j)
	}
	return out
}

// diffJSON is the difference between two versions; to is "draft" for the draft.
type diffJSON struct {
	From   int               `json:"from"`
	To     any               `json:"to"`
	Levels []guide.LevelDiff `json:"levels"`
}

// forkRequest is the body of POST .../guide/fork: one of the two.
type forkRequest struct {
	FromMunicipalityID string `json:"from_municipality_id"`
	Template           string `json:"template"`
}

// stepJSON is a guide step on a log's checklist; due is the last day, null for a step
// without a deadline.
type stepJSON struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Who          string     `json:"who"`
	Done         bool       `json:"done"`
	Due          *string    `json:"due"`
	DeadlineDays *int       `json:"deadline_days"`
	Overdue      bool       `json:"overdue"`
	DoneAt       *time.Time `json:"done_at"`
	EntryID      *string    `json:"entry_id"`
}

func newStepJSON(s *store.LogStep) stepJSON {
	out := stepJSON{ID: s.ID, Title: s.Title, Who: s.Who, Done: s.Done, DeadlineDays: s.DeadlineDays,
		Overdue: s.Overdue, DoneAt: s.DoneAt, EntryID: optional(s.EntryID)}
	if s.Due != "" {
		d := s.Due.String()
		out.Due = &d
	}
	return out
}

// newStepsJSON shapes a log's checklist; never null.
func newStepsJSON(lg *store.LogGuide) []stepJSON {
	out := []stepJSON{}
	if lg == nil {
		return out
	}
	for i := range lg.Steps {
		out = append(out, newStepJSON(&lg.Steps[i]))
	}
	return out
}
