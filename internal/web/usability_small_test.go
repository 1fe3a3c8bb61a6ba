package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestSmallWording checks the small things of issue 21, point 12: initials as
// people type them, the public footer, the guide's contents, unknown public pages
// and the administrator's start page.
func TestSmallWording(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		tok := h.Login(fx.EmployeeA)
		t.Run("InitialsWithDots", func(t *testing.T) {
			res := h.Page("POST", "/logg", tok, url.Values{"unit_id": {fx.UnitA.ID}, "initials": {"M.K."},
				"birth_date": {"2017-03-14"}, "concern": {"Sliten."}})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("undring with M.K. = %d\n%s", res.Status, res.Body)
			}
			doc := h.Page("GET", res.Header.Get("Location"), tok, nil).Doc(t)
			if got := strings.TrimSpace(doc.Find("h1").First().Text()); got != "MK" {
				t.Errorf("child shown as %q, want MK", got)
			}
		})
		t.Run("Footer", func(t *testing.T) {
			body := string(h.Page("GET", "/k/4003/veileder", "", nil).Body)
			if strings.Contains(body, "taushetsbelagte") || !strings.Contains(body, "bedre tverrfaglig innsats") {
				t.Errorf("public footer wording wrong")
			}
		})
		t.Run("GuideContentsNotNumbered", func(t *testing.T) {
			doc := h.Page("GET", "/k/4003/veileder", "", nil).Doc(t)
			if n := doc.Find(`nav[aria-labelledby="h-contents"] ol`).Length(); n != 0 {
				t.Errorf("the contents are a numbered list (%d), so they read 1. Nivå 0", n)
			}
			if n := doc.Find(`nav[aria-labelledby="h-contents"] ul li`).Length(); n != 4 {
				t.Errorf("contents list %d levels, want 4", n)
			}
		})
		t.Run("UnknownPublicPage", func(t *testing.T) {
			for _, p := range []string{"/k/0000/veileder", "/k/0000/tiltak", "/k/0000/veileder/niva/1"} {
				res := h.Page("GET", p, "", nil)
				if res.Status != http.StatusNotFound || res.Header.Get("Location") != "" || strings.Contains(string(res.Body), `action="/innlogging"`) {
					t.Errorf("GET %s = %d %q", p, res.Status, res.Header.Get("Location"))
				}
			}
		})
		t.Run("AdminStartPage", func(t *testing.T) {
			res := h.Page("GET", "/", h.Login(fx.AdminA), nil)
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin" {
				t.Errorf("admin overview = %d %q, want 303 /admin", res.Status, res.Header.Get("Location"))
			}
			// Staff and people without roles keep their overview.
			for _, u := range []string{tok, h.Login(fx.Plain), h.Login(fx.LeaderA)} {
				if res := h.Page("GET", "/", u, nil); res.Status != http.StatusOK {
					t.Errorf("overview = %d", res.Status)
				}
			}
		})
	})
}
