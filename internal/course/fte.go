// Package course is the course registry (kursregister): kinds of course, sessions with
// their hours, and the arithmetic of hours and full-time years (årsverk). It imports
// only the standard library.
package course

import "stafett/internal/fault"

// DefaultHoursPerFTE is the hours of one full-time year (årsverk) unless a network or
// municipality says otherwise: 1,700, about 243 seven-hour days.
const DefaultHoursPerFTE = 1700

// MaxHoursPerFTE bounds hours_per_fte: a year has 8,784 hours at most.
const MaxHoursPerFTE = 8784

// ValidateHoursPerFTE checks the hours of a full-time year given in field.
func ValidateHoursPerFTE(field string, h int) error {
	if h <= 0 || h > MaxHoursPerFTE {
		return fault.Validation(field, fault.FieldRange)
	}
	return nil
}

// FTE is hours as full-time years of hoursPerFTE hours (0 for a nonsensical divisor).
func FTE(hours float64, hoursPerFTE int) float64 {
	if hoursPerFTE <= 0 {
		return 0
	}
	return hours / float64(hoursPerFTE)
}
