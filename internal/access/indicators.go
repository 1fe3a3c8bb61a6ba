package access

import "stafett/internal/people"

// The result indicators (DESIGN.md §2.7) are anonymised aggregates, never log
// content. A municipality's administrators and unit leaders read their own
// municipality's; the administrators of a network's members read the network's.
// Employees, guardians and system administrators read none (only what a
// municipality publishes, suppressed as for outsiders).

// ReadsIndicators reports whether a holds a role that reads some indicators: the
// others are refused (forbidden) before any municipality or network is looked up.
// A network coordinator reads the network's.
func ReadsIndicators(a Actor) bool {
	for _, r := range a.Roles {
		switch r.Role {
		case people.MunicipalityAdmin, people.UnitLeader, people.NetworkCoordinator:
			return true
		}
	}
	return false
}

// CanReadMunicipalityIndicators reports whether a may read the indicators of
// municipality mid, which is then a's own (every number shows): its administrators
// and the leaders of its units.
func CanReadMunicipalityIndicators(a Actor, mid string) bool {
	return mid != "" && (a.Roles.Has(people.MunicipalityAdmin, mid) || a.Roles.Has(people.UnitLeader, mid))
}

// CanReadNetworkIndicators reports whether a may read the indicators of network nid
// whose members are members: its coordinators and the administrators of a member
// municipality.
func CanReadNetworkIndicators(a Actor, nid string, members []string) bool {
	if a.Roles.Coordinates(nid) {
		return true
	}
	for _, m := range members {
		if a.Roles.Has(people.MunicipalityAdmin, m) {
			return true
		}
	}
	return false
}

// OwnIndicators reports whether a sees municipality mid's indicators from inside,
// with every number shown.
func OwnIndicators(a Actor, mid string) bool { return CanReadMunicipalityIndicators(a, mid) }
