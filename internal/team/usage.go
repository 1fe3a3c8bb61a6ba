package team

import "time"

// Usage is what one team's meetings came to in a period, counts only (no case content):
// the meetings held (not cancelled, and over), the cases on their agendas, the cases
// that became logs, and the team's time, its members × the hours of the held meetings.
// It answers BYN's question whether gathering ten people every fortnight is a sensible
// use of resources with a number beside the courses.
type Usage struct {
	TeamID, Name string
	Kind         Kind
	Members      int
	Held         int
	Minutes      int // the held meetings' minutes, added up
	Cases        int
	ToLogs       int
}

// Centi is the team's time in hundredths of an hour (members × held minutes ÷ 60),
// rounded to the nearest hundredth.
func (u Usage) Centi() int { return (u.Members*u.Minutes*100 + 30) / 60 }

// Held reports whether meeting m was held by now: not cancelled and over.
func Held(m Meeting, now time.Time) bool { return !m.Cancelled && !m.EndsAt.After(now) }

// AddMeeting counts meeting m into u if it was held by now.
func (u *Usage) AddMeeting(m Meeting, now time.Time) bool {
	if !Held(m, now) {
		return false
	}
	u.Held++
	u.Minutes += int(m.EndsAt.Sub(m.StartsAt) / time.Minute)
	return true
}
