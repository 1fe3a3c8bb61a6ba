package logbook

import (
	"sync"
	"time"
)

// Date is a civil date without time or zone, written "YYYY-MM-DD" as in API.md. It is
// a string so that a malformed value reaches validation and becomes a field error
// (422) instead of failing the whole JSON decode (400). A valid Date compares
// correctly with < and >, since the form is fixed-width.
type Date string

// DateLayout is the layout of a Date for time.Parse and time.Format.
const DateLayout = "2006-01-02"

// DateOf returns the calendar date of t in Europe/Oslo, the zone every date in Stafett
// is meant in.
func DateOf(t time.Time) Date { return Date(InOslo(t).Format(DateLayout)) }

// Valid reports whether d is a real calendar date in exactly the form YYYY-MM-DD.
func (d Date) Valid() bool {
	_, ok := d.Time()
	return ok
}

// IsZero reports whether d is empty.
func (d Date) IsZero() bool { return d == "" }

// Time returns d as midnight UTC, for date arithmetic rather than as an instant, and
// whether d is valid.
func (d Date) Time() (time.Time, bool) {
	if len(d) != len(DateLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, string(d))
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// AddYears returns d moved by n calendar years; 29 February becomes 1 March in a
// year without it, as time.AddDate normalises. d must be valid.
func (d Date) AddYears(n int) Date {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	return Date(t.AddDate(n, 0, 0).Format(DateLayout))
}

// String returns d as written.
func (d Date) String() string { return string(d) }

// InOslo returns t in Europe/Oslo.
func InOslo(t time.Time) time.Time { return t.In(oslo()) }

// oslo loads Europe/Oslo once. The zone database is embedded (time/tzdata, imported
// in tzdata.go), so loading cannot fail for want of one on the host; a failure would
// be a broken build, not a condition to run on with wrong dates.
var oslo = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		panic("logbook: " + err.Error())
	}
	return loc
})
