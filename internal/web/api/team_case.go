package api

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/team"
	"stafett/internal/web/app"
)

type caseRequest struct {
	Anonymous       bool   `json:"anonymous"`
	Age             *int   `json:"age"`
	Grade           *int   `json:"grade"`
	Theme           string `json:"theme"`
	Question        string `json:"question"`
	BroughtByUnitID string `json:"brought_by_unit_id"`
	LogID           string `json:"log_id"`
}

// HandleCaseCreate puts an anonymous or a named case on a meeting's agenda.
func (s *Server) HandleCaseCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req caseRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	c := team.Case{Anonymous: req.Anonymous, Age: req.Age, Grade: req.Grade, Theme: req.Theme, Question: req.Question,
		BroughtByUnitID: req.BroughtByUnitID, LogID: req.LogID}
	if err := s.DB.AddCase(r.Context(), p, r.PathValue("tid"), r.PathValue("mid"), &c); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, c)
	return nil
}

type adviceRequest struct {
	Text              string `json:"text"`
	FollowUpMeetingID string `json:"follow_up_meeting_id"`
}

// HandleAdviceCreate records the team's advice on a case.
func (s *Server) HandleAdviceCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req adviceRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	a := team.Advice{Text: req.Text, FollowUpMeetingID: req.FollowUpMeetingID}
	if err := s.DB.AddAdvice(r.Context(), p, r.PathValue("tid"), r.PathValue("cid"), &a); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, a)
	return nil
}

type meetingDetailJSON struct {
	meetingJSON
	Cases      []store.CaseView `json:"cases"`
	FollowUps  []store.CaseView `json:"follow_ups"`
	Attendance []string         `json:"attendance"`
	Minutes    string           `json:"minutes"`
}

// HandleMeetingShow returns one meeting with its agenda, advice, attendance and
// minutes, for the team's members.
func (s *Server) HandleMeetingShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mv, err := s.DB.GetMeeting(r.Context(), p, r.PathValue("tid"), r.PathValue("mid"))
	if err != nil {
		return err
	}
	out := meetingDetailJSON{meetingJSON: newMeetingJSON(&mv.Meeting), Cases: nonNil(mv.Cases), FollowUps: nonNil(mv.FollowUps),
		Attendance: nonNil(mv.Attendance), Minutes: mv.Meeting.Minutes}
	app.WriteJSON(w, http.StatusOK, out)
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type minutesRequest struct {
	Text            string   `json:"text"`
	AttendedUserIDs []string `json:"attended_user_ids"`
}

// HandleMinutesSave replaces a meeting's minutes and attendance.
func (s *Server) HandleMinutesSave(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req minutesRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := s.DB.SaveMinutes(r.Context(), p, r.PathValue("tid"), r.PathValue("mid"), req.Text, req.AttendedUserIDs); err != nil {
		return err
	}
	return s.HandleMeetingShow(w, r, p)
}

type caseLogRequest struct {
	UnitID string        `json:"unit_id"`
	Child  logbook.Child `json:"child"`
}

// HandleCaseToLog opens an undring from an anonymous case, for the one who brought it.
func (s *Server) HandleCaseToLog(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req caseLogRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	l, err := s.DB.CaseToLog(r.Context(), p, r.PathValue("tid"), r.PathValue("cid"), logbook.NewLog{UnitID: req.UnitID, Child: req.Child})
	if err != nil {
		return err
	}
	return s.writeLog(w, r, p, l.ID, http.StatusCreated)
}
