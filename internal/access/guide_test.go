package access

import (
	"testing"

	"stafett/internal/people"
)

func TestGuideRules(t *testing.T) {
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	adminA := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	leaderA := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	employeeA := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}}}
	both := Actor{UserID: "b", Roles: people.Roles{{Role: people.SystemAdmin}, {Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	cases := []struct {
		name      string
		got, want bool
	}{
		{"AdminEditsOwnGuide", CanEditGuide(adminA, "A"), true},
		{"AdminNotOtherGuide", CanEditGuide(adminA, "B"), false},
		{"AdminNotEmptyMunicipality", CanEditGuide(adminA, ""), false},
		{"SystemAdminDoesNotWriteGuides", CanEditGuide(sys, "A"), false},
		{"SystemAdminWhoIsAlsoAdmin", CanEditGuide(both, "A"), true},
		{"LeaderNotGuide", CanEditGuide(leaderA, "A"), false},
		{"EmployeeNotGuide", CanEditGuide(employeeA, "A"), false},
		{"NobodyNotGuide", CanEditGuide(Actor{}, "A"), false},
		{"SystemAdminManagesNetworks", CanManageNetworks(sys), true},
		{"AdminNotNetworks", CanManageNetworks(adminA), false},
		{"EmployeeNotNetworks", CanManageNetworks(employeeA), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("= %v, want %v", c.got, c.want)
			}
		})
	}
}
