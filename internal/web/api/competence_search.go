package api

import (
	"net/http"

	"stafett/internal/competence"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

type unitRefJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type hitAreaJSON struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Level    competence.Level  `json:"level"`
	Verified bool              `json:"verified"`
	Source   competence.Source `json:"source"`
}

type hitJSON struct {
	UserID       string        `json:"user_id"`
	Name         string        `json:"name"`
	Unit         unitRefJSON   `json:"unit"`
	Municipality refJSON       `json:"municipality"`
	Areas        []hitAreaJSON `json:"areas"`
}

// searchOut is the answer of a search by need.
func searchOut(hits []store.CompetenceHit) map[string]any {
	out := make([]hitJSON, 0, len(hits))
	for _, h := range hits {
		j := hitJSON{UserID: h.UserID, Name: h.Name, Unit: unitRefJSON{h.UnitID, h.UnitName, h.UnitKind},
			Municipality: refJSON{h.MunicipalityID, h.MunicipalityName}}
		for _, a := range h.Areas {
			j.Areas = append(j.Areas, hitAreaJSON(a))
		}
		out = append(out, j)
	}
	return map[string]any{"people": out}
}

// HandleCompetenceSearch searches by need: who holds the areas matching q or area_id,
// in a municipality or a network.
func (s *Server) HandleCompetenceSearch(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	v := r.URL.Query()
	hits, err := s.DB.SearchCompetence(r.Context(), p, store.CompetenceQuery{Q: v.Get("q"), AreaID: v.Get("area_id"),
		MunicipalityID: v.Get("municipality_id"), NetworkID: v.Get("network_id")})
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, searchOut(hits))
	return nil
}
