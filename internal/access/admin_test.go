package access

import (
	"slices"
	"testing"

	"stafett/internal/people"
)

func TestAdminRules(t *testing.T) {
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	adminA := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	leaderA := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	employeeA := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}}}
	nobody := Actor{UserID: "n"}
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"SystemAdminCreatesMunicipality", CanCreateMunicipality(sys), true},
		{"MunicipalityAdminCannotCreateMunicipality", CanCreateMunicipality(adminA), false},
		{"EmployeeCannotCreateMunicipality", CanCreateMunicipality(employeeA), false},
		{"AdminAdministersOwn", CanAdminMunicipality(adminA, "A"), true},
		{"AdminNotOther", CanAdminMunicipality(adminA, "B"), false},
		{"LeaderNotMunicipalityAdmin", CanAdminMunicipality(leaderA, "A"), false},
		{"SystemAdminAdministersAll", CanAdminMunicipality(sys, "B"), true},
		{"AdminCreatesUserAtHome", CanCreateUser(adminA, "A"), true},
		{"AdminNotUserElsewhere", CanCreateUser(adminA, "B"), false},
		{"AdminNotHomelessUser", CanCreateUser(adminA, ""), false},
		{"LeaderNoUsers", CanCreateUser(leaderA, "A"), false},
		{"SeeUserAtHome", CanSeeUser(adminA, "A", nil), true},
		{"SeeUserWithRoleHere", CanSeeUser(adminA, "B", []string{"A"}), true},
		{"NotSeeUserElsewhere", CanSeeUser(adminA, "B", []string{"B"}), false},
		{"LeaderSeesMunicipalityUser", CanSeeUser(leaderA, "A", nil), true},
		{"EmployeeSeesNoUser", CanSeeUser(employeeA, "A", nil), false},
		{"NobodySeesNoUser", CanSeeUser(nobody, "A", nil), false},
		{"AdminAssignsHere", CanAssignRole(adminA, people.Role{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}), true},
		{"AdminNotElsewhere", CanAssignRole(adminA, people.Role{Role: people.Employee, MunicipalityID: "B", UnitID: "u9"}), false},
		{"AdminNotSystemAdmin", CanAssignRole(adminA, people.Role{Role: people.SystemAdmin}), false},
		{"LeaderAddsEmployee", CanAssignRole(leaderA, people.Role{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}), true},
		{"LeaderNotOtherUnit", CanAssignRole(leaderA, people.Role{Role: people.Employee, MunicipalityID: "A", UnitID: "u2"}), false},
		{"LeaderNotLeader", CanAssignRole(leaderA, people.Role{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}), false},
		{"EmployeeAssignsNothing", CanAssignRole(employeeA, people.Role{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}), false},
		{"SystemAdminAssignsAnything", CanAssignRole(sys, people.Role{Role: people.SystemAdmin}), true},
		{"AdminChangesOthersRoles", CanChangeRolesOf(adminA, "e"), true},
		{"AdminNotOwnRoles", CanChangeRolesOf(adminA, "a"), false},
		{"SystemAdminNotOwnRoles", CanChangeRolesOf(sys, "s"), false},
		{"NoRolesOfNobody", CanChangeRolesOf(adminA, ""), false},
		{"AdminManagesHomeUser", CanManageUser(adminA, "A", nil), true},
		{"AdminNotManageElsewhere", CanManageUser(adminA, "B", []string{"B"}), false},
		{"LeaderNotManage", CanManageUser(leaderA, "A", nil), false},
		{"AdminAdministersUsers", CanAdministerUsers(adminA), true},
		{"LeaderAdministersUsers", CanAdministerUsers(leaderA), true},
		{"EmployeeAdministersNoUsers", CanAdministerUsers(employeeA), false},
		{"NobodyAdministersNoUsers", CanAdministerUsers(nobody), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("= %v, want %v", c.got, c.want)
			}
		})
	}
}

func TestManagingMunicipality(t *testing.T) {
	admin := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "B"}}}
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	cases := []struct {
		name string
		a    Actor
		home string
		in   []string
		want string
	}{
		{"Home", Actor{Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}, "A", []string{"B"}, "A"},
		{"RoleMunicipality", admin, "A", []string{"C", "B"}, "B"},
		{"SystemAdminHome", sys, "A", []string{"B"}, "A"},
		{"SystemAdminNoHome", sys, "", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ManagingMunicipality(c.a, c.home, c.in); got != c.want {
				t.Errorf("= %q, want %q", got, c.want)
			}
		})
	}
}

func TestAdminAuditScope(t *testing.T) {
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	twoAdmin := Actor{UserID: "a", Roles: people.Roles{
		{Role: people.MunicipalityAdmin, MunicipalityID: "A"}, {Role: people.MunicipalityAdmin, MunicipalityID: "B"}}}
	leader := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	cases := []struct {
		name     string
		a        Actor
		mid      string
		wantMids []string
		wantAll  bool
		wantOK   bool
	}{
		{"SystemAdminAll", sys, "", nil, true, true},
		{"SystemAdminOne", sys, "C", []string{"C"}, false, true},
		{"AdminOwn", twoAdmin, "", []string{"A", "B"}, false, true},
		{"AdminOneOfOwn", twoAdmin, "B", []string{"B"}, false, true},
		{"AdminOther", twoAdmin, "C", nil, false, false},
		{"Leader", leader, "A", nil, false, false},
		{"Nobody", Actor{UserID: "n"}, "", nil, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mids, all, ok := AdminAuditScope(c.a, c.mid)
			if !slices.Equal(mids, c.wantMids) || all != c.wantAll || ok != c.wantOK {
				t.Errorf("= %v, %v, %v; want %v, %v, %v", mids, all, ok, c.wantMids, c.wantAll, c.wantOK)
			}
		})
	}
}
