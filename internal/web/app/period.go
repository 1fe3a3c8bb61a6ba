package app

import (
	"net/url"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// Period reads the dates from and to (YYYY-MM-DD, both optional) of query q as the
// instants that bound them in Oslo time: from the start of from's day to the end of
// to's day. A date that cannot be read, or a to before from, is a validation error
// naming the field.
func Period(q url.Values) (from, to time.Time, err error) {
	var f fault.Fields
	day := func(name string) (time.Time, bool) {
		v := q.Get(name)
		if v == "" {
			return time.Time{}, true
		}
		t, ok := logbook.Date(v).Time()
		if !ok {
			f.Add(name, fault.FieldFormat)
			return time.Time{}, false
		}
		_, off := logbook.InOslo(t).Zone()
		return t.Add(-time.Duration(off) * time.Second), true
	}
	from, _ = day("from")
	to, ok := day("to")
	if ok && !to.IsZero() {
		to = to.AddDate(0, 0, 1)
		if !from.IsZero() && to.Before(from) {
			f.Add("to", fault.FieldRange)
		}
	}
	return from, to, f.Err()
}
