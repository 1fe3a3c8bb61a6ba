package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestLogPages walks an undring through the pages: open it, see it, write in it,
// fail a form, and check that someone outside sees none of it.
func TestLogPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		holder, outsider := h.Login(fx.EmployeeA), h.Login(fx.EmployeeB)
		res := h.Page("GET", "/", "", nil)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" {
			t.Fatalf("anonymous overview = %d %s", res.Status, res.Header.Get("Location"))
		}
		if res = h.Page("GET", "/logg/ny", outsider, nil); res.Status != 200 || !strings.Contains(string(res.Body), "Vestsiden skole") {
			t.Fatalf("undring form = %d", res.Status)
		}
		// A failed form shows the messages by the fields and writes nothing.
		res = h.Page("POST", "/logg", holder, url.Values{"unit_id": {fx.UnitA.ID}, "initials": {"ON"}})
		body := string(res.Body)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="undring-birth-date-error"`) ||
			!strings.Contains(body, "Skriv barnets fødselsdato.") || !strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("failed undring form = %d\n%s", res.Status, body)
		}
		res = h.Page("POST", "/logg", holder, url.Values{"unit_id": {fx.UnitA.ID}, "name": {"Ola Nordmann"},
			"birth_date": {"2017-03-14"}, "concern": {"Ola virker sliten."}})
		loc := res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !regexp.MustCompile(`^/logg/[0-9a-f]{32}$`).MatchString(loc) {
			t.Fatalf("create = %d %q", res.Status, loc)
		}
		res = h.Page("GET", loc, holder, nil)
		body = string(res.Body)
		for _, want := range []string{"Ola Nordmann", "Ola virker sliten.", "Beslutning om undringen", "7. desember 2026 kl. 10.00", "Undring: Noen har sett"} {
			if !strings.Contains(body, want) {
				t.Errorf("log page lacks %q", want)
			}
		}
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("log page Cache-Control = %q", res.Header.Get("Cache-Control"))
		}
		// Nobody outside the undring learns anything: same page as for no log at all.
		for _, p := range []string{loc, loc + "/utskrift", loc + "/tilgangslogg"} {
			res = h.Page("GET", p, outsider, nil)
			other := strings.Replace(p, loc, "/logg/00000000000000000000000000000000", 1)
			missing := h.Page("GET", other, outsider, nil)
			same := strings.ReplaceAll(string(missing.Body), other, p) == string(res.Body)
			if res.Status != http.StatusNotFound || !same || strings.Contains(string(res.Body), "Ola") {
				t.Errorf("outsider GET %s = %d", p, res.Status)
			}
		}
		res = h.Page("POST", loc+"/innslag", outsider, url.Values{"kind": {"note"}, "text": {"x"}})
		if res.Status != http.StatusNotFound {
			t.Errorf("outsider note = %d", res.Status)
		}
		// The holder writes a note; it is in the log and in the access log.
		res = h.Page("POST", loc+"/innslag", holder, url.Values{"kind": {"note"}, "text": {"Samtale med mor avtalt."}})
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), loc+"#innslag-") {
			t.Fatalf("note = %d %s", res.Status, res.Body)
		}
		if body = string(h.Page("GET", loc, holder, nil).Body); !strings.Contains(body, "Samtale med mor avtalt.") {
			t.Error("note not shown")
		}
		if body = string(h.Page("GET", loc+"/tilgangslogg", holder, nil).Body); !strings.Contains(body, "skrev i loggen") || !strings.Contains(body, "Lars Lærer") {
			t.Error("access log page lacks the note")
		}
		// Deciding without choosing names the field, in the chosen language.
		h.Page("POST", "/sprak", holder, url.Values{"lang": {"en"}, "neste": {loc}})
		res = h.Page("POST", loc+"/undring", holder, url.Values{"text": {"?"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "Choose what you will do with the undring.") {
			t.Errorf("undring decision without outcome = %d", res.Status)
		}
	})
}
