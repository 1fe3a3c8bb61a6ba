package logbook

import (
	"testing"
	"time"

	"stafett/internal/fault"
)

func TestUndringDecisionValidate(t *testing.T) {
	cases := []struct {
		name string
		in   UndringDecision
		want fields
	}{
		{"close", UndringDecision{Outcome: UndringClosed}, nil},
		{"activate", UndringDecision{Outcome: UndringActivated, Text: "Samtykke innhentet"}, nil},
		{"report sent", UndringDecision{Outcome: UndringChildWelfareReport, Text: "Sendt barnevernet 3. juni"}, nil},
		{"outcome missing", UndringDecision{}, fields{"outcome": "required"}},
		{"outcome unknown", UndringDecision{Outcome: "wait"}, fields{"outcome": "invalid"}},
		{"report without text", UndringDecision{Outcome: UndringChildWelfareReport}, fields{"text": "required"}},
		{"text too long", UndringDecision{Outcome: UndringClosed, Text: long(MaxUndringDecisionTextLen + 1)}, fields{"text": "too_long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFields(t, c.in.Validate(), c.want) })
	}
}

func TestDecideUndring(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	cases := []struct {
		name       string
		d          UndringDecision
		wantStatus Status
		wantLevel  Level
		wantClosed bool
	}{
		{"close ends the undring", UndringDecision{Outcome: UndringClosed}, StatusClosed, 0, true},
		{"report ends the undring", UndringDecision{Outcome: UndringChildWelfareReport, Text: "Sendt"}, StatusClosed, 0, true},
		{"activate makes a level 1 log", UndringDecision{Outcome: UndringActivated}, StatusActive, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := Log{Status: StatusUndring}
			if err := l.DecideUndring(c.d, now); err != nil {
				t.Fatal(err)
			}
			if l.Status != c.wantStatus || l.Level != c.wantLevel || l.UndringOutcome != c.d.Outcome ||
				(l.ClosedAt != nil) != c.wantClosed || l.ClosureReason != "" || l.LevelEnteredAt.IsZero() == (c.wantLevel == 1) {
				t.Errorf("log %+v", l)
			}
			checkCode(t, l.DecideUndring(c.d, now), fault.Conflict)
		})
	}
	t.Run("invalid decision leaves the undring open", func(t *testing.T) {
		l := Log{Status: StatusUndring}
		checkFields(t, l.DecideUndring(UndringDecision{}, now), fields{"outcome": "required"})
		if l.Status != StatusUndring || l.UndringOutcome != UndringPending {
			t.Errorf("log %+v", l)
		}
	})
}

func TestUndringOverdue(t *testing.T) {
	deadline := mustTime(t, "2025-06-15T12:00:00Z")
	cases := []struct {
		name string
		l    Log
		at   time.Time
		want bool
	}{
		{"before deadline", Log{Status: StatusUndring, UndringDeadline: deadline}, deadline.Add(-time.Second), false},
		{"at deadline", Log{Status: StatusUndring, UndringDeadline: deadline}, deadline, true},
		{"decided", Log{Status: StatusActive, Level: 1, UndringDeadline: deadline}, deadline.AddDate(0, 1, 0), false},
		{"no deadline", Log{Status: StatusUndring}, deadline, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.l.UndringOverdue(c.at); got != c.want {
				t.Errorf("UndringOverdue = %v, want %v", got, c.want)
			}
		})
	}
}
