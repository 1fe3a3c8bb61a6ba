package api

import (
	"net/http"

	"stafett/internal/competence"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type holderJSON struct {
	UserID       string   `json:"user_id"`
	Name         string   `json:"name"`
	Unit         *refJSON `json:"unit,omitempty"`
	Municipality *refJSON `json:"municipality,omitempty"`
}

type riskJSON struct {
	Unit       refJSON      `json:"unit"`
	Area       refJSON      `json:"area"`
	People     int          `json:"people"`
	MinPeople  int          `json:"min_people"`
	Holders    []holderJSON `json:"holders"`
	Neighbours []holderJSON `json:"neighbours"`
}

func riskOut(r competence.Risk) riskJSON {
	out := riskJSON{Unit: refJSON{r.UnitID, r.UnitName}, Area: refJSON{r.AreaID, r.AreaName}, People: r.People(),
		MinPeople: r.MinPeople, Holders: []holderJSON{}, Neighbours: []holderJSON{}}
	for _, h := range r.Holders {
		out.Holders = append(out.Holders, holderJSON{UserID: h.UserID, Name: h.Name})
	}
	for _, h := range r.Neighbours {
		out.Neighbours = append(out.Neighbours, holderJSON{UserID: h.UserID, Name: h.Name,
			Unit: &refJSON{h.UnitID, h.UnitName}, Municipality: &refJSON{h.MunicipalityID, h.MuniName}})
	}
	return out
}

// HandleRiskList returns the municipality's needs resting on too few people, most
// fragile first, with who in the network's other municipalities holds each.
func (s *Server) HandleRiskList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	rs, err := s.DB.ListRisks(r.Context(), p, r.PathValue("mid"))
	if err != nil {
		return err
	}
	out := make([]riskJSON, 0, len(rs))
	for _, x := range rs {
		out = append(out, riskOut(x))
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"risks": out})
	return nil
}
