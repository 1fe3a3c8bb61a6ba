package access

import "stafett/internal/people"

// CanSeeUnitLogs reports whether a may see the list of every log of unit unit (the
// leaders' unit view, issue 21 point 7): the unit's leaders, who read those logs
// anyway (DESIGN §4). Each log listed still passes the read policy.
func CanSeeUnitLogs(a Actor, unit string) bool {
	return unit != "" && a.Roles.InUnit(people.UnitLeader, unit)
}
