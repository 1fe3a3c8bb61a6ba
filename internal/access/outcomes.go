package access

import "stafett/internal/people"

// Outcome indicators (yearly figures from outside) are imported by a municipality's
// administrators for their municipality, and by a network's coordinators for its
// members. They are published statistics and are shown to whoever reads the
// municipality's or the network's indicators.

// CanImportOutcomes reports whether a may import outcome figures for municipality
// mid, a member of the networks listed in networks (those mid is in).
func CanImportOutcomes(a Actor, mid string, networks []string) bool {
	if mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid) {
		return true
	}
	for _, n := range networks {
		if a.Roles.Coordinates(n) {
			return true
		}
	}
	return false
}

// CanPublishIndicators reports whether a may choose to show municipality mid's
// indicators to anyone: its administrators.
func CanPublishIndicators(a Actor, mid string) bool {
	return mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid)
}
