package api

import (
	"net/http"

	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

type courseRequest struct {
	Title          string      `json:"title"`
	Kind           course.Kind `json:"kind"`
	Description    string      `json:"description"`
	MunicipalityID string      `json:"municipality_id"`
	NetworkID      string      `json:"network_id"`
	AreaIDs        []string    `json:"area_ids"`
	BTI            bool        `json:"bti"`
}

type organiserJSON struct {
	MunicipalityID string `json:"municipality_id,omitempty"`
	NetworkID      string `json:"network_id,omitempty"`
}

type sessionJSON struct {
	ID              string  `json:"id"`
	Date            string  `json:"date"`
	Hours           float64 `json:"hours"`
	Place           string  `json:"place"`
	AttendanceTaken bool    `json:"attendance_taken"`
	Attended        int     `json:"attended"`
}

type courseParticipantJSON struct {
	UserID         string  `json:"user_id"`
	Name           string  `json:"name"`
	MunicipalityID string  `json:"municipality_id"`
	UnitID         string  `json:"unit_id"`
	Hours          float64 `json:"hours"`
	Completed      bool    `json:"completed"`
}

type courseJSON struct {
	ID           string                  `json:"id"`
	Title        string                  `json:"title"`
	Kind         course.Kind             `json:"kind"`
	Description  string                  `json:"description"`
	BTI          bool                    `json:"bti"`
	Organiser    organiserJSON           `json:"organiser"`
	Areas        []refJSON               `json:"areas"`
	Sessions     []sessionJSON           `json:"sessions"`
	Participants []courseParticipantJSON `json:"participants"`
	Hours        float64                 `json:"hours"`
	FTE          float64                 `json:"fte"`
	HoursPerFTE  int                     `json:"hours_per_fte"`
}

func courseOut(v *store.CourseView) courseJSON {
	out := courseJSON{ID: v.ID, Title: v.Title, Kind: v.Kind, Description: v.Description, BTI: v.BTI,
		Organiser: organiserJSON{v.MunicipalityID, v.NetworkID}, Areas: []refJSON{}, Sessions: []sessionJSON{},
		Participants: []courseParticipantJSON{}, Hours: course.Hours(v.Centi()), HoursPerFTE: v.HoursPerFTE,
		FTE: course.Round(course.FTE(course.Hours(v.Centi()), v.HoursPerFTE), 4)}
	for _, a := range v.Areas {
		out.Areas = append(out.Areas, refJSON{a.ID, a.Name})
	}
	for _, s := range v.Sessions {
		out.Sessions = append(out.Sessions, sessionJSON{s.ID, s.Date, s.Hours(), s.Place, s.AttendanceTaken, len(s.Attended)})
	}
	for _, p := range v.Participants {
		out.Participants = append(out.Participants, courseParticipantJSON{p.UserID, p.Name, p.MunicipalityID, p.UnitID,
			course.Hours(p.Centi), p.Completed})
	}
	return out
}

// HandleCourseCreate registers a course of a municipality or a network.
func (s *Server) HandleCourseCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req courseRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	c := course.Course{Title: req.Title, Kind: req.Kind, Description: req.Description, MunicipalityID: req.MunicipalityID,
		NetworkID: req.NetworkID, AreaIDs: req.AreaIDs, BTI: req.BTI}
	if err := s.DB.CreateCourse(r.Context(), p, &c); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"id": c.ID})
	return nil
}

// HandleCourseShow returns a course with its sessions, participants, hours and årsverk.
func (s *Server) HandleCourseShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	v, err := s.DB.GetCourse(r.Context(), p, r.PathValue("cid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, courseOut(v))
	return nil
}

// HandleCourseSessionCreate adds a session to a course.
func (s *Server) HandleCourseSessionCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req struct {
		Date  string   `json:"date"`
		Hours *float64 `json:"hours"`
		Place string   `json:"place"`
	}
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if req.Hours == nil {
		return fault.Validation("hours", fault.FieldRequired)
	}
	ses, err := course.NewSession(req.Date, *req.Hours, req.Place)
	if err != nil {
		return err
	}
	if err := s.DB.AddSession(r.Context(), p, r.PathValue("cid"), &ses); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"id": ses.ID})
	return nil
}

type userIDsRequest struct {
	UserIDs []string `json:"user_ids"`
}

// HandleCourseParticipantsAdd registers participants by user ID.
func (s *Server) HandleCourseParticipantsAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req userIDsRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	n, err := s.DB.AddParticipants(r.Context(), p, r.PathValue("cid"), req.UserIDs)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"added": n})
	return nil
}

// HandleCourseParticipantRemove takes a participant off a course.
func (s *Server) HandleCourseParticipantRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.RemoveCourseParticipant(r.Context(), p, r.PathValue("cid"), r.PathValue("uid")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleAttendance records who attended a session.
func (s *Server) HandleAttendance(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req userIDsRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if req.UserIDs == nil {
		return fault.Validation("user_ids", fault.FieldRequired)
	}
	if err := s.DB.TakeAttendance(r.Context(), p, r.PathValue("cid"), r.PathValue("sid"), req.UserIDs); err != nil {
		return err
	}
	v, err := s.DB.GetCourse(r.Context(), p, r.PathValue("cid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, courseOut(v))
	return nil
}
