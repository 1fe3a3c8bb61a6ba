package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// actorKey names who sends a request in a scenario.
type actorKey string

const (
	anon      actorKey = "anonymous"
	sysAdmin  actorKey = "system_admin"
	adminA    actorKey = "admin_A"
	adminB    actorKey = "admin_B"
	leaderA   actorKey = "leader_A"
	employeeA actorKey = "employee_A"
	employeeB actorKey = "employee_B"
	plain     actorKey = "plain_user"
)

func tokens(h *webtest.Harness) map[actorKey]string {
	fx := h.Fx
	out := map[actorKey]string{anon: ""}
	for k, u := range map[actorKey]people.User{sysAdmin: fx.SysAdmin, adminA: fx.AdminA, adminB: fx.AdminB,
		leaderA: fx.LeaderA, employeeA: fx.EmployeeA, employeeB: fx.EmployeeB, plain: fx.Plain} {
		out[k] = h.Login(u)
	}
	return out
}

type scenario struct {
	name   string
	actor  actorKey
	method string
	path   func(fx webtest.Fixtures) string
	Body   func(fx webtest.Fixtures) any
	want   int
}

func path(format string, ids ...func(fx webtest.Fixtures) string) func(fx webtest.Fixtures) string {
	return func(fx webtest.Fixtures) string {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id(fx)
		}
		return fmt.Sprintf(format, args...)
	}
}

func body(v func(fx webtest.Fixtures) any) func(fx webtest.Fixtures) any { return v }

var (
	midA        = func(fx webtest.Fixtures) string { return fx.A.ID }
	midB        = func(fx webtest.Fixtures) string { return fx.B.ID }
	employeeAID = func(fx webtest.Fixtures) string { return fx.EmployeeA.ID }
	employeeBID = func(fx webtest.Fixtures) string { return fx.EmployeeB.ID }
	plainID     = func(fx webtest.Fixtures) string { return fx.Plain.ID }
	adminAID    = func(fx webtest.Fixtures) string { return fx.AdminA.ID }
	sysAdminID  = func(fx webtest.Fixtures) string { return fx.SysAdmin.ID }
)

func TestAdminAPIScenarios(t *testing.T) {
	newMunicipality := body(func(webtest.Fixtures) any {
		return map[string]any{"number": "5501", "name": "Tromsø", "consent_age": 15}
	})
	newUnit := body(func(webtest.Fixtures) any { return map[string]any{"name": "Ny barnehage", "kind": "kindergarten"} })
	newUser := func(email string) func(webtest.Fixtures) any {
		return body(func(webtest.Fixtures) any {
			return map[string]any{"email": email, "name": "Ny Person", "password": "langt-passord"}
		})
	}
	unitRole := func(role string, unit func(fx webtest.Fixtures) string) func(webtest.Fixtures) any {
		return func(fx webtest.Fixtures) any { return map[string]any{"role": role, "unit_id": unit(fx)} }
	}
	unitA := func(fx webtest.Fixtures) string { return fx.UnitA.ID }
	unitA2 := func(fx webtest.Fixtures) string { return fx.UnitA2.ID }
	unitB := func(fx webtest.Fixtures) string { return fx.UnitB.ID }
	muniAdminOf := func(m func(fx webtest.Fixtures) string) func(webtest.Fixtures) any {
		return func(fx webtest.Fixtures) any {
			return map[string]any{"role": "municipality_admin", "municipality_id": m(fx)}
		}
	}
	scenarios := []scenario{
		// Creating municipalities: system administrators only.
		{"CreateMunicipality/Anonymous", anon, "POST", path("/api/v1/municipalities"), newMunicipality, 401},
		{"CreateMunicipality/Employee", employeeA, "POST", path("/api/v1/municipalities"), newMunicipality, 403},
		{"CreateMunicipality/MunicipalityAdmin", adminA, "POST", path("/api/v1/municipalities"), newMunicipality, 403},
		{"CreateMunicipality/SystemAdmin", sysAdmin, "POST", path("/api/v1/municipalities"), newMunicipality, 201},

		// Units: the municipality's own administrators.
		{"CreateUnit/Anonymous", anon, "POST", path("/api/v1/municipalities/%s/units", midA), newUnit, 401},
		{"CreateUnit/Employee", employeeA, "POST", path("/api/v1/municipalities/%s/units", midA), newUnit, 403},
		{"CreateUnit/Leader", leaderA, "POST", path("/api/v1/municipalities/%s/units", midA), newUnit, 403},
		{"CreateUnit/OtherMunicipality", adminB, "POST", path("/api/v1/municipalities/%s/units", midA), newUnit, 403},
		{"CreateUnit/OwnMunicipality", adminA, "POST", path("/api/v1/municipalities/%s/units", midA), newUnit, 201},
		{"CreateUnit/SystemAdmin", sysAdmin, "POST", path("/api/v1/municipalities/%s/units", midB), newUnit, 201},
		{"CreateUnit/UnknownMunicipality", sysAdmin, "POST", path("/api/v1/municipalities/nope/units"), newUnit, 404},
		{"ListUnits/Anonymous", anon, "GET", path("/api/v1/municipalities/%s/units", midA), nil, 401},
		{"ListUnits/Employee", employeeA, "GET", path("/api/v1/municipalities/%s/units", midA), nil, 200},

		// Users: system administrators, or municipality administrators at home.
		{"CreateUser/Anonymous", anon, "POST", path("/api/v1/users"), newUser("a@x.no"), 401},
		{"CreateUser/Employee", employeeA, "POST", path("/api/v1/users"), newUser("b@x.no"), 403},
		{"CreateUser/Leader", leaderA, "POST", path("/api/v1/users"), newUser("c@x.no"), 403},
		{"CreateUser/OwnMunicipality", adminA, "POST", path("/api/v1/users"), newUser("d@x.no"), 201},
		{"CreateUser/OtherMunicipality", adminA, "POST", path("/api/v1/users"), func(fx webtest.Fixtures) any {
			return map[string]any{"email": "e@x.no", "name": "E", "municipality_id": fx.B.ID}
		}, 403},
		{"CreateUser/SystemAdmin", sysAdmin, "POST", path("/api/v1/users"), newUser("f@x.no"), 201},
		{"CreateUser/EmailTaken", sysAdmin, "POST", path("/api/v1/users"), newUser("larer@skien.no"), 422},
		{"ListUsers/Anonymous", anon, "GET", path("/api/v1/municipalities/%s/users", midA), nil, 401},
		{"ListUsers/Employee", employeeA, "GET", path("/api/v1/municipalities/%s/users", midA), nil, 403},
		{"ListUsers/OtherMunicipality", adminB, "GET", path("/api/v1/municipalities/%s/users", midA), nil, 403},
		{"ListUsers/OwnMunicipality", adminA, "GET", path("/api/v1/municipalities/%s/users", midA), nil, 200},
		{"ShowUser/Self", employeeA, "GET", path("/api/v1/users/%s", employeeAID), nil, 200},
		{"ShowUser/Colleague", employeeA, "GET", path("/api/v1/users/%s", employeeBID), nil, 404},
		{"ShowUser/OtherMunicipality", adminB, "GET", path("/api/v1/users/%s", employeeAID), nil, 404},
		{"ShowUser/OwnMunicipality", adminA, "GET", path("/api/v1/users/%s", employeeAID), nil, 200},
		{"ShowUser/Anonymous", anon, "GET", path("/api/v1/users/%s", employeeAID), nil, 401},

		// Roles.
		{"AddRole/Anonymous", anon, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitA2), 401},
		{"AddRole/Employee", employeeA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitA2), 403},
		{"AddRole/OtherMunicipalityUser", adminB, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitB), 404},
		{"AddRole/OtherMunicipalityUnit", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitB), 403},
		{"AddRole/OwnMunicipality", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitA2), 201},
		{"AddRole/Twice", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitA), 409},
		{"AddRole/AdminOfOtherMunicipality", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), muniAdminOf(midB), 403},
		{"AddRole/SystemAdminRole", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), body(func(webtest.Fixtures) any { return map[string]any{"role": "system_admin"} }), 403},
		{"AddRole/LeaderAddsEmployeeToOwnUnit", leaderA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitA), 409},
		{"AddRole/LeaderMakesLeader", leaderA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("unit_leader", unitA), 403},
		{"AddRole/LeaderOtherUnit", leaderA, "POST", path("/api/v1/users/%s/roles", employeeAID), unitRole("employee", unitA2), 403},
		{"AddRole/SystemAdminAnything", sysAdmin, "POST", path("/api/v1/users/%s/roles", plainID), muniAdminOf(midB), 201},
		{"AddRole/UnknownUnit", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), body(func(webtest.Fixtures) any { return map[string]any{"role": "employee", "unit_id": "nope"} }), 422},
		{"AddRole/BadRole", adminA, "POST", path("/api/v1/users/%s/roles", employeeAID), body(func(webtest.Fixtures) any { return map[string]any{"role": "king"} }), 422},
		// Nobody changes their own roles, whatever their own roles are: an administrator
		// who made themselves a unit leader would reach log content.
		{"AddRole/OwnAsMunicipalityAdmin", adminA, "POST", path("/api/v1/users/%s/roles", adminAID), unitRole("unit_leader", unitA), 403},
		{"AddRole/OwnAsSystemAdmin", sysAdmin, "POST", path("/api/v1/users/%s/roles", sysAdminID), unitRole("unit_leader", unitA), 403},
		{"RemoveRole/Own", adminA, "DELETE", path("/api/v1/users/%s/roles", adminAID), muniAdminOf(midA), 403},
		{"AddRole/ByAnotherAdministrator", sysAdmin, "POST", path("/api/v1/users/%s/roles", adminAID), unitRole("unit_leader", unitA), 201},

		// Deactivation.
		{"Deactivate/Anonymous", anon, "POST", path("/api/v1/users/%s/deactivate", employeeBID), nil, 401},
		{"Deactivate/Employee", employeeA, "POST", path("/api/v1/users/%s/deactivate", employeeBID), nil, 403},
		{"Deactivate/OtherMunicipality", adminA, "POST", path("/api/v1/users/%s/deactivate", employeeBID), nil, 404},
		{"Deactivate/Leader", leaderA, "POST", path("/api/v1/users/%s/deactivate", employeeAID), nil, 403},
	}
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tokens := tokens(h)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				var b any
				if sc.Body != nil {
					b = sc.Body(h.Fx)
				}
				res := h.Do(sc.method, sc.path(h.Fx), tokens[sc.actor], b)
				if res.Status != sc.want {
					t.Errorf("%s %s as %s = %d, want %d\n%s", sc.method, sc.path(h.Fx), sc.actor, res.Status, sc.want, res.Body)
				}
			})
		}
	})
}

func TestDeactivateEndsSessions(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		victim := h.Login(h.Fx.EmployeeB)
		admin := h.Login(h.Fx.AdminB)
		if res := h.Do("POST", "/api/v1/users/"+h.Fx.EmployeeB.ID+"/deactivate", admin, nil); res.Status != http.StatusOK {
			t.Fatalf("deactivate = %d %s", res.Status, res.Body)
		}
		if res := h.Do("GET", "/api/v1/me", victim, nil); res.Status != http.StatusUnauthorized {
			t.Errorf("deactivated user's token: %d, want 401", res.Status)
		}
		res := h.Do("POST", "/api/v1/session", "", map[string]string{"email": h.Fx.EmployeeB.Email, "password": webtest.Password})
		if res.Status != http.StatusUnauthorized {
			t.Errorf("deactivated user signs in: %d, want 401", res.Status)
		}
		if res := h.Do("POST", "/api/v1/users/"+h.Fx.EmployeeB.ID+"/activate", admin, nil); res.Status != http.StatusOK {
			t.Fatalf("activate = %d", res.Status)
		}
		h.Login(h.Fx.EmployeeB)
	})
}

func TestCreatedValues(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tokens := tokens(h)
		res := h.Do("POST", "/api/v1/municipalities", tokens[sysAdmin], map[string]any{"number": "5501", "name": "Tromsø"})
		m := res.JSON(t)
		if res.Status != 201 || m["number"] != "5501" || m["name"] != "Tromsø" || m["consent_age"] != float64(15) || m["id"] == "" {
			t.Errorf("municipality = %d %v", res.Status, m)
		}
		res = h.Do("POST", "/api/v1/users", tokens[adminA], map[string]any{"email": "Ny@Skien.no", "name": "Nina Ny", "national_id": "01010112345"})
		u := webtest.Decode[webtest.User](t, res)
		if res.Status != 201 || u.Email != "ny@skien.no" || u.ID == "" {
			t.Fatalf("user = %d %s", res.Status, res.Body)
		}
		if _, leaked := res.JSON(t)["national_id"]; leaked {
			t.Errorf("national_id shown in %s", res.Body)
		}
		res = h.Do("POST", "/api/v1/users/"+u.ID+"/roles", tokens[adminA], map[string]any{"role": "employee", "unit_id": h.Fx.UnitA.ID})
		r := res.JSON(t)
		if res.Status != 201 || r["municipality_id"] != h.Fx.A.ID || r["unit_id"] != h.Fx.UnitA.ID {
			t.Errorf("role = %d %v", res.Status, r)
		}
		res = h.Do("GET", "/api/v1/municipalities", tokens[adminA], nil)
		list := webtest.Decode[webtest.Municipalities](t, res).Municipalities
		if len(list) != 1 || list[0].ID != h.Fx.A.ID {
			t.Errorf("admin A sees municipalities %s", res.Body)
		}
		res = h.Do("GET", "/api/v1/municipalities/"+h.Fx.A.ID+"/users", tokens[adminA], nil)
		users := webtest.Decode[webtest.Users](t, res).Users
		if len(users) != 5 { // admin, leader, two employees of A and the new user
			t.Errorf("users of A = %d, want 5: %s", len(users), res.Body)
		}
		for _, x := range users {
			if x.Email == h.Fx.EmployeeB.Email {
				t.Errorf("user of B listed in A")
			}
		}
	})
}
