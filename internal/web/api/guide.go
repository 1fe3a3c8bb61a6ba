package api

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"strconv"
)

// The action guide's JSON API. Reading the published guide needs no sign-in; the
// draft, publishing, versions, forks and diffs are for the municipality's
// administrators only (access.CanEditPublished). Others who are signed in get 403 for a
// municipality that exists: municipalities and their published guides are public, so
// there is nothing to hide, as for the other administration routes.

// HandleGuideShow returns the newest published guide, to anyone.
func (s *Server) HandleGuideShow(w http.ResponseWriter, r *http.Request) error {
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	g, err := s.DB.GetGuide(r.Context(), m.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newGuideJSON(g, m.Number))
	return nil
}

// HandleGuideDraftShow returns the draft: the saved one, or the newest version.
func (s *Server) HandleGuideDraftShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	d, err := s.DB.GetGuideDraft(r.Context(), m.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newDraftJSON(d))
	return nil
}

// HandleGuideDraftSave replaces the draft with the guide in the body.
func (s *Server) HandleGuideDraftSave(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	var req draftRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	d, err := s.DB.SaveGuideDraft(r.Context(), p, m.ID, guide.Guide{Levels: req.Levels})
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newDraftJSON(d))
	return nil
}

// HandleGuideDraftDiscard throws the draft away.
func (s *Server) HandleGuideDraftDiscard(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := s.DB.DiscardGuideDraft(r.Context(), p, m.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleGuidePublish publishes the draft as the next version.
func (s *Server) HandleGuidePublish(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	g, err := s.DB.PublishGuide(r.Context(), p, m.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"version": g.Version, "published_at": g.PublishedAt})
	return nil
}

// HandleGuideVersions lists the published versions, newest first.
func (s *Server) HandleGuideVersions(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	vs, err := s.DB.ListGuideVersions(r.Context(), m.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"versions": newVersionsJSON(vs)})
	return nil
}

// HandleGuideVersionShow returns one published version.
func (s *Server) HandleGuideVersionShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v < 1 {
		return fault.New(fault.NotFound, "guide not found")
	}
	g, err := s.DB.GetGuideVersion(r.Context(), m.ID, v)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newGuideJSON(g, m.Number))
	return nil
}

// HandleGuideFork makes the draft a copy of the national template or of the guide of
// a municipality in the same network.
func (s *Server) HandleGuideFork(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	var req forkRequest
	if err := app.DecodeJSON(r, &req); err != nil {
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
	d, err := s.DB.ForkGuide(r.Context(), p, m.ID, src)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newDraftJSON(d))
	return nil
}

// HandleGuideDiff compares two versions: ?from=1&to=2, where to may be "draft".
func (s *Server) HandleGuideDiff(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	from, to, err := s.GuidePair(r, m.ID, r.URL.Query().Get("from"), r.URL.Query().Get("to"), "draft")
	if err != nil {
		return err
	}
	out := diffJSON{From: from.Version, To: to.Version, Levels: guide.Compare(from.Guide, to.Guide).Levels}
	if to.Draft {
		out.To = "draft"
	}
	app.WriteJSON(w, http.StatusOK, out)
	return nil
}
