package access

import (
	"testing"

	"stafett/internal/people"
)

func TestCanManageTeam(t *testing.T) {
	admin := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "m1"}}, SecondFactor: true}
	coord := Actor{UserID: "c", Roles: people.Roles{{Role: people.NetworkCoordinator, NetworkID: "n"}}, SecondFactor: true}
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}, SecondFactor: true}
	employee := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "m1", UnitID: "u1"}}}
	for _, c := range []struct {
		name                      string
		a                         Actor
		ownTeam, otherTeam        bool
		networkTeam, otherNetTeam bool
	}{
		{"MunicipalityAdmin", admin, true, false, false, false},
		{"Coordinator", coord, false, false, true, false},
		{"SystemAdmin", sys, true, true, true, true},
		{"Employee", employee, false, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := CanManageTeam(c.a, "m1", ""); got != c.ownTeam {
				t.Errorf("team of m1 = %v", got)
			}
			if got := CanManageTeam(c.a, "m2", ""); got != c.otherTeam {
				t.Errorf("team of m2 = %v", got)
			}
			if got := CanManageTeam(c.a, "", "n"); got != c.networkTeam {
				t.Errorf("team of network n = %v", got)
			}
			if got := CanManageTeam(c.a, "", "n2"); got != c.otherNetTeam {
				t.Errorf("team of network n2 = %v", got)
			}
		})
	}
}
