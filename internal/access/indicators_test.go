package access

import (
	"testing"

	"stafett/internal/people"
)

func TestIndicatorAccess(t *testing.T) {
	admin := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "m1"}}}
	leader := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "m1", UnitID: "u1"}}}
	employee := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "m1", UnitID: "u1"}}}
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	coord := Actor{UserID: "c", Roles: people.Roles{{Role: people.NetworkCoordinator, NetworkID: "n"}}}
	otherCoord := Actor{UserID: "c2", Roles: people.Roles{{Role: people.NetworkCoordinator, NetworkID: "n2"}}}
	for _, c := range []struct {
		name          string
		a             Actor
		reads, m1, m2 bool
		net12, net23  bool
	}{
		{"Admin", admin, true, true, false, true, false},
		{"Leader", leader, true, true, false, false, false},
		{"Employee", employee, false, false, false, false, false},
		{"SystemAdmin", sys, false, false, false, false, false},
		{"Guardian", Actor{UserID: "g"}, false, false, false, false, false},
		{"Coordinator", coord, true, false, false, true, true},
		{"OtherNetworksCoordinator", otherCoord, true, false, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ReadsIndicators(c.a); got != c.reads {
				t.Errorf("ReadsIndicators = %v", got)
			}
			if got := CanReadMunicipalityIndicators(c.a, "m1"); got != c.m1 {
				t.Errorf("own municipality = %v", got)
			}
			if got := CanReadMunicipalityIndicators(c.a, "m2"); got != c.m2 {
				t.Errorf("other municipality = %v", got)
			}
			if got := CanReadNetworkIndicators(c.a, "n", []string{"m1", "m2"}); got != c.net12 {
				t.Errorf("own network = %v", got)
			}
			if got := CanReadNetworkIndicators(c.a, "n", []string{"m2", "m3"}); got != c.net23 {
				t.Errorf("other network = %v", got)
			}
		})
	}
	if CanReadMunicipalityIndicators(Actor{Roles: people.Roles{{Role: people.MunicipalityAdmin}}}, "") {
		t.Error("an empty municipality is readable")
	}
}
