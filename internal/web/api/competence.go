package api

import (
	"net/http"

	"stafett/internal/competence"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type competenceRequest struct {
	AreaID string           `json:"area_id"`
	Level  competence.Level `json:"level"`
	Note   string           `json:"note"`
}

type competenceJSON struct {
	Area     refJSON           `json:"area"`
	Level    competence.Level  `json:"level"`
	Note     string            `json:"note,omitempty"`
	Verified bool              `json:"verified"`
	Source   competence.Source `json:"source"`
	CourseID string            `json:"course_id,omitempty"`
}

func competenceOut(c competence.Competence) competenceJSON {
	return competenceJSON{Area: refJSON{c.AreaID, c.AreaName}, Level: c.Level, Note: c.Note, Verified: c.Verified,
		Source: c.Source, CourseID: c.CourseID}
}

// HandleCompetenceAdd records a person's competence in an area: by the person
// (unverified) or their leader (verified).
func (s *Server) HandleCompetenceAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req competenceRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	c := competence.Competence{UserID: r.PathValue("uid"), AreaID: req.AreaID, Level: req.Level, Note: req.Note}
	if err := s.DB.AddCompetence(r.Context(), p, &c); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, competenceOut(c))
	return nil
}

// HandleCompetenceVerify marks a person's competence verified (their leader).
func (s *Server) HandleCompetenceVerify(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.VerifyCompetence(r.Context(), p, r.PathValue("uid"), r.PathValue("aid")); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"verified": true})
	return nil
}

// HandleCompetenceRemove deletes a person's competence in an area.
func (s *Server) HandleCompetenceRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.RemoveCompetence(r.Context(), p, r.PathValue("uid"), r.PathValue("aid")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleCompetenceList returns a person's competence.
func (s *Server) HandleCompetenceList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	cs, err := s.DB.ListCompetences(r.Context(), p, r.PathValue("uid"))
	if err != nil {
		return err
	}
	out := make([]competenceJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, competenceOut(c))
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"competences": out})
	return nil
}
