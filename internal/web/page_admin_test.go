package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"stafett/internal/people"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// wantRedirect checks a successful form: 303 to target with a confirmation.
func wantRedirect(t *testing.T, res *webtest.Response, target string) {
	t.Helper()
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != target {
		t.Fatalf("answer = %d to %q, want 303 to %q\n%s", res.Status, res.Header.Get("Location"), target, res.Body)
	}
	if !strings.Contains(res.Header.Get("Set-Cookie"), ui.FlashCookie+"=admin.") {
		t.Errorf("no confirmation: Set-Cookie %q", res.Header.Get("Set-Cookie"))
	}
}

// wantHidden checks that a page or action answers 404 without naming what it hides.
func wantHidden(t *testing.T, res *webtest.Response, hidden ...string) {
	t.Helper()
	if res.Status != http.StatusNotFound {
		t.Fatalf("status = %d, want 404\n%s", res.Status, res.Body)
	}
	for _, s := range hidden {
		if bytes.Contains(res.Body, []byte(s)) {
			t.Errorf("404 page shows %q", s)
		}
	}
}

// TestPageAdminAccess checks every administration page for every kind of person:
// those who administer it see it, everyone else gets 404, anonymous visitors are
// sent to sign in.
func TestPageAdminAccess(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		employeeA2 := h.Login(fx.EmployeeA2)
		names := map[actorKey]string{sysAdmin: fx.SysAdmin.Name, adminA: fx.AdminA.Name, adminB: fx.AdminB.Name,
			leaderA: fx.LeaderA.Name, employeeA: fx.EmployeeA.Name, employeeB: fx.EmployeeB.Name, plain: fx.Plain.Name}
		type seen struct {
			who       actorKey
			want, not []string // what the page must and must not show to who
		}
		pages := []struct {
			name, path string
			allowed    []seen // everyone else gets 404 and none of what these see
		}{
			{"Home", "/admin", []seen{
				{sysAdmin, []string{`href="/admin/kommuner"`}, nil},
				{adminA, []string{"Skien", `href="/admin/kommuner/` + fx.A.ID + `/brukere"`}, []string{"Porsgrunn", `href="/admin/kommuner"`}},
				{adminB, []string{"Porsgrunn"}, []string{"Skien"}},
				{leaderA, []string{"Myren skole", `href="/admin/enheter/` + fx.UnitA.ID + `"`}, []string{"/admin/kommuner"}}}},
			{"Municipalities", "/admin/kommuner", []seen{{sysAdmin, []string{"Skien", "Porsgrunn", "4003"}, nil}}},
			{"Municipality", "/admin/kommuner/" + fx.A.ID, []seen{
				{sysAdmin, []string{"Skien", "Anne Admin"}, []string{"Bernt Admin"}},
				{adminA, []string{"4003", "Anne Admin", "Lars Lærer"}, []string{"Bernt Admin", "Pia Lærer"}}}},
			{"Units", "/admin/kommuner/" + fx.A.ID + "/enheter", []seen{
				{sysAdmin, []string{"Myren skole"}, []string{"Vestsiden skole"}},
				{adminA, []string{"Myren skole", "Helsestasjonen", "Skole"}, []string{"Vestsiden skole"}}}},
			{"Users", "/admin/kommuner/" + fx.A.ID + "/brukere", []seen{
				{sysAdmin, []string{"Lars Lærer"}, nil},
				{adminA, []string{"Lars Lærer", "larer@skien.no", "Ansatt – Myren skole", "Enhetsleder – Myren skole"}, []string{"Pia Lærer", "Frida Forelder"}}}},
			{"User", "/admin/brukere/" + fx.EmployeeA.ID, []seen{
				{sysAdmin, []string{"Lars Lærer"}, nil},
				{adminA, []string{"larer@skien.no", "Ansatt – Myren skole", "/deaktiver"}, nil},
				{leaderA, []string{"larer@skien.no", "Ansatt – Myren skole"}, []string{"/deaktiver", "unit_leader:"}}}},
			{"Unit", "/admin/enheter/" + fx.UnitA.ID, []seen{
				{sysAdmin, []string{"Myren skole"}, nil},
				{adminA, []string{"Rita Rektor", "Lars Lærer", "staff-new-email"}, []string{"Pia Lærer"}},
				{leaderA, []string{"Myren skole", "Lars Lærer", "Hege Helse"}, []string{"Pia Lærer", "staff-new-email"}}}},
			{"UnitOfOtherLeader", "/admin/enheter/" + fx.UnitA2.ID, []seen{
				{sysAdmin, []string{"Helsestasjonen"}, nil},
				{adminA, []string{"Helsestasjonen", "Hege Helse"}, nil}}},
			{"NoSuchMunicipality", "/admin/kommuner/" + unknownID(t), nil},
			{"NoSuchUser", "/admin/brukere/" + unknownID(t), nil},
			{"NoSuchUnit", "/admin/enheter/" + unknownID(t), nil},
		}
		for _, pg := range pages {
			t.Run(pg.name, func(t *testing.T) {
				allowed := map[actorKey]bool{}
				for _, a := range pg.allowed {
					allowed[a.who] = true
					res := h.Page("GET", pg.path, tok[a.who], nil)
					if res.Status != http.StatusOK {
						t.Fatalf("%s: status %d, want 200", a.who, res.Status)
					}
					for _, s := range a.want {
						if !bytes.Contains(res.Body, []byte(s)) {
							t.Errorf("%s: page lacks %q", a.who, s)
						}
					}
					for _, s := range a.not {
						if bytes.Contains(res.Body, []byte(s)) {
							t.Errorf("%s: page shows %q", a.who, s)
						}
					}
				}
				for _, who := range []actorKey{sysAdmin, adminA, adminB, leaderA, employeeA, employeeB, plain} {
					if allowed[who] {
						continue
					}
					var hidden []string // what the page shows, except the visitor's own name in the header
					for _, a := range pg.allowed {
						for _, s := range a.want {
							if s != names[who] {
								hidden = append(hidden, s)
							}
						}
					}
					t.Run(string(who), func(t *testing.T) { wantHidden(t, h.Page("GET", pg.path, tok[who], nil), hidden...) })
				}
				t.Run("Employee", func(t *testing.T) { wantHidden(t, h.Page("GET", pg.path, employeeA2, nil)) })
				res := h.Page("GET", pg.path, "", nil)
				if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging?neste="+url.QueryEscape(pg.path) {
					t.Errorf("anonymous: %d to %q, want 303 to sign-in", res.Status, res.Header.Get("Location"))
				}
			})
		}
	})
}

// catalogKey matches a catalog key shown instead of its text.
var catalogKey = regexp.MustCompile(`[>\s](admin|field|label|flash|error)\.[a-z_]+[a-z_.]*`)

// TestPageAdminLanguages renders every administration page, and a failed form, in
// each language: no text may be missing from the catalogs.
func TestPageAdminLanguages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, sys := h.Fx, h.Login(h.Fx.SysAdmin)
		paths := []string{"/admin", "/admin/kommuner", "/admin/kommuner/" + fx.A.ID, "/admin/kommuner/" + fx.A.ID + "/enheter",
			"/admin/kommuner/" + fx.A.ID + "/brukere", "/admin/brukere/" + fx.EmployeeA.ID, "/admin/enheter/" + fx.UnitA.ID}
		for _, lang := range []string{"nb", "nn", "en"} {
			if err := h.DB.SetUserLanguage(t.Context(), fx.SysAdmin.ID, lang); err != nil {
				t.Fatal(err)
			}
			responses := []*webtest.Response{h.Page("POST", "/admin/kommuner/"+fx.A.ID+"/enheter", sys, url.Values{"name": {""}, "kind": {"slott"}})}
			for _, p := range paths {
				responses = append(responses, h.Page("GET", p, sys, nil))
			}
			for i, res := range responses {
				if res.Status != http.StatusOK && res.Status != http.StatusUnprocessableEntity {
					t.Fatalf("%s %d: status %d", lang, i, res.Status)
				}
				if k := catalogKey.Find(res.Body); k != nil {
					t.Errorf("%s %d: catalog key %q shows as itself", lang, i, k)
				}
				if !bytes.Contains(res.Body, []byte(`<html lang="`+lang+`"`)) {
					t.Errorf("%s %d: page is not in %s", lang, i, lang)
				}
			}
		}
	})
}

// roleHeld reports whether user uid holds role r.
func roleHeld(h *webtest.Harness, uid string, r people.Role) bool {
	h.T.Helper()
	roles, err := h.DB.ListRoles(h.T.Context(), uid)
	if err != nil {
		h.T.Fatal(err)
	}
	for _, x := range roles {
		if x.Role == r.Role && x.UnitID == r.UnitID && (r.MunicipalityID == "" || x.MunicipalityID == r.MunicipalityID) {
			return true
		}
	}
	return false
}
