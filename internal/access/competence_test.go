package access

import (
	"testing"

	"stafett/internal/people"
)

// TestCompetenceRules: coordinators run their own network, administrators their own
// municipality, leaders their own units; each rule has its refused side.
func TestCompetenceRules(t *testing.T) {
	sys := Actor{UserID: "s", Roles: people.Roles{{Role: people.SystemAdmin}}}
	coord := Actor{UserID: "c", Roles: people.Roles{{Role: people.NetworkCoordinator, NetworkID: "N"}}, SecondFactor: true}
	bare := Actor{UserID: "c2", Roles: people.Roles{{Role: people.NetworkCoordinator, NetworkID: "N"}}}
	adminA := Actor{UserID: "a", Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: "A"}}}
	leaderA := Actor{UserID: "l", Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: "A", UnitID: "u1"}}}
	employeeA := Actor{UserID: "e", Roles: people.Roles{{Role: people.Employee, MunicipalityID: "A", UnitID: "u1"}}}
	cases := []struct {
		name      string
		got, want bool
	}{
		{"CoordinatorAdministers", coord.Roles.Administers(), true},
		{"CoordinatorWithoutSecondFactorRefused", Administer(bare) != nil, true},
		{"CoordinatorWithSecondFactorPasses", Administer(coord) == nil, true},
		{"SysadminSetsNetworkHours", CanSetNetworkHours(sys, "N"), true},
		{"CoordinatorSetsOwnNetworkHours", CanSetNetworkHours(coord, "N"), true},
		{"CoordinatorNotOtherNetwork", CanSetNetworkHours(coord, "M"), false},
		{"AdminNotNetworkHours", CanSetNetworkHours(adminA, "N"), false},
		{"AdminSetsOwnHours", CanSetMunicipalityHours(adminA, "A"), true},
		{"AdminNotOtherHours", CanSetMunicipalityHours(adminA, "B"), false},
		{"CoordinatorNotMunicipalityHours", CanSetMunicipalityHours(coord, "A"), false},
		{"AdminRunsOwnCompetence", CanRunMunicipalityCompetence(adminA, "A"), true},
		{"AdminNotOtherCompetence", CanRunMunicipalityCompetence(adminA, "B"), false},
		{"AdminNotEmpty", CanRunMunicipalityCompetence(adminA, ""), false},
		{"LeaderNotCompetenceAdmin", CanRunMunicipalityCompetence(leaderA, "A"), false},
		{"CoordinatorRunsNetwork", CanRunNetworkCompetence(coord, "N"), true},
		{"CoordinatorNotOtherNetworkCompetence", CanRunNetworkCompetence(coord, "M"), false},
		{"AdminNotNetworkCompetence", CanRunNetworkCompetence(adminA, "N"), false},
		{"EmployeeReachesOwn", CanReachMunicipality(employeeA, "A", nil), true},
		{"EmployeeNotOther", CanReachMunicipality(employeeA, "B", []string{"N"}), false},
		{"CoordinatorReachesMember", CanReachMunicipality(coord, "B", []string{"N"}), true},
		{"CoordinatorNotNonMember", CanReachMunicipality(coord, "B", []string{"M"}), false},
		{"SysadminNotCompetence", CanReachMunicipality(sys, "A", nil), false},
		{"SelfEditsCompetence", CanEditCompetence(employeeA, "e", []string{"u1"}), true},
		{"LeaderEditsStaff", CanEditCompetence(leaderA, "e", []string{"u1"}), true},
		{"LeaderNotOtherUnit", CanEditCompetence(leaderA, "x", []string{"u2"}), false},
		{"ColleagueNotCompetence", CanEditCompetence(employeeA, "x", []string{"u1"}), false},
		{"AdminNotPersonalCompetence", CanEditCompetence(adminA, "e", []string{"u1"}), false},
		{"LeaderSetsNeeds", CanSetNeeds(leaderA, "A", "u1"), true},
		{"AdminSetsNeeds", CanSetNeeds(adminA, "A", "u1"), true},
		{"LeaderNotOtherUnitNeeds", CanSetNeeds(leaderA, "A", "u2"), false},
		{"EmployeeNotNeeds", CanSetNeeds(employeeA, "A", "u1"), false},
		{"CoordinatorNotNeeds", CanSetNeeds(coord, "A", "u1"), false},
		{"AdminCannotMakeCoordinator", CanAssignRole(adminA, people.Role{Role: people.NetworkCoordinator, NetworkID: "N"}), false},
		{"SysadminMakesCoordinator", CanAssignRole(sys, people.Role{Role: people.NetworkCoordinator, NetworkID: "N"}), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Fatalf("got %v, want %v", c.got, c.want)
			}
		})
	}
}
