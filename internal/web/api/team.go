package api

import (
	"net/http"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/team"
	"stafett/internal/web/app"
)

// Teams (drøftingsteam, ressursteam, FFB, fora), their meeting series and meetings,
// and the members' calendar feed. Cases and advice are in team_case.go.

type teamRequest struct {
	Name           string    `json:"name"`
	Kind           team.Kind `json:"kind"`
	MunicipalityID string    `json:"municipality_id"`
	NetworkID      string    `json:"network_id"`
	MemberUserIDs  []string  `json:"member_user_ids"`
	UnitIDs        []string  `json:"unit_ids"`
}

// HandleTeamCreate sets up a team (the owner's administrator).
func (s *Server) HandleTeamCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req teamRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	t := team.Team{Name: req.Name, Kind: req.Kind, MunicipalityID: req.MunicipalityID, NetworkID: req.NetworkID,
		MemberUserIDs: req.MemberUserIDs, UnitIDs: req.UnitIDs}
	if err := s.DB.CreateTeam(r.Context(), p, &t); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, t)
	return nil
}

// HandleTeamShow returns one team with its members' names.
func (s *Server) HandleTeamShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	v, err := s.DB.GetTeam(r.Context(), p, r.PathValue("tid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, v)
	return nil
}

// HandleTeamList lists the teams the actor is in or manages.
func (s *Server) HandleTeamList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ts, err := s.DB.ListTeams(r.Context(), p)
	if err != nil {
		return err
	}
	if ts == nil {
		ts = []team.Team{}
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"teams": ts})
	return nil
}

type seriesRequest struct {
	First     time.Time    `json:"first"`
	EveryDays int          `json:"every_days"`
	Minutes   int          `json:"minutes"`
	Until     logbook.Date `json:"until"`
	Place     string       `json:"place"`
}

// HandleSeriesCreate makes a meeting series and answers with its meetings.
func (s *Server) HandleSeriesCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req seriesRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	sr := team.Series{First: req.First, EveryDays: req.EveryDays, Minutes: req.Minutes, Until: req.Until, Place: req.Place}
	ms, err := s.DB.CreateSeries(r.Context(), p, r.PathValue("tid"), &sr)
	if err != nil {
		return err
	}
	out := make([]meetingJSON, len(ms))
	for i := range ms {
		out[i] = newMeetingJSON(&ms[i])
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"id": sr.ID, "meetings": out})
	return nil
}

type meetingJSON struct {
	ID        string    `json:"id"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Place     string    `json:"place"`
	Cancelled bool      `json:"cancelled"`
	SeriesID  string    `json:"series_id,omitempty"`
}

func newMeetingJSON(m *team.Meeting) meetingJSON {
	return meetingJSON{ID: m.ID, StartsAt: m.StartsAt, EndsAt: m.EndsAt, Place: m.Place, Cancelled: m.Cancelled, SeriesID: m.SeriesID}
}

// HandleMeetingList lists a team's meetings between from and to (dates, Oslo; to
// inclusive).
func (s *Server) HandleMeetingList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	from, to, err := dateRange(r)
	if err != nil {
		return err
	}
	_, ms, err := s.DB.ListMeetings(r.Context(), p, r.PathValue("tid"), from, to)
	if err != nil {
		return err
	}
	out := make([]meetingJSON, len(ms))
	for i := range ms {
		out[i] = newMeetingJSON(&ms[i])
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"meetings": out})
	return nil
}

// dateRange reads ?from=D&to=D as the first moment of from and of the day after to,
// in Oslo; an absent one is unbounded.
func dateRange(r *http.Request) (from, to time.Time, err error) {
	var f fault.Fields
	day := func(name string, next int) time.Time {
		v := logbook.Date(r.URL.Query().Get(name))
		if v == "" {
			return time.Time{}
		}
		t, ok := v.Time()
		if !ok {
			f.Add(name, fault.FieldFormat)
			return time.Time{}
		}
		loc := logbook.InOslo(t).Location()
		return time.Date(t.Year(), t.Month(), t.Day()+next, 0, 0, 0, 0, loc)
	}
	from, to = day("from", 0), day("to", 1)
	return from, to, f.Err()
}

// HandleMeetingCancel cancels one meeting.
func (s *Server) HandleMeetingCancel(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.DB.CancelMeeting(r.Context(), p, r.PathValue("tid"), r.PathValue("mid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newMeetingJSON(m))
	return nil
}

type moveRequest struct {
	StartsAt time.Time `json:"starts_at"`
	Minutes  int       `json:"minutes"`
}

// HandleMeetingMove moves one meeting to another time.
func (s *Server) HandleMeetingMove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req moveRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	m, err := s.DB.MoveMeeting(r.Context(), p, r.PathValue("tid"), r.PathValue("mid"), req.StartsAt, req.Minutes)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newMeetingJSON(m))
	return nil
}

// HandleTeamCalendar is the team's meetings as an iCalendar feed, for members'
// calendars: the team's name, the time and the place, never a case.
func (s *Server) HandleTeamCalendar(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	v, ms, err := s.DB.ListMeetings(r.Context(), p, r.PathValue("tid"), time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="team.ics"`)
	_, err = w.Write([]byte(team.ICalendar(v.Name, v.CreatedAt, calendarEvents(v, ms))))
	return err
}

func calendarEvents(v *store.TeamView, ms []team.Meeting) []team.CalendarEvent {
	out := make([]team.CalendarEvent, len(ms))
	for i, m := range ms {
		out[i] = team.CalendarEvent{UID: m.ID + "@stafett", Start: m.StartsAt, End: m.EndsAt, Summary: v.Name,
			Location: m.Place, Cancelled: m.Cancelled, Sequence: m.Sequence}
	}
	return out
}
