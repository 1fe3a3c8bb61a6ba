package access

import "stafett/internal/people"

// Teams (drøftingsteam, ressursteam, FFB, fora) are set up by the owner's
// administrators: a municipality's admin, or for a network's team the network's
// coordinator. Members plan and hold the meetings and see the cases; administrators
// see the team and its meeting plan but never a case.

// TeamRelation is how an actor stands to one team.
type TeamRelation struct {
	Member bool // the actor is one of the team's members
	// Manager: the actor administers the team's owner (CanManageTeam).
	Manager bool
}

// CanManageTeam reports whether a may set up and change a team owned by municipality
// mid or, when mid is empty, by network nid.
func CanManageTeam(a Actor, mid, nid string) bool {
	if mid != "" {
		return CanAdminMunicipality(a, mid)
	}
	return CoordinatesNetwork(a, nid)
}

// CoordinatesNetwork reports whether a runs network nid's shared work: a system
// administrator or the network's coordinator.
func CoordinatesNetwork(a Actor, nid string) bool {
	return nid != "" && (a.Roles.IsSystemAdmin() || a.Roles.Coordinates(nid))
}

// CanSeeTeam: members and managers see the team, its members and its meeting plan.
func CanSeeTeam(r TeamRelation) bool { return r.Member || r.Manager }

// CanPlanMeetings: members and managers make series and cancel or move meetings.
func CanPlanMeetings(r TeamRelation) bool { return r.Member || r.Manager }

// CanWorkCases: only members put cases on the agenda, read them, give advice and
// write attendance and minutes. Administrators never read cases.
func CanWorkCases(r TeamRelation) bool { return r.Member }

// TeamMemberAllowed reports whether user u, holding roles, may be a member of a team
// owned by the municipalities in owners (one, or a network's members): staff of one
// of them.
func TeamMemberAllowed(roles people.Roles, owners []string) bool {
	for _, r := range roles {
		if r.Role.IsUnitRole() {
			for _, m := range owners {
				if r.MunicipalityID == m {
					return true
				}
			}
		}
	}
	return false
}
