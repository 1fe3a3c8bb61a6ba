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

// FuzzOsloZone checks InOslo and DateOf for any instant from 1996, when Norway's
// summer time became the EU's, to 2100 against that rule, written out here as an
// independent oracle: a zone database that failed to load, or a location other than
// Oslo, would show as a wrong offset or a wrong calendar day.
func FuzzOsloZone(f *testing.F) {
	for _, s := range []string{
		"2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z",
		"1996-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "2024-02-29T12:00:00Z", "2025-12-31T23:00:00Z",
	} {
		tm, _ := time.Parse(time.RFC3339, s)
		f.Add(tm.Unix())
	}
	start := time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	f.Fuzz(func(t *testing.T, sec int64) {
		if sec < start || sec >= end {
			sec = start + (sec%(end-start)+(end-start))%(end-start)
		}
		tm := time.Unix(sec, 0).UTC()
		wantName, wantOffset := euRule(tm)
		got := InOslo(tm)
		if name, offset := got.Zone(); name != wantName || offset != wantOffset || !got.Equal(tm) {
			t.Errorf("InOslo(%v) = %v (%s %d), want %s %d", tm, got, name, offset, wantName, wantOffset)
		}
		if want := Date(tm.Add(time.Duration(wantOffset) * time.Second).Format(DateLayout)); DateOf(tm) != want {
			t.Errorf("DateOf(%v) = %s, want %s", tm, DateOf(tm), want)
		}
	})
}

// euRule is CET, or CEST between 01:00 UTC on the last Sunday of March and 01:00 UTC
// on the last Sunday of October.
func euRule(u time.Time) (string, int) {
	lastSunday := func(month time.Month) time.Time {
		t := time.Date(u.Year(), month+1, 1, 1, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		return t.AddDate(0, 0, -int(t.Weekday()))
	}
	if !u.Before(lastSunday(time.March)) && u.Before(lastSunday(time.October)) {
		return "CEST", 2 * 60 * 60
	}
	return "CET", 60 * 60
}
