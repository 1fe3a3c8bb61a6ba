package team

import (
	"testing"
	"time"
)

func TestUsage(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	at := func(days, minutes int) Meeting {
		s := now.AddDate(0, 0, days)
		return Meeting{StartsAt: s, EndsAt: s.Add(time.Duration(minutes) * time.Minute)}
	}
	u := Usage{Members: 7}
	cancelled := at(-14, 90)
	cancelled.Cancelled = true
	for _, m := range []Meeting{at(-28, 90), at(-14, 45), cancelled, at(14, 90), at(0, 90)} {
		u.AddMeeting(m, now)
	}
	if u.Held != 2 || u.Minutes != 135 {
		t.Errorf("held %d, minutes %d; want 2 and 135", u.Held, u.Minutes)
	}
	// 7 × 135 min = 945 min = 15.75 h.
	if got := u.Centi(); got != 1575 {
		t.Errorf("centi = %d, want 1575", got)
	}
	if got := (Usage{Members: 1, Minutes: 1}).Centi(); got != 2 { // 1 ÷ 60 h = 0.0167 h
		t.Errorf("one member-minute = %d hundredths, want 2", got)
	}
}
