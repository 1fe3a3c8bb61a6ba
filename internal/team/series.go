package team

import (
	"strings"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// Series is a fixed meeting plan: the first meeting, then one every EveryDays days at
// the same wall-clock time in Europe/Oslo (so a fortnightly 14:00 meeting stays at
// 14:00 across the change to and from summer time), each Minutes long, up to and
// including the date Until (Oslo), or for DefaultSpan when Until is empty.
type Series struct {
	ID        string       `json:"id"`
	TeamID    string       `json:"team_id"`
	First     time.Time    `json:"first"`
	EveryDays int          `json:"every_days"`
	Minutes   int          `json:"minutes"`
	Until     logbook.Date `json:"until,omitempty"`
	Place     string       `json:"place,omitempty"`
}

// Limits on a series.
const (
	MaxMinutes     = 12 * 60
	MaxEveryDays   = 366
	MaxMeetings    = 400
	MaxPlaceLen    = 200
	DefaultSpanDay = 365
)

// Validate checks a series: every_days at least 1, minutes from 1 to 720, until not
// before the first meeting's date, at most MaxMeetings meetings.
func (s *Series) Validate() error {
	var f fault.Fields
	s.Place = strings.TrimSpace(s.Place)
	if s.First.IsZero() {
		f.Add("first", fault.FieldRequired)
	}
	if s.EveryDays < 1 || s.EveryDays > MaxEveryDays {
		f.Add("every_days", fault.FieldRange)
	}
	if s.Minutes < 1 || s.Minutes > MaxMinutes {
		f.Add("minutes", fault.FieldRange)
	}
	if s.Until != "" {
		if !s.Until.Valid() {
			f.Add("until", fault.FieldFormat)
		} else if !s.First.IsZero() && s.Until < logbook.DateOf(s.First) {
			f.Add("until", fault.FieldRange)
		}
	}
	f.OptionalText("place", s.Place, MaxPlaceLen)
	if len(f) == 0 && len(s.Occurrences()) > MaxMeetings {
		f.Add("until", fault.FieldTooLong)
	}
	return f.Err()
}

// Occurrence is one meeting of a series: its number in the series (from 0) and its
// start and end as instants.
type Occurrence struct {
	Index      int
	Start, End time.Time
}

// Occurrences expands the series into its meetings. Each keeps the first meeting's
// wall-clock time in Europe/Oslo; a time that does not exist on the day summer time
// begins (02:00–03:00) moves an hour later, as time.Date does.
func (s *Series) Occurrences() []Occurrence {
	first := logbook.InOslo(s.First)
	last := s.Until
	if last == "" {
		last = logbook.DateOf(first.AddDate(0, 0, DefaultSpanDay))
	}
	var out []Occurrence
	for i := 0; i <= MaxMeetings; i++ {
		start := time.Date(first.Year(), first.Month(), first.Day()+i*s.EveryDays,
			first.Hour(), first.Minute(), first.Second(), 0, first.Location())
		if logbook.DateOf(start) > last {
			break
		}
		out = append(out, Occurrence{Index: i, Start: start.UTC(),
			End: start.Add(time.Duration(s.Minutes) * time.Minute).UTC()})
	}
	return out
}

// Meeting is one meeting of a team: from a series or on its own, possibly moved
// (Sequence counts the changes, for calendars) or cancelled.
type Meeting struct {
	ID        string    `json:"id"`
	TeamID    string    `json:"team_id"`
	SeriesID  string    `json:"series_id,omitempty"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Place     string    `json:"place"`
	Cancelled bool      `json:"cancelled"`
	Sequence  int       `json:"sequence"`
	Minutes   string    `json:"minutes,omitempty"`
}

// Move validates moving meeting m to start at start for minutes minutes and applies
// it. A cancelled meeting cannot be moved.
func (m *Meeting) Move(start time.Time, minutes int) error {
	var f fault.Fields
	if start.IsZero() {
		f.Add("starts_at", fault.FieldRequired)
	}
	if minutes < 1 || minutes > MaxMinutes {
		f.Add("minutes", fault.FieldRange)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if m.Cancelled {
		return fault.New(fault.Conflict, "the meeting is cancelled")
	}
	m.StartsAt, m.EndsAt = start.UTC(), start.Add(time.Duration(minutes)*time.Minute).UTC()
	m.Sequence++
	return nil
}

// Cancel cancels meeting m; cancelling it twice is a conflict.
func (m *Meeting) Cancel() error {
	if m.Cancelled {
		return fault.New(fault.Conflict, "the meeting is already cancelled")
	}
	m.Cancelled = true
	m.Sequence++
	return nil
}
