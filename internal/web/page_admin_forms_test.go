package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// TestPageAdminMunicipalityCreate: the system administrator creates a municipality;
// no one else can, and a failed form writes nothing.
func TestPageAdminMunicipalityCreate(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok := tokens(h)
		form := url.Values{"number": {"5501"}, "name": {"Tromsø"}, "consent_age": {"16"}}
		before := countsOf(h)
		t.Run("Hidden", func(t *testing.T) {
			for _, who := range []actorKey{adminA, leaderA, employeeA, plain} {
				wantHidden(t, h.Page("POST", "/admin/kommuner", tok[who], form))
			}
			if res := h.Page("POST", "/admin/kommuner", "", form); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" {
				t.Errorf("anonymous: %d to %q", res.Status, res.Header.Get("Location"))
			}
		})
		t.Run("Invalid", func(t *testing.T) {
			res := h.Page("POST", "/admin/kommuner", tok[sysAdmin], url.Values{"number": {"55"}, "name": {" "}, "consent_age": {"15"}})
			h.WantFieldError(t, res, "municipality-number", "municipality.number.format")
			h.WantFieldError(t, res, "municipality-name", "required")
			if !strings.Contains(string(res.Body), `value="55"`) {
				t.Error("the number sent is not shown again")
			}
			h.WantFieldError(t, h.Page("POST", "/admin/kommuner", tok[sysAdmin], url.Values{"number": {"5501"}, "name": {"Tromsø"}, "consent_age": {"tolv"}}), "municipality-consent-age", "format")
			h.WantFieldError(t, h.Page("POST", "/admin/kommuner", tok[sysAdmin], url.Values{"number": {"5501"}, "name": {"Tromsø"}, "consent_age": {"30"}}), "municipality-consent-age", "range")
			h.WantFieldError(t, h.Page("POST", "/admin/kommuner", tok[sysAdmin], url.Values{"number": {h.Fx.A.Number}, "name": {"Kopi"}}), "municipality-number", "taken")
		})
		if after := countsOf(h); after != before {
			t.Fatalf("refused and failed forms changed the database: %v, then %v", before, after)
		}
		t.Run("OK", func(t *testing.T) {
			res := h.Page("POST", "/admin/kommuner", tok[sysAdmin], form)
			m, err := h.DB.GetMunicipalityByNumber(t.Context(), "5501")
			if err != nil {
				t.Fatal(err)
			}
			if m.Name != "Tromsø" || m.ConsentAge != 16 {
				t.Errorf("created %+v", m)
			}
			wantRedirect(t, res, "/admin/kommuner/"+m.ID)
			// The confirmation shows once on the page redirected to.
			req := webtest.NewRequest("GET", "/admin/kommuner/"+m.ID)
			req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: tok[sysAdmin]})
			req.AddCookie(&http.Cookie{Name: ui.FlashCookie, Value: "admin.municipality_created"})
			page := h.Serve(req)
			if page.Status != http.StatusOK || !strings.Contains(string(page.Body), h.NBText("flash.admin.municipality_created")) {
				t.Errorf("municipality page after creation = %d without the confirmation", page.Status)
			}
		})
	})
}

// TestPageAdminMunicipalityAdmin: a municipality gets an administrator, new or
// picked among its people.
func TestPageAdminMunicipalityAdmin(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		target := "/admin/kommuner/" + fx.B.ID + "/administratorer"
		invite := url.Values{"email": {"ny.admin@porsgrunn.no"}, "name": {"Nina Ny"}, "national_id": {"01010112345"}}
		before := countsOf(h)
		t.Run("Hidden", func(t *testing.T) {
			for _, who := range []actorKey{adminA, leaderA, employeeB, plain} {
				wantHidden(t, h.Page("POST", target, tok[who], invite))
				wantHidden(t, h.Page("POST", target, tok[who], url.Values{"user_id": {fx.EmployeeB.ID}}))
			}
			if _, err := h.DB.GetCredentials(t.Context(), "ny.admin@porsgrunn.no"); err == nil {
				t.Error("a refused invitation created the user")
			}
			if roleHeld(h, fx.EmployeeB.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.B.ID}) {
				t.Error("a refused form gave the role")
			}
		})
		t.Run("Invalid", func(t *testing.T) {
			res := h.Page("POST", target, tok[sysAdmin], url.Values{"email": {"ikke-en-adresse"}, "name": {""}, "national_id": {"123"}})
			h.WantFieldError(t, res, "admin-new-email", "format")
			h.WantFieldError(t, res, "admin-new-name", "required")
			h.WantFieldError(t, res, "admin-new-national-id", "format")
			h.WantFieldError(t, h.Page("POST", target, tok[sysAdmin], url.Values{"email": {fx.EmployeeA.Email}, "name": {"Kopi"}}), "admin-new-email", "taken")
			h.WantFieldError(t, h.Page("POST", target, tok[adminB], url.Values{"user_id": {""}}), "admin-existing-user-id", "required")
			// Someone of another municipality is not among those admin B may pick.
			h.WantFieldError(t, h.Page("POST", target, tok[adminB], url.Values{"user_id": {fx.EmployeeA.ID}}), "admin-existing-user-id", "not_found")
			res = h.Page("POST", target, tok[sysAdmin], url.Values{"user_id": {fx.AdminB.ID}})
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), h.NBText("admin.role_exists")) {
				t.Errorf("existing administrator again = %d", res.Status)
			}
			// Nobody changes their own roles.
			h.WantFieldError(t, h.Page("POST", target, tok[adminB], url.Values{"user_id": {fx.AdminB.ID}}), "admin-existing-user-id", "not_allowed")
		})
		if after := countsOf(h); after != before {
			t.Fatalf("refused and failed forms changed the database: %v, then %v", before, after)
		}
		t.Run("New", func(t *testing.T) {
			wantRedirect(t, h.Page("POST", target, tok[sysAdmin], invite), "/admin/kommuner/"+fx.B.ID)
			c, err := h.DB.GetCredentials(t.Context(), "ny.admin@porsgrunn.no")
			if err != nil {
				t.Fatal(err)
			}
			if c.PasswordHash != "" || !c.Active {
				t.Errorf("invited user: password set %v, active %v", c.PasswordHash != "", c.Active)
			}
			if !roleHeld(h, c.UserID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.B.ID}) {
				t.Error("the new person is not administrator of B")
			}
			u, err := h.DB.GetUser(t.Context(), c.UserID)
			if err != nil || u.HomeMunicipalityID != fx.B.ID || u.NationalID != "01010112345" {
				t.Errorf("new user %+v, %v", u, err)
			}
		})
		t.Run("Existing", func(t *testing.T) {
			wantRedirect(t, h.Page("POST", target, tok[adminB], url.Values{"user_id": {fx.EmployeeB.ID}}), "/admin/kommuner/"+fx.B.ID)
			if !roleHeld(h, fx.EmployeeB.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.B.ID}) {
				t.Error("the person picked is not administrator of B")
			}
			if res := h.Page("GET", "/admin/kommuner/"+fx.B.ID, tok[sysAdmin], nil); !strings.Contains(string(res.Body), "Nina Ny") || !strings.Contains(string(res.Body), "Pia Lærer") {
				t.Error("the municipality page does not list the new administrators")
			}
		})
	})
}

// TestPageAdminUnitCreate: a municipality administrator adds units to their own
// municipality only.
func TestPageAdminUnitCreate(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		target := "/admin/kommuner/" + fx.A.ID + "/enheter"
		form := url.Values{"name": {"Solsida barnehage"}, "kind": {"kindergarten"}}
		before := countsOf(h)
		for _, who := range []actorKey{adminB, leaderA, employeeA, plain} {
			wantHidden(t, h.Page("POST", target, tok[who], form))
		}
		res := h.Page("POST", target, tok[adminA], url.Values{"name": {""}, "kind": {"slott"}})
		h.WantFieldError(t, res, "unit-name", "required")
		h.WantFieldError(t, res, "unit-kind", "invalid")
		h.WantFieldError(t, h.Page("POST", target, tok[adminA], url.Values{"name": {"Uten type"}}), "unit-kind", "required")
		if after := countsOf(h); after != before {
			t.Fatalf("refused and failed forms changed the database: %v, then %v", before, after)
		}
		wantRedirect(t, h.Page("POST", target, tok[adminA], form), target)
		units, err := h.DB.ListUnits(t.Context(), fx.A.ID)
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, u := range units {
			found = found || (u.Name == "Solsida barnehage" && u.Kind == org.Kindergarten)
		}
		if !found {
			t.Errorf("unit not created: %+v", units)
		}
		doc := adminDoc(t, h.Page("GET", target, tok[adminA], nil))
		if row := doc.Find("tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "Solsida barnehage")
		}); !strings.Contains(row.Text(), "Barnehage") {
			t.Errorf("the list does not show the unit with its kind in Norwegian: %q", row.Text())
		}
	})
}

// TestPageAdminUserCreate: a municipality administrator invites a person, who gets
// no password and is taken to their page to be given a role.
func TestPageAdminUserCreate(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		target := "/admin/kommuner/" + fx.A.ID + "/brukere"
		form := url.Values{"email": {" Ny.Laerer@Skien.no "}, "name": {"Nils Ny"}, "password": {"ignoreres-helt"}}
		before := countsOf(h)
		for _, who := range []actorKey{adminB, leaderA, employeeA, plain} {
			wantHidden(t, h.Page("POST", target, tok[who], form))
		}
		h.WantFieldError(t, h.Page("POST", target, tok[adminA], url.Values{"email": {fx.LeaderA.Email}, "name": {"Kopi"}}), "user-email", "taken")
		res := h.Page("POST", target, tok[adminA], url.Values{"email": {""}, "name": {"Nils Ny"}, "national_id": {"1234567890x"}})
		h.WantFieldError(t, res, "user-email", "required")
		h.WantFieldError(t, res, "user-national-id", "format")
		if !strings.Contains(string(res.Body), `value="Nils Ny"`) {
			t.Error("the name sent is not shown again")
		}
		if after := countsOf(h); after != before {
			t.Fatalf("refused and failed forms changed the database: %v, then %v", before, after)
		}
		res = h.Page("POST", target, tok[adminA], form)
		c, err := h.DB.GetCredentials(t.Context(), "ny.laerer@skien.no")
		if err != nil {
			t.Fatal(err)
		}
		wantRedirect(t, res, "/admin/brukere/"+c.UserID)
		if !regexp.MustCompile(`^/admin/brukere/[0-9a-f]{32}$`).MatchString(res.Header.Get("Location")) {
			t.Errorf("redirect %q is not to a random ID", res.Header.Get("Location"))
		}
		if c.PasswordHash != "" {
			t.Error("an invited person got a password")
		}
		if after := countsOf(h); after.usersA != before.usersA+1 {
			t.Errorf("users of A: %d, then %d", before.usersA, after.usersA)
		}
	})
}
