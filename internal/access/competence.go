package access

import "stafett/internal/people"

// Competence and courses (DESIGN.md §2.6) are administered by a municipality's
// administrators and a network's coordinators; leaders verify their staff and set their
// units' needs. None of it is log content, and none of it gives any.

// CanSetNetworkHours reports whether a may change the hours of a full-time year of
// network nid: system administrators and its coordinators.
func CanSetNetworkHours(a Actor, nid string) bool {
	return a.Roles.IsSystemAdmin() || a.Roles.Coordinates(nid)
}

// CanSetMunicipalityHours reports whether a may change the hours of a full-time year of
// municipality mid: system administrators and its administrators.
func CanSetMunicipalityHours(a Actor, mid string) bool {
	return a.Roles.IsSystemAdmin() || a.Roles.Has(people.MunicipalityAdmin, mid)
}

// CanRunMunicipalityCompetence reports whether a may run the competence areas and
// courses organised by municipality mid: its administrators.
func CanRunMunicipalityCompetence(a Actor, mid string) bool {
	return mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid)
}

// CanRunNetworkCompetence reports whether a may run the competence areas and courses
// organised by network nid: its coordinators.
func CanRunNetworkCompetence(a Actor, nid string) bool { return a.Roles.Coordinates(nid) }

// CanReachMunicipality reports whether a may see the competence of municipality mid at
// all (search it, read its areas): anyone holding a role in it, and the coordinators of
// a network it is in (networks: the networks mid is a member of).
func CanReachMunicipality(a Actor, mid string, networks []string) bool {
	if HoldsRoleIn(a, mid) {
		return true
	}
	for _, n := range networks {
		if a.Roles.Coordinates(n) {
			return true
		}
	}
	return false
}

// HoldsRoleIn reports whether a holds any role in municipality mid.
func HoldsRoleIn(a Actor, mid string) bool {
	for _, r := range a.Roles {
		if mid != "" && r.MunicipalityID == mid {
			return true
		}
	}
	return false
}

// CanEditCompetence reports whether a may add to or remove from the competence of user
// uid whose units are units: the person themselves, and leaders of one of those units.
func CanEditCompetence(a Actor, uid string, units []string) bool {
	return a.UserID == uid || LeadsOneOf(a, units)
}

// LeadsOneOf reports whether a leads one of units.
func LeadsOneOf(a Actor, units []string) bool {
	for _, u := range units {
		if a.Roles.InUnit(people.UnitLeader, u) {
			return true
		}
	}
	return false
}

// CanSetNeeds reports whether a may set the competence needs of unit unit in
// municipality mid: the unit's leaders and the municipality's administrators.
func CanSetNeeds(a Actor, mid, unit string) bool {
	return a.Roles.InUnit(people.UnitLeader, unit) || a.Roles.Has(people.MunicipalityAdmin, mid)
}
