package logbook

import "time"

// IsOfConsentAge reports whether a child born on birth has reached consentAge at now,
// counted in Europe/Oslo calendar days: from the first moment of the birthday in
// Oslo. A child born on 29 February comes of age on 1 March in years without it. An
// invalid birth date is never of age.
func IsOfConsentAge(birth Date, consentAge int, now time.Time) bool {
	if !birth.Valid() {
		return false
	}
	return birth.AddYears(consentAge) <= DateOf(now)
}
