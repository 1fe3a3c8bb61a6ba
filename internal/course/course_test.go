package course

import (
	"math"
	"testing"
)

// TestBYN: MI for 54 people × 6 days × 7 hours is 2,268 hours, about 1.3 årsverk.
func TestBYN(t *testing.T) {
	c := Reported{ID: "mi", Title: "MI", Kind: Fagutvikling}
	for i := range 54 {
		c.Participants = append(c.Participants, Participant{UserID: string(rune('A' + i)), MunicipalityID: "m", MunicipalityName: "Vikna"})
	}
	for range 6 {
		c.Sessions = append(c.Sessions, Session{Centi: 700})
	}
	r := BuildReport([]Reported{c}, DefaultHoursPerFTE)
	if r.Total.Centi != 226800 || r.Total.Participants != 54 || math.Abs(r.FTE(r.Total)-1.334) > 0.001 {
		t.Fatalf("total = %+v, fte %.3f", r.Total, r.FTE(r.Total))
	}
}

// TestHours: attendance taken counts the attended; not taken counts the registered.
func TestHours(t *testing.T) {
	s1 := Session{Centi: 350, AttendanceTaken: true, Attended: []string{"a"}}
	s2 := Session{Centi: 225}
	if got := SessionCenti(s1, 3) + SessionCenti(s2, 3); got != 350+675 {
		t.Fatalf("hours = %d", got)
	}
	if PersonCenti("a", []Session{s1, s2}) != 575 || PersonCenti("b", []Session{s1, s2}) != 225 {
		t.Fatal("person hours")
	}
	if Completed("a", []Session{s1, s2}) || !Completed("a", []Session{s1}) || Completed("b", []Session{s1}) || Completed("a", nil) {
		t.Fatal("completed")
	}
}

func TestNewSession(t *testing.T) {
	for _, c := range []struct {
		date  string
		hours float64
		field string
	}{{"2026-13-01", 3, "date"}, {"", 3, "date"}, {"2026-01-01", 0, "hours"}, {"2026-01-01", -1, "hours"},
		{"2026-01-01", 24.5, "hours"}, {"2026-01-01", 0.001, "hours"}} {
		if _, err := NewSession(c.date, c.hours, ""); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	s, err := NewSession("2026-03-02", 3.75, " Rørvik ")
	if err != nil || s.Centi != 375 || s.Place != "Rørvik" {
		t.Fatalf("%+v %v", s, err)
	}
}
