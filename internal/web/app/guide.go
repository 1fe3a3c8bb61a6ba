package app

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/people"
	"strconv"
)

// publishedMunicipality loads the municipality in the path and checks that the actor
// may edit what it publishes: its action guide and its service overview.
func (s *App) PublishedMunicipality(r *http.Request, p *people.Principal) (*org.Municipality, error) {
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return nil, err
	}
	if !access.CanEditPublished(ActorOf(p), m.ID) {
		return nil, fault.New(fault.Forbidden, "only the municipality's administrators edit what it publishes")
	}
	return m, nil
}

// GuideSide is one side of a comparison.
type GuideSide struct {
	Version int
	Draft   bool
	Guide   guide.Guide
}

// guidePair loads the two sides of a comparison of municipality mid's guide from
// version numbers; to may be draftWord for the draft. Unparseable numbers are field
// errors of from and to; versions that do not exist are not found.
func (s *App) GuidePair(r *http.Request, mid, fromText, toText, draftWord string) (GuideSide, GuideSide, error) {
	var from, to GuideSide
	var f fault.Fields
	fv, err := strconv.Atoi(fromText)
	if err != nil || fv < 1 {
		f.Add("from", fault.FieldFormat)
	}
	tv, err := strconv.Atoi(toText)
	to.Draft = toText == draftWord
	if !to.Draft && (err != nil || tv < 1) {
		f.Add("to", fault.FieldFormat)
	}
	if err := f.Err(); err != nil {
		return from, to, err
	}
	g, err := s.DB.GetGuideVersion(r.Context(), mid, fv)
	if err != nil {
		return from, to, err
	}
	from.Version, from.Guide = g.Version, g.Guide
	if to.Draft {
		d, err := s.DB.GetGuideDraft(r.Context(), mid)
		if err != nil {
			return from, to, err
		}
		to.Version, to.Guide = d.BasedOn, d.Guide
		return from, to, nil
	}
	if g, err = s.DB.GetGuideVersion(r.Context(), mid, tv); err != nil {
		return from, to, err
	}
	to.Version, to.Guide = g.Version, g.Guide
	return from, to, nil
}
