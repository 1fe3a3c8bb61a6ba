package logbook

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDate checks the date decoder on any text: a date is valid exactly when it is
// written YYYY-MM-DD and names a real day, it then reads back as written, and
// moving it by years gives a valid date again.
func FuzzDate(f *testing.F) {
	for _, s := range []string{
		"2018-05-04", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2018-5-4",
		"2018-05-04T00:00:00Z", " 2018-05-04", "2018-13-01", "2018-00-10", "2018-04-31",
		"+018-05-04", "-018-05-04", "２０１８-05-04", "2018/05/04", "", "\x00", "2018-05-0\xff",
	} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, years int) {
		d := Date(s)
		tm, ok := d.Time()
		if ok != d.Valid() {
			t.Fatalf("Time ok %v but Valid %v", ok, d.Valid())
		}
		if !ok {
			if !tm.IsZero() {
				t.Errorf("invalid %q gave time %v", s, tm)
			}
			return
		}
		if !utf8.ValidString(s) || len(s) != len(DateLayout) {
			t.Fatalf("%q accepted", s)
		}
		if got := tm.Format(DateLayout); got != s {
			t.Fatalf("%q reads back as %q", s, got)
		}
		if tm.Location() != time.UTC || tm.Hour() != 0 || tm.Minute() != 0 {
			t.Errorf("%q is %v, want midnight UTC", s, tm)
		}
		years %= 200
		moved := d.AddYears(years)
		if y := tm.Year() + years; y >= 0 && y <= 9999 && !moved.Valid() {
			t.Errorf("%q plus %d years = %q, not valid", s, years, moved)
		}
		if DateOf(tm.Add(12*time.Hour)) != d {
			t.Errorf("DateOf(noon of %q) = %q", s, DateOf(tm.Add(12*time.Hour)))
		}
	})
}

// FuzzOsloZone checks the fallback for Europe/Oslo (used when the zone database is
// missing) against the zone database for any instant this century.
func FuzzOsloZone(f *testing.F) {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		f.Skip("no zone database")
	}
	for _, s := range []string{
		"2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z",
		"2000-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
	} {
		tm, _ := time.Parse(time.RFC3339, s)
		f.Add(tm.Unix())
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	f.Fuzz(func(t *testing.T, sec int64) {
		if sec < start || sec >= end {
			sec = start + (sec%(end-start)+(end-start))%(end-start)
		}
		tm := time.Unix(sec, 0).UTC()
		_, want := tm.In(loc).Zone()
		_, got := tm.In(osloFallback(tm)).Zone()
		if got != want {
			t.Errorf("%v: fallback offset %d, zone database %d", tm, got, want)
		}
		if InOslo(tm).Format(time.RFC3339) != tm.In(loc).Format(time.RFC3339) {
			t.Errorf("%v: InOslo %v, want %v", tm, InOslo(tm), tm.In(loc))
		}
	})
}
