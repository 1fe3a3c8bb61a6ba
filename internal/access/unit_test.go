package access

import (
	"testing"

	"stafett/internal/people"
)

// TestCanSeeUnitLogs: the unit view is for the unit's leaders; employees, leaders of
// other units and administrators are refused.
func TestCanSeeUnitLogs(t *testing.T) {
	leader := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	employee := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}}}
	admin := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}, SecondFactor: true}
	cases := []struct {
		name      string
		got, want bool
	}{
		{"LeaderOwnUnit", CanSeeUnitLogs(leader, "u1"), true},
		{"LeaderOtherUnit", CanSeeUnitLogs(leader, "u2"), false},
		{"LeaderNoUnit", CanSeeUnitLogs(leader, ""), false},
		{"Employee", CanSeeUnitLogs(employee, "u1"), false},
		{"MunicipalityAdmin", CanSeeUnitLogs(admin, "u1"), false},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}
