package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

// TestSignInNextStaysOnSite sends the sign-in and language forms a "neste" that
// browsers would read as another site; both go home instead.
func TestSignInNextStaysOnSite(t *testing.T) {
	h := webtest.New(t, storetest.DSN(t, "sqlite"))
	for _, next := range []string{"/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/\n/evil.example"} {
		for _, c := range []struct{ path, form string }{
			{"/innlogging", url.Values{"email": {h.Fx.EmployeeA.Email}, "password": {webtest.Password}, "neste": {next}}.Encode()},
			{"/sprak", url.Values{"lang": {"nn"}, "neste": {next}}.Encode()},
		} {
			req := httptest.NewRequest("POST", c.path, strings.NewReader(c.form))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res := h.Serve(req)
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/" {
				t.Errorf("%s with neste %q: %d to %q, want 303 to /", c.path, next, res.Status, res.Header.Get("Location"))
			}
		}
	}
}
