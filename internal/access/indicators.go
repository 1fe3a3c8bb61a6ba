package access

import "stafett/internal/people"

// The result indicators (DESIGN.md §2.7) are anonymised aggregates, never log
// content. A municipality's administrators and unit leaders read their own
// municipality's; the administrators of a network's members read the network's.
// Employees, guardians and system administrators read none (only what a
// municipality publishes, suppressed as for outsiders).

// ReadsIndicators reports whether a holds a role that reads some indicators: the
// others are refused (forbidden) before any municipality or network is looked up.
// The network coordinator joins here when the role exists:
// `case people.NetworkCoordinator: return true`.
func ReadsIndicators(a Actor) bool {
	for _, r := range a.Roles {
		switch r.Role {
		case people.MunicipalityAdmin, people.UnitLeader:
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
// whose members are members: the administrators of a member municipality. The
// network coordinator is the one change to make when that role exists: return true
// also for `a.Roles` holding people.NetworkCoordinator with NetworkID nid.
func CanReadNetworkIndicators(a Actor, nid string, members []string) bool {
	_ = nid // the coordinator's role is scoped by network
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
