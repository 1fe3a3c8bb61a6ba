package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"stafett/internal/web/i18n"
)

// page requests path as the holder of token through the browser route: session
// cookie, same-origin form posts.
func (h *harness) page(method, path, token string, form url.Values) *response {
	h.t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	return h.serve(req)
}

// TestLogPages walks an undring through the pages: open it, see it, write in it,
// fail a form, and check that someone outside sees none of it.
func TestLogPages(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		fx := h.fx
		holder, outsider := h.login(fx.EmployeeA), h.login(fx.EmployeeB)
		res := h.page("GET", "/", "", nil)
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/innlogging" {
			t.Fatalf("anonymous overview = %d %s", res.status, res.header.Get("Location"))
		}
		if res = h.page("GET", "/logg/ny", outsider, nil); res.status != 200 || !strings.Contains(string(res.body), "Vestsiden skole") {
			t.Fatalf("undring form = %d", res.status)
		}
		// A failed form shows the messages by the fields and writes nothing.
		res = h.page("POST", "/logg", holder, url.Values{"unit_id": {fx.UnitA.ID}, "initials": {"ON"}})
		body := string(res.body)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="undring-birth-date-error"`) ||
			!strings.Contains(body, "Fyll ut dette feltet.") || !strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("failed undring form = %d\n%s", res.status, body)
		}
		res = h.page("POST", "/logg", holder, url.Values{"unit_id": {fx.UnitA.ID}, "name": {"Ola Nordmann"},
			"birth_date": {"2017-03-14"}, "concern": {"Ola virker sliten."}})
		loc := res.header.Get("Location")
		if res.status != http.StatusSeeOther || !regexp.MustCompile(`^/logg/[0-9a-f]{32}$`).MatchString(loc) {
			t.Fatalf("create = %d %q", res.status, loc)
		}
		res = h.page("GET", loc, holder, nil)
		body = string(res.body)
		for _, want := range []string{"Ola Nordmann", "Ola virker sliten.", "Beslutning om undringen", "7. desember 2026 kl. 10.00", "Undring: Noen har sett"} {
			if !strings.Contains(body, want) {
				t.Errorf("log page lacks %q", want)
			}
		}
		if res.header.Get("Cache-Control") != "no-store" {
			t.Errorf("log page Cache-Control = %q", res.header.Get("Cache-Control"))
		}
		// Nobody outside the undring learns anything: same page as for no log at all.
		for _, p := range []string{loc, loc + "/utskrift", loc + "/tilgangslogg"} {
			res = h.page("GET", p, outsider, nil)
			other := strings.Replace(p, loc, "/logg/00000000000000000000000000000000", 1)
			missing := h.page("GET", other, outsider, nil)
			same := strings.ReplaceAll(string(missing.body), other, p) == string(res.body)
			if res.status != http.StatusNotFound || !same || strings.Contains(string(res.body), "Ola") {
				t.Errorf("outsider GET %s = %d", p, res.status)
			}
		}
		res = h.page("POST", loc+"/innslag", outsider, url.Values{"kind": {"note"}, "text": {"x"}})
		if res.status != http.StatusNotFound {
			t.Errorf("outsider note = %d", res.status)
		}
		// The holder writes a note; it is in the log and in the access log.
		res = h.page("POST", loc+"/innslag", holder, url.Values{"kind": {"note"}, "text": {"Samtale med mor avtalt."}})
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), loc+"#innslag-") {
			t.Fatalf("note = %d %s", res.status, res.body)
		}
		if body = string(h.page("GET", loc, holder, nil).body); !strings.Contains(body, "Samtale med mor avtalt.") {
			t.Error("note not shown")
		}
		if body = string(h.page("GET", loc+"/tilgangslogg", holder, nil).body); !strings.Contains(body, "skrev i loggen") || !strings.Contains(body, "Lars Lærer") {
			t.Error("access log page lacks the note")
		}
		// Deciding without choosing names the field, in the chosen language.
		h.page("POST", "/sprak", holder, url.Values{"lang": {"en"}, "neste": {loc}})
		res = h.page("POST", loc+"/undring", holder, url.Values{"text": {"?"}})
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(string(res.body), "Please fill in this field.") {
			t.Errorf("undring decision without outcome = %d", res.status)
		}
	})
}

// TestCatalogCoversTemplates checks that every text key the templates name exists
// in all three languages.
func TestCatalogCoversTemplates(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`\.(T|N) "([a-z0-9_.]+)"`)
	err = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(templateFS, p)
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			keys := []string{m[2]}
			if m[1] == "N" {
				keys = []string{m[2] + ".one", m[2] + ".other"}
			}
			for _, k := range keys {
				if !c.Has(k) {
					t.Errorf("%s uses %q, which the catalog lacks", p, k)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
