package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/people"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// TestPageAdminRoles: roles are given and taken on a person's page by those the
// policy lets, and by no one else.
func TestPageAdminRoles(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		page := "/admin/brukere/" + fx.EmployeeA.ID
		leaderOfA2 := people.Role{Role: people.UnitLeader, UnitID: fx.UnitA2.ID}
		give := url.Values{"role": {ui.RoleValue(leaderOfA2)}}
		t.Run("Hidden", func(t *testing.T) {
			// Admin B and plain people cannot see the person; the leader can, but may
			// not make leaders.
			for _, who := range []actorKey{adminB, leaderA, employeeA, employeeB, plain} {
				wantHidden(t, h.Page("POST", page+"/roller", tok[who], give))
			}
			if roleHeld(h, fx.EmployeeA.ID, leaderOfA2) {
				t.Fatal("a refused form gave the role")
			}
			employeeOfA := people.Role{Role: people.Employee, UnitID: fx.UnitA.ID}
			for _, who := range []actorKey{adminB, employeeB, plain} {
				wantHidden(t, h.Page("POST", page+"/roller/fjern", tok[who], url.Values{"role": {ui.RoleValue(employeeOfA)}}))
			}
			if !roleHeld(h, fx.EmployeeA.ID, employeeOfA) {
				t.Fatal("a refused form took the role")
			}
			if res := h.Page("POST", page+"/roller", "", give); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" {
				t.Errorf("anonymous: %d to %q", res.Status, res.Header.Get("Location"))
			}
		})
		t.Run("Invalid", func(t *testing.T) {
			before := countsOf(h)
			h.WantFieldError(t, h.Page("POST", page+"/roller", tok[adminA], url.Values{"role": {""}}), "role-role", "required")
			h.WantFieldError(t, h.Page("POST", page+"/roller", tok[adminA], url.Values{"role": {"employee:" + unknownID(t)}}), "role-role", "not_found")
			h.WantFieldError(t, h.Page("POST", page+"/roller", tok[adminA], url.Values{"role": {"konge:" + fx.A.ID}}), "role-role", "invalid")
			res := h.Page("POST", page+"/roller", tok[adminA], url.Values{"role": {"employee:" + fx.UnitA.ID}})
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), h.NBText("admin.role_exists")) {
				t.Errorf("a role held already = %d", res.Status)
			}
			if after := countsOf(h); after != before {
				t.Errorf("failed forms changed the database: %v, then %v", before, after)
			}
		})
		t.Run("OK", func(t *testing.T) {
			// The choice offers exactly the roles admin A may give and the person lacks.
			doc := adminDoc(t, h.Page("GET", page, tok[adminA], nil))
			var offered []string
			doc.Find("#role-role option").Each(func(_ int, s *goquery.Selection) { offered = append(offered, s.AttrOr("value", "")) })
			want := []string{"", "municipality_admin:" + fx.A.ID, "unit_leader:" + fx.UnitA2.ID, "employee:" + fx.UnitA2.ID, "unit_leader:" + fx.UnitA.ID}
			if !sameSet(offered, want) {
				t.Errorf("offered %v, want %v", offered, want)
			}
			wantRedirect(t, h.Page("POST", page+"/roller", tok[adminA], give), page)
			if !roleHeld(h, fx.EmployeeA.ID, leaderOfA2) {
				t.Fatal("role not given")
			}
			res := h.Page("GET", page, tok[adminA], nil)
			if !strings.Contains(string(res.Body), "Enhetsleder – Helsestasjonen") {
				t.Error("the page does not show the new role")
			}
			wantRedirect(t, h.Page("POST", page+"/roller/fjern", tok[adminA], give), page)
			if roleHeld(h, fx.EmployeeA.ID, leaderOfA2) {
				t.Fatal("role not taken")
			}
			// Sending the removal twice (back button, double click) is harmless.
			wantRedirect(t, h.Page("POST", page+"/roller/fjern", tok[adminA], give), page)
		})
		t.Run("Leader", func(t *testing.T) {
			// A unit leader adds someone of the municipality to their own unit.
			other := "/admin/brukere/" + fx.EmployeeA2.ID
			employeeOfA := people.Role{Role: people.Employee, UnitID: fx.UnitA.ID}
			wantRedirect(t, h.Page("POST", other+"/roller", tok[leaderA], url.Values{"role": {ui.RoleValue(employeeOfA)}}), other)
			if !roleHeld(h, fx.EmployeeA2.ID, employeeOfA) {
				t.Error("leader could not add an employee")
			}
		})
	})
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestPageAdminDeactivate: a municipality administrator deactivates a person, whose
// sessions end at once, and activates them again.
func TestPageAdminDeactivate(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		page := "/admin/brukere/" + fx.EmployeeA.ID
		active := func() bool {
			u, err := h.DB.GetUser(t.Context(), fx.EmployeeA.ID)
			if err != nil {
				t.Fatal(err)
			}
			return u.Active
		}
		for _, who := range []actorKey{adminB, leaderA, employeeA, employeeB, plain} {
			wantHidden(t, h.Page("POST", page+"/deaktiver", tok[who], url.Values{}))
		}
		if !active() {
			t.Fatal("a refused form deactivated the person")
		}
		if res := h.Page("GET", page, tok[leaderA], nil); strings.Contains(string(res.Body), "/deaktiver") {
			t.Error("the leader is offered deactivation")
		}
		if res := h.Page("POST", "/admin/brukere/"+fx.AdminA.ID+"/deaktiver", tok[adminA], url.Values{}); res.Status != http.StatusConflict {
			t.Errorf("deactivating oneself = %d, want 409", res.Status)
		}
		wantRedirect(t, h.Page("POST", page+"/deaktiver", tok[adminA], url.Values{}), page)
		if active() {
			t.Fatal("not deactivated")
		}
		if res := h.Page("GET", "/", tok[employeeA], nil); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" {
			t.Errorf("the deactivated person's session still works: %d", res.Status)
		}
		res := h.Page("GET", page, tok[adminA], nil)
		if !strings.Contains(string(res.Body), h.NBText("admin.user.inactive")) || !strings.Contains(string(res.Body), page+"/aktiver") {
			t.Error("the page does not show the person as deactivated with a way back")
		}
		wantHidden(t, h.Page("POST", page+"/aktiver", tok[adminB], url.Values{}))
		if active() {
			t.Fatal("admin B activated the person")
		}
		wantRedirect(t, h.Page("POST", page+"/aktiver", tok[adminA], url.Values{}), page)
		if !active() {
			t.Fatal("not activated")
		}
	})
}

// TestPageAdminUnitStaff: a unit leader adds people of the municipality to the unit
// and removes employees; only administrators may invite new people.
func TestPageAdminUnitStaff(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		unit := "/admin/enheter/" + fx.UnitA.ID
		employee := people.Role{Role: people.Employee, UnitID: fx.UnitA.ID}
		invite := url.Values{"email": {"vikar@skien.no"}, "name": {"Vera Vikar"}}
		before := countsOf(h)
		t.Run("Hidden", func(t *testing.T) {
			for _, who := range []actorKey{adminB, employeeA, employeeB, plain} {
				wantHidden(t, h.Page("POST", unit+"/ansatte", tok[who], url.Values{"user_id": {fx.EmployeeA2.ID}}))
				wantHidden(t, h.Page("POST", unit+"/ansatte", tok[who], invite))
				wantHidden(t, h.Page("POST", unit+"/ansatte/fjern", tok[who], url.Values{"user_id": {fx.EmployeeA.ID}}))
			}
			// Leaders add people; creating them is for administrators.
			wantHidden(t, h.Page("POST", unit+"/ansatte", tok[leaderA], invite))
			// A leader of another unit manages nothing here.
			wantHidden(t, h.Page("POST", "/admin/enheter/"+fx.UnitA2.ID+"/ansatte", tok[leaderA], url.Values{"user_id": {fx.EmployeeA.ID}}))
			if res := h.Page("POST", unit+"/ansatte", "", invite); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" {
				t.Errorf("anonymous: %d to %q", res.Status, res.Header.Get("Location"))
			}
		})
		t.Run("Invalid", func(t *testing.T) {
			h.WantFieldError(t, h.Page("POST", unit+"/ansatte", tok[leaderA], url.Values{"user_id": {""}}), "staff-existing-user-id", "required")
			h.WantFieldError(t, h.Page("POST", unit+"/ansatte", tok[leaderA], url.Values{"user_id": {fx.EmployeeB.ID}}), "staff-existing-user-id", "not_found")
			h.WantFieldError(t, h.Page("POST", unit+"/ansatte", tok[adminA], url.Values{"email": {"vikar@skien"}, "name": {"Vera Vikar"}}), "staff-new-email", "format")
		})
		if after := countsOf(h); after != before || roleHeld(h, fx.EmployeeA2.ID, employee) {
			t.Fatalf("refused and failed forms changed the database: %v, then %v", before, after)
		}
		t.Run("OK", func(t *testing.T) {
			wantRedirect(t, h.Page("POST", unit+"/ansatte", tok[leaderA], url.Values{"user_id": {fx.EmployeeA2.ID}}), unit)
			if !roleHeld(h, fx.EmployeeA2.ID, employee) {
				t.Error("existing person not added")
			}
			wantRedirect(t, h.Page("POST", unit+"/ansatte", tok[adminA], invite), unit)
			c, err := h.DB.GetCredentials(t.Context(), "vikar@skien.no")
			if err != nil {
				t.Fatal(err)
			}
			if !roleHeld(h, c.UserID, employee) {
				t.Error("new person not added as employee")
			}
			doc := adminDoc(t, h.Page("GET", unit, tok[leaderA], nil))
			staff := doc.Find("tbody th").Text()
			for _, name := range []string{"Rita Rektor", "Lars Lærer", "Hege Helse", "Vera Vikar"} {
				if !strings.Contains(staff, name) {
					t.Errorf("staff list lacks %s: %q", name, staff)
				}
			}
			wantRedirect(t, h.Page("POST", unit+"/ansatte/fjern", tok[leaderA], url.Values{"user_id": {fx.EmployeeA.ID}}), unit)
			if roleHeld(h, fx.EmployeeA.ID, employee) {
				t.Error("employee not removed")
			}
		})
	})
}

// TestOwnRolesUnchangeable: nobody gives or takes their own roles, so an
// administrator cannot make themselves a unit leader and read the unit's logs. The
// pages offer no such change; another administrator can make it.
func TestOwnRolesUnchangeable(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok, o := h.Fx, tokens(h), logOps{t, h}
		id := o.activeLog(tok[employeeA], fx.UnitA.ID, "Ola Nordmann", fx.Plain.ID, fx.UnitA.ID)
		leaderOfA := people.Role{Role: people.UnitLeader, UnitID: fx.UnitA.ID}
		own := "/admin/brukere/" + fx.AdminA.ID

		res := h.Do("POST", "/api/v1/users/"+fx.AdminA.ID+"/roles", tok[adminA], map[string]any{"role": "unit_leader", "unit_id": fx.UnitA.ID})
		if code, _ := res.ErrorCode(t); res.Status != http.StatusForbidden || code != "forbidden" {
			t.Errorf("own role through the API = %d %s, want 403", res.Status, res.Body)
		}
		// The administration pages answer a refusal as not found, as they always do.
		wantHidden(t, h.Page("POST", own+"/roller", tok[adminA], url.Values{"role": {ui.RoleValue(leaderOfA)}}))
		h.WantFieldError(t, h.Page("POST", "/admin/enheter/"+fx.UnitA.ID+"/ansatte", tok[leaderA], url.Values{"user_id": {fx.LeaderA.ID}}),
			"staff-existing-user-id", "not_allowed")
		wantHidden(t, h.Page("POST", own+"/roller/fjern", tok[adminA], url.Values{"role": {"municipality_admin:" + fx.A.ID}}))
		if roleHeld(h, fx.AdminA.ID, leaderOfA) || !roleHeld(h, fx.AdminA.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.A.ID}) {
			t.Fatal("refused changes changed the administrator's roles")
		}
		if res := h.Do("GET", "/api/v1/logs/"+id, tok[adminA], nil); res.Status != http.StatusNotFound {
			t.Errorf("the administrator reads the log: %d", res.Status)
		}

		// The pages offer nothing of the kind.
		doc := adminDoc(t, h.Page("GET", own, tok[adminA], nil))
		if doc.Find("#role-role").Length() != 0 || doc.Find(`form[action="`+own+`/roller/fjern"]`).Length() != 0 ||
			!strings.Contains(flat(doc.Find("#h-roles").Parent().Text()), "Du kan ikke endre dine egne roller.") {
			t.Errorf("own page offers role changes: %q", flat(doc.Find("main").Text()))
		}
		for _, page := range []string{"/admin/enheter/" + fx.UnitA.ID, "/admin/kommuner/" + fx.A.ID} {
			doc := adminDoc(t, h.Page("GET", page, tok[adminA], nil))
			if doc.Find(`option[value="`+fx.AdminA.ID+`"]`).Length() != 0 {
				t.Errorf("%s offers the administrator themselves", page)
			}
		}

		// Another administrator can make the same person a leader too; then they read
		// the log as the unit's leader.
		if res := h.Do("POST", "/api/v1/users/"+fx.AdminA.ID+"/roles", tok[sysAdmin], map[string]any{"role": "unit_leader", "unit_id": fx.UnitA.ID}); res.Status != http.StatusCreated {
			t.Fatalf("role given by another administrator = %d %s", res.Status, res.Body)
		}
		if res := h.Do("GET", "/api/v1/logs/"+id, tok[adminA], nil); res.Status != http.StatusOK {
			t.Errorf("the new leader reads the log: %d", res.Status)
		}
	})
}
