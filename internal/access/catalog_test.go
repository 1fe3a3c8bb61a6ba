package access

import (
	"testing"

	"stafett/internal/people"
)

func TestCatalogRules(t *testing.T) {
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	adminA := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	leaderA := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	employeeA := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}}}
	both := Actor{UserID: "b", Roles: people.Roles{{Role: people.SystemAdmin}, {Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	cases := []struct {
		name      string
		got, want bool
	}{
		{"AdminEditsOwnCatalog", CanEditCatalog(adminA, "A"), true},
		{"AdminNotOtherCatalog", CanEditCatalog(adminA, "B"), false},
		{"AdminNotEmptyMunicipality", CanEditCatalog(adminA, ""), false},
		{"SystemAdminDoesNotWriteCatalogs", CanEditCatalog(sys, "A"), false},
		{"SystemAdminWhoIsAlsoAdmin", CanEditCatalog(both, "A"), true},
		{"LeaderNotCatalog", CanEditCatalog(leaderA, "A"), false},
		{"EmployeeNotCatalog", CanEditCatalog(employeeA, "A"), false},
		{"NobodyNotCatalog", CanEditCatalog(Actor{}, "A"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("= %v, want %v", c.got, c.want)
			}
		})
	}
}
