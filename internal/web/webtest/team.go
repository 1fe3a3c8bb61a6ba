package webtest

import "time"

// Team is a team's answer (GET /api/v1/teams/{tid}).
type Team struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	MunicipalityID string   `json:"municipality_id"`
	NetworkID      string   `json:"network_id"`
	MemberUserIDs  []string `json:"member_user_ids"`
	UnitIDs        []string `json:"unit_ids"`
	Members        []struct {
		UserID string `json:"user_id"`
		Name   string `json:"name"`
	} `json:"members"`
}

// Teams is GET /api/v1/teams.
type Teams struct {
	Teams []Team `json:"teams"`
}

// Meeting is one meeting in a list.
type Meeting struct {
	ID        string    `json:"id"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Place     string    `json:"place"`
	Cancelled bool      `json:"cancelled"`
}

// Meetings is GET /api/v1/teams/{tid}/meetings, and a new series.
type Meetings struct {
	ID       string    `json:"id"`
	Meetings []Meeting `json:"meetings"`
}

// TeamAdvice is one piece of advice on a case.
type TeamAdvice struct {
	ID                string `json:"id"`
	Text              string `json:"text"`
	FollowUpMeetingID string `json:"follow_up_meeting_id"`
}

// TeamCase is one case on a meeting's agenda.
type TeamCase struct {
	ID              string       `json:"id"`
	Anonymous       bool         `json:"anonymous"`
	Age             *int         `json:"age"`
	Grade           *int         `json:"grade"`
	Theme           string       `json:"theme"`
	Question        string       `json:"question"`
	BroughtByUnitID string       `json:"brought_by_unit_id"`
	LogID           string       `json:"log_id"`
	Concern         string       `json:"concern"`
	Unavailable     bool         `json:"unavailable"`
	CreatedLogID    string       `json:"created_log_id"`
	Advice          []TeamAdvice `json:"advice"`
	MeetingID       string       `json:"meeting_id"`
}

// MeetingDetail is GET /api/v1/teams/{tid}/meetings/{mid}.
type MeetingDetail struct {
	Meeting
	Cases      []TeamCase `json:"cases"`
	FollowUps  []TeamCase `json:"follow_ups"`
	Attendance []string   `json:"attendance"`
	Minutes    string     `json:"minutes"`
}
