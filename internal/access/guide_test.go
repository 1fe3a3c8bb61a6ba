package access

import (
	"testing"

	"stafett/internal/people"
)

// TestPublishedRules: the action guide and the service overview are written by the
// municipality's administrators only.
func TestPublishedRules(t *testing.T) {
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	adminA := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	leaderA := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	employeeA := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}}}
	both := Actor{UserID: "b", Roles: people.Roles{{Role: people.SystemAdmin}, {Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	cases := []struct {
		name      string
		got, want bool
	}{
		{"AdminEditsOwnGuide", CanEditPublished(adminA, "A"), true},
		{"AdminNotOtherGuide", CanEditPublished(adminA, "B"), false},
		{"AdminNotEmptyMunicipality", CanEditPublished(adminA, ""), false},
		{"SystemAdminDoesNotWriteGuides", CanEditPublished(sys, "A"), false},
		{"SystemAdminWhoIsAlsoAdmin", CanEditPublished(both, "A"), true},
		{"LeaderNotGuide", CanEditPublished(leaderA, "A"), false},
		{"EmployeeNotGuide", CanEditPublished(employeeA, "A"), false},
		{"NobodyNotGuide", CanEditPublished(Actor{}, "A"), false},
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
