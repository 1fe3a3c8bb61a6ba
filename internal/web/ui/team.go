package ui

import (
	"net/http"
	"time"

	"stafett/internal/access"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/team"
)

// teamsPage lists the teams the person is in or manages.
type teamsPage struct {
	layout
	Teams []team.Team
}

// HandleTeamsPage shows the person's teams (/team).
func (s *Server) HandleTeamsPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	ts, err := s.DB.ListTeams(r.Context(), p)
	if err != nil {
		return err
	}
	return s.show(w, r, http.StatusOK, teamsView(&teamsPage{layout: s.layoutFor(r, "team.list.title"), Teams: ts}))
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
}

// HandleTeamPage shows one team (/team/{id}).
func (s *Server) HandleTeamPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	v, ms, err := s.DB.ListMeetings(r.Context(), p, r.PathValue("id"), time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	m := &teamPage{layout: s.layoutFor(r, "team.title"), V: v, Member: access.CanWorkCases(v.Rel)}
	m.Title = v.Name
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
	return s.show(w, r, http.StatusOK, teamView(m))
}

// meetingPage is one meeting for the team's members: agenda, cases, advice,
// attendance and minutes; Print leaves out everything but the content.
type meetingPage struct {
	layout
	V     *store.MeetingView
	Names map[string]string // members' names by user id
	Self  string
	Print bool
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
	mv, err := s.DB.GetMeeting(r.Context(), p, r.PathValue("id"), r.PathValue("mid"))
	if err != nil {
		return err
	}
	m := &meetingPage{layout: s.layoutFor(r, "team.meeting.title"), V: mv, Names: map[string]string{}, Self: p.User.ID, Print: print}
	m.Title = mv.Team.Name + " – " + m.DateTime(mv.Meeting.StartsAt)
	for _, mem := range mv.Team.Members {
		m.Names[mem.UserID] = mem.Name
	}
	return s.show(w, r, http.StatusOK, meetingView(m))
}
