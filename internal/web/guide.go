package web

import (
	"net/http"
	"strconv"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/store"
)

// The action guide's JSON API. Reading the published guide needs no sign-in; the
// draft, publishing, versions, forks and diffs are for the municipality's
// administrators only (access.CanEditPublished). Others who are signed in get 403 for a
// municipality that exists: municipalities and their published guides are public, so
// there is nothing to hide, as for the other administration routes.

// publishedMunicipality loads the municipality in the path and checks that the actor
// may edit what it publishes: its action guide and its service overview.
func (s *Server) publishedMunicipality(r *http.Request, p *store.Principal) (*org.Municipality, error) {
	m, err := s.db.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return nil, err
	}
	if !access.CanEditPublished(actorOf(p), m.ID) {
		return nil, fault.New(fault.Forbidden, "only the municipality's administrators edit what it publishes")
	}
	return m, nil
}

// handleGuideShow returns the newest published guide, to anyone.
func (s *Server) handleGuideShow(w http.ResponseWriter, r *http.Request) error {
	m, err := s.db.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	g, err := s.db.GetGuide(r.Context(), m.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newGuideJSON(g, m.Number))
	return nil
}

// handleGuideDraftShow returns the draft: the saved one, or the newest version.
func (s *Server) handleGuideDraftShow(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	d, err := s.db.GetGuideDraft(r.Context(), m.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newDraftJSON(d))
	return nil
}

// handleGuideDraftSave replaces the draft with the guide in the body.
func (s *Server) handleGuideDraftSave(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	var req draftRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	d, err := s.db.SaveGuideDraft(r.Context(), actorOf(p), m.ID, guide.Guide{Levels: req.Levels})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newDraftJSON(d))
	return nil
}

// handleGuideDraftDiscard throws the draft away.
func (s *Server) handleGuideDraftDiscard(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := s.db.DiscardGuideDraft(r.Context(), actorOf(p), m.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleGuidePublish publishes the draft as the next version.
func (s *Server) handleGuidePublish(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	g, err := s.db.PublishGuide(r.Context(), actorOf(p), m.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"version": g.Version, "published_at": g.PublishedAt})
	return nil
}

// handleGuideVersions lists the published versions, newest first.
func (s *Server) handleGuideVersions(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	vs, err := s.db.ListGuideVersions(r.Context(), m.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"versions": newVersionsJSON(vs)})
	return nil
}

// handleGuideVersionShow returns one published version.
func (s *Server) handleGuideVersionShow(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v < 1 {
		return fault.New(fault.NotFound, "guide not found")
	}
	g, err := s.db.GetGuideVersion(r.Context(), m.ID, v)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newGuideJSON(g, m.Number))
	return nil
}

// handleGuideFork makes the draft a copy of the national template or of the guide of
// a municipality in the same network.
func (s *Server) handleGuideFork(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	var req forkRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	var src store.GuideSource
	switch {
	case req.Template != "" && req.FromMunicipalityID != "":
		return fault.Validation("template", fault.FieldNotAllow)
	case req.Template == "national":
		src.National = true
	case req.Template != "":
		return fault.Validation("template", fault.FieldInvalid)
	default:
		src.MunicipalityID = req.FromMunicipalityID
	}
	d, err := s.db.ForkGuide(r.Context(), actorOf(p), m.ID, src)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newDraftJSON(d))
	return nil
}

// handleGuideDiff compares two versions: ?from=1&to=2, where to may be "draft".
func (s *Server) handleGuideDiff(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	from, to, err := s.guidePair(r, m.ID, r.URL.Query().Get("from"), r.URL.Query().Get("to"), "draft")
	if err != nil {
		return err
	}
	out := diffJSON{From: from.version, To: to.version, Levels: guide.Compare(from.guide, to.guide).Levels}
	if to.draft {
		out.To = "draft"
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// guideSide is one side of a comparison.
type guideSide struct {
	version int
	draft   bool
	guide   guide.Guide
}

// guidePair loads the two sides of a comparison of municipality mid's guide from
// version numbers; to may be draftWord for the draft. Unparseable numbers are field
// errors of from and to; versions that do not exist are not found.
func (s *Server) guidePair(r *http.Request, mid, fromText, toText, draftWord string) (guideSide, guideSide, error) {
	var from, to guideSide
	var f fault.Fields
	fv, err := strconv.Atoi(fromText)
	if err != nil || fv < 1 {
		f.Add("from", fault.FieldFormat)
	}
	tv, err := strconv.Atoi(toText)
	to.draft = toText == draftWord
	if !to.draft && (err != nil || tv < 1) {
		f.Add("to", fault.FieldFormat)
	}
	if err := f.Err(); err != nil {
		return from, to, err
	}
	g, err := s.db.GetGuideVersion(r.Context(), mid, fv)
	if err != nil {
		return from, to, err
	}
	from.version, from.guide = g.Version, g.Guide
	if to.draft {
		d, err := s.db.GetGuideDraft(r.Context(), mid)
		if err != nil {
			return from, to, err
		}
		to.version, to.guide = d.BasedOn, d.Guide
		return from, to, nil
	}
	if g, err = s.db.GetGuideVersion(r.Context(), mid, tv); err != nil {
		return from, to, err
	}
	to.version, to.guide = g.Version, g.Guide
	return from, to, nil
}
