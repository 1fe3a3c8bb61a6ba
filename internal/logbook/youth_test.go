package logbook

import "testing"

func TestIsOfConsentAge(t *testing.T) {
	cases := []struct {
		name  string
		birth Date
		age   int
		now   string
		want  bool
	}{
		{"day before 15th birthday", "2010-03-10", 15, "2025-03-09T12:00:00Z", false},
		{"on 15th birthday", "2010-03-10", 15, "2025-03-10T12:00:00Z", true},
		{"day after 15th birthday", "2010-03-10", 15, "2025-03-11T00:00:00Z", true},
		// 23:30 UTC on the 9th is 00:30 on the 10th in Oslo (CET).
		{"birthday has begun in Oslo but not in UTC", "2010-03-10", 15, "2025-03-09T23:30:00Z", true},
		{"last minute before birthday in Oslo", "2010-03-10", 15, "2025-03-09T22:59:59Z", false},
		// In summer Oslo is UTC+2.
		{"summer birthday begins at 22:00 UTC", "2010-07-01", 15, "2025-06-30T22:00:00Z", true},
		{"summer day before", "2010-07-01", 15, "2025-06-30T21:59:59Z", false},
		{"leap day child on 28 February", "2008-02-29", 16, "2024-02-28T12:00:00Z", false},
		{"leap day child on leap day", "2008-02-29", 16, "2024-02-29T12:00:00Z", true},
		{"leap day child in common year on 28 February", "2008-02-29", 15, "2023-02-28T12:00:00Z", false},
		{"leap day child in common year on 1 March", "2008-02-29", 15, "2023-03-01T00:00:00Z", true},
		{"municipality with consent age 16", "2010-03-10", 16, "2025-06-01T12:00:00Z", false},
		{"invalid birth date", "2010-02-30", 15, "2030-01-01T00:00:00Z", false},
		{"no birth date", "", 15, "2030-01-01T00:00:00Z", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsOfConsentAge(c.birth, c.age, mustTime(t, c.now)); got != c.want {
				t.Errorf("IsOfConsentAge(%s, %d, %s) = %v, want %v", c.birth, c.age, c.now, got, c.want)
			}
		})
	}
}
