package ui

import (
	"net/http"
	"strconv"
	"time"

	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/team"
)

// teamsPage lists the teams the person is in or manages.
type teamsPage struct {
	layout
	Teams     []team.Team
	CanCreate bool // an administrator or coordinator, who sets teams up
}

// HandleTeamsPage shows the person's teams (/team).
func (s *Server) HandleTeamsPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ts, err := s.DB.ListTeams(r.Context(), p)
	if err != nil {
		return err
	}
	return s.show(w, r, http.StatusOK, teamsView(&teamsPage{layout: s.layoutFor(r, "team.list.title"), Teams: ts, CanCreate: p.Roles.Administers()}))
}

// teamPage is one team: its coming meetings, past meetings (with their minutes on
// the meeting's page) and, for members, the cases waiting for follow-up.
type teamPage struct {
	layout
	V         *store.TeamView
	Coming    []team.Meeting
	Past      []team.Meeting
	FollowUps []store.FollowUp
	Member    bool
	Plan      bool // may add a meeting series
	// The team's meetings, cases and time this year (counts only).
	Usage              *store.TeamUsageReport
	UsageFrom, UsageTo string
}

// HandleTeamPage shows one team (/team/{id}).
func (s *Server) HandleTeamPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderTeam(w, r, p, nil, http.StatusOK)
}

// renderTeam shows the team with status, and failed, its meeting series form sent
// with mistakes, again with its messages.
func (s *Server) renderTeam(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	v, ms, err := s.DB.ListMeetings(r.Context(), p, r.PathValue("id"), time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	m := &teamPage{layout: s.layoutFor(r, "team.title"), V: v, Member: access.CanWorkCases(v.Rel),
		Plan: access.CanPlanMeetings(v.Rel)}
	m.failed = failed
	m.Title = v.Name
	m.UsageFrom, m.UsageTo = s.yearRange(&m.layout)
	if m.Usage, err = s.DB.TeamUsageOf(r.Context(), p, v.ID, m.UsageFrom, m.UsageTo); err != nil {
		return err
	}
	now := s.DB.Now()
	for _, mt := range ms {
		if mt.EndsAt.Before(now) {
			m.Past = append([]team.Meeting{mt}, m.Past...) // newest first
		} else {
			m.Coming = append(m.Coming, mt)
		}
	}
	if m.Member {
		if m.FollowUps, err = s.DB.TeamFollowUps(r.Context(), p, v.ID); err != nil {
			return err
		}
	}
	return s.show(w, r, status, teamView(m))
}

// meetingPage is one meeting for the team's members: agenda, cases, advice,
// attendance and minutes; Print leaves out everything but the content.
type meetingPage struct {
	layout
	V     *store.MeetingView
	Names map[string]string // members' names by user id
	Self  string
	Print bool
	// The forms' choices (team_forms.go): the units the person brings cases from,
	// the team's later meetings for a follow-up, and who attended.
	Units    []unitChoice
	Later    []team.Meeting
	Attended map[string]bool
}

// HandleMeetingPage shows one meeting (/team/{id}/mote/{mid}); the named cases'
// reads are recorded in their logs' access logs.
func (s *Server) HandleMeetingPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.showMeeting(w, r, p, false)
}

// HandleMeetingPrint shows one meeting without navigation, for printing.
func (s *Server) HandleMeetingPrint(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.showMeeting(w, r, p, true)
}

func (s *Server) showMeeting(w http.ResponseWriter, r *http.Request, p *people.Principal, print bool) error {
	return s.renderMeeting(w, r, p, print, nil, http.StatusOK)
}

// renderMeeting shows the meeting with status, and failed, a form sent with
// mistakes, again with its messages.
func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, p *people.Principal, print bool, failed *form, status int) error {
	mv, err := s.DB.GetMeeting(r.Context(), p, r.PathValue("id"), r.PathValue("mid"))
	if err != nil {
		return err
	}
	m := &meetingPage{layout: s.layoutFor(r, "team.meeting.title"), V: mv, Names: map[string]string{}, Self: p.User.ID, Print: print,
		Attended: map[string]bool{}}
	m.failed = failed
	m.Title = mv.Team.Name + " – " + m.DateTime(mv.Meeting.StartsAt)
	for _, mem := range mv.Team.Members {
		m.Names[mem.UserID] = mem.Name
	}
	for _, uid := range mv.Attendance {
		m.Attended[uid] = true
	}
	if !print {
		if err := s.meetingChoices(r, p, m); err != nil {
			return err
		}
	}
	return s.show(w, r, status, meetingView(m))
}

// meetingChoices fills in the choices of the meeting page's forms.
func (s *Server) meetingChoices(r *http.Request, p *people.Principal, m *meetingPage) error {
	_, ms, err := s.DB.ListMeetings(r.Context(), p, m.V.Team.ID, m.V.Meeting.EndsAt, time.Time{})
	if err != nil {
		return err
	}
	for _, mt := range ms {
		if mt.ID != m.V.Meeting.ID && !mt.Cancelled && mt.StartsAt.After(m.V.Meeting.StartsAt) {
			m.Later = append(m.Later, mt)
		}
	}
	mine := map[string]bool{}
	mids := map[string]bool{}
	for _, ro := range p.Roles {
		if ro.Role.IsUnitRole() && ro.UnitID != "" {
			mine[ro.UnitID] = true
		}
		if ro.MunicipalityID != "" {
			mids[ro.MunicipalityID] = true
		}
	}
	if m.V.Team.MunicipalityID != "" {
		mids[m.V.Team.MunicipalityID] = true
	}
	for mid := range mids {
		us, err := s.DB.ListUnits(r.Context(), mid)
		if err != nil {
			return err
		}
		for _, u := range us {
			if mine[u.ID] {
				m.Units = append(m.Units, unitChoice{ID: u.ID, Name: u.Name})
			}
		}
	}
	return nil
}

// InOslo is t on the wall clock in Europe/Oslo.
func (m *meetingPage) InOslo(t time.Time) time.Time { return logbook.InOslo(t) }

// Minutes is the length of meeting mt in minutes, as a form value.
func (m *meetingPage) Minutes(mt team.Meeting) string {
	return strconv.Itoa(int(mt.EndsAt.Sub(mt.StartsAt) / time.Minute))
}
