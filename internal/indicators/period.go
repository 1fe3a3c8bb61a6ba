package indicators

import (
	"time"

	"stafett/internal/fault"
)

// MaxPeriodDays bounds a period: ten years, more than any report needs.
const MaxPeriodDays = 3660

// CheckPeriod checks the dates of a period, YYYY-MM-DD, From no later than To and at
// most MaxPeriodDays long, with a field error for each that fails.
func CheckPeriod(from, to string) error {
	var f fault.Fields
	ft, errF := time.Parse(time.DateOnly, from)
	tt, errT := time.Parse(time.DateOnly, to)
	if errF != nil || len(from) != len(time.DateOnly) {
		f.Add("from", fault.FieldFormat)
	}
	if errT != nil || len(to) != len(time.DateOnly) {
		f.Add("to", fault.FieldFormat)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if tt.Before(ft) || tt.Sub(ft) > MaxPeriodDays*24*time.Hour {
		return fault.Validation("to", fault.FieldRange)
	}
	return nil
}

// Cases is how many logs a place's figures are about: the undringer opened in the
// period, the logs closed in it and those active at its end.
func Cases(f Figures) int {
	return f[UndringerOpened].N + f[LogsClosed].N + f[ActiveLevel1].N + f[ActiveLevel2].N + f[ActiveLevel3].N
}

// UnitsApart decides which units of the viewer's own municipality are shown apart
// from it: those with MinCases cases or more, and those the viewer leads
// (ShowUnitApart). So that the one unit held back cannot be found as the
// municipality less the units shown, a second unit is held back with it (the
// smallest shown that the viewer does not lead); when there is none, no unit is
// shown apart except the viewer's own.
func UnitsApart(cases []int, leads []bool) []bool {
	show := make([]bool, len(cases))
	held := 0
	for i, n := range cases {
		show[i] = ShowUnitApart(n, leads[i])
		if !show[i] && n > 0 {
			held++
		}
	}
	if held != 1 {
		return show
	}
	best := -1
	for i, n := range cases {
		if show[i] && !leads[i] && (best < 0 || n < cases[best]) {
			best = i
		}
	}
	if best >= 0 {
		show[best] = false
		return show
	}
	for i := range show {
		show[i] = leads[i]
	}
	return show
}
