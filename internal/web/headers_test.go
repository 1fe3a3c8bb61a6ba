package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"stafett/internal/store/storetest"
	"stafett/internal/web/app"
	"stafett/internal/web/webtest"
)

// TestSecurityHeaders checks the headers of every kind of answer — API, pages,
// redirects, static files, errors of every sort and a panic — with an http and an
// https base URL.
func TestSecurityHeaders(t *testing.T) {
	const (
		noStore   = "no-store"
		immutable = "public, max-age=31536000, immutable"
		none      = "" // no Cache-Control at all
	)
	storetest.Each(t, func(t *testing.T, dsn string) {
		h := webtest.New(t, dsn)
		tok := h.Login(h.Fx.EmployeeA)
		static := h.Srv.StaticPrefix()
		cases := []struct {
			name   string
			method string
			path   string
			Body   string
			token  string
			mod    func(r *http.Request)
			Status int
			cache  string
		}{
			{"Healthz", "GET", "/healthz", "", "", nil, 200, none},
			{"MetricsNotPublic", "GET", "/metrics", "", "", nil, 404, noStore},
			{"APIMe", "GET", "/api/v1/me", "", tok, nil, 200, noStore},
			{"APILogs", "GET", "/api/v1/logs", "", tok, nil, 200, noStore},
			{"APIUnauthenticated", "GET", "/api/v1/me", "", "", nil, 401, noStore},
			{"APIBadToken", "GET", "/api/v1/me", "", "not-a-token", nil, 401, noStore},
			{"APINotFound", "GET", "/api/v1/logs/" + unknownID(t), "", tok, nil, 404, noStore},
			{"APIUnknownPath", "GET", "/api/v1/nothing-here", "", tok, nil, 404, noStore},
			{"APIWrongMethod", "PATCH", "/api/v1/logs", "", tok, nil, 404, noStore},
			{"APIMalformed", "POST", "/api/v1/logs", `{"unit_id":`, tok, nil, 400, noStore},
			{"APIValidation", "POST", "/api/v1/logs", `{}`, tok, nil, 422, noStore},
			{"APITooLarge", "POST", "/api/v1/logs", `{"concern":"` + strings.Repeat("x", 2<<20) + `"}`, tok, nil, 413, noStore},
			{"APISignInFailed", "POST", "/api/v1/session", `{"email":"ingen@x.no","password":"feil"}`, "", nil, 401, noStore},
			{"APICrossOrigin", "POST", "/api/v1/logs", `{}`, tok, func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }, 403, noStore},
			{"SignInPage", "GET", "/innlogging", "", "", nil, 200, noStore},
			{"SignInFailedPage", "POST", "/innlogging", "email=ingen%40x.no&password=feil", "", formType, 401, noStore},
			{"OverviewAnonymousRedirect", "GET", "/", "", "", nil, 303, noStore},
			{"Overview", "GET", "/", "", tok, cookie, 200, noStore},
			{"NewLogPage", "GET", "/logg/ny", "", tok, cookie, 200, noStore},
			{"LogPageNotFound", "GET", "/logg/" + unknownID(t), "", tok, cookie, 404, noStore},
			{"AdminHidden", "GET", "/admin/kommuner", "", tok, cookie, 404, noStore},
			{"PageUnknownPath", "GET", "/finnes/ikke", "", "", nil, 404, noStore},
			{"PageWrongMethod", "DELETE", "/innlogging", "", "", nil, 404, noStore},
			{"PageBadForm", "POST", "/sprak", "lang=%zz", "", formType, 400, noStore},
			{"PageCrossOrigin", "POST", "/innlogging", "email=a", "", func(r *http.Request) {
				formType(r)
				r.Header.Set("Origin", "https://evil.example")
				r.Header.Set("Sec-Fetch-Site", "cross-site")
			}, 403, noStore},
			{"Static", "GET", static + "/app.css", "", "", nil, 200, immutable},
			{"StaticHead", "HEAD", static + "/app.css", "", "", nil, 200, immutable},
			{"StaticMissing", "GET", static + "/finnes-ikke.css", "", "", nil, 404, noStore},
			{"StaticDirectory", "GET", static + "/vendor/", "", "", nil, 404, noStore},
			{"StaticOldVersion", "GET", "/static/000000000000/app.css", "", "", nil, 404, noStore},
			{"StaticWrongMethod", "POST", static + "/app.css", "", "", nil, 404, noStore},
		}
		for _, https := range []bool{false, true} {
			scheme := map[bool]string{false: "http", true: "https"}[https]
			h.Srv.Cfg.HSTS = https
			for _, c := range cases {
				t.Run(scheme+"/"+c.name, func(t *testing.T) {
					req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.Body))
					if c.Body != "" && c.mod == nil {
						req.Header.Set("Content-Type", "application/json")
					}
					if c.token != "" {
						req.Header.Set("Authorization", "Bearer "+c.token)
					}
					if c.mod != nil {
						c.mod(req)
					}
					res := h.Serve(req)
					if res.Status != c.Status {
						t.Errorf("status %d, want %d", res.Status, c.Status)
					}
					checkSecurityHeaders(t, res.Header, https, c.cache)
				})
			}
			t.Run(scheme+"/Panic", func(t *testing.T) {
				boom := h.Srv.Middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
				for _, path := range []string{"/api/v1/logs", "/logg/x"} {
					rec := httptest.NewRecorder()
					boom.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
					if rec.Code != 500 {
						t.Errorf("%s: status %d, want 500", path, rec.Code)
					}
					checkSecurityHeaders(t, rec.Header(), https, noStore)
				}
			})
		}
	})
}

func formType(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") }

// cookie moves the bearer token into the session cookie, as a browser sends it.
func cookie(r *http.Request) {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	r.Header.Del("Authorization")
	r.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: tok})
}

func checkSecurityHeaders(t *testing.T, h http.Header, https bool, cache string) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
		"Cache-Control":           cache,
	}
	if https {
		want["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
	} else {
		want["Strict-Transport-Security"] = ""
	}
	for name, v := range want {
		if got := h.Values(name); (v == "" && len(got) != 0) || (v != "" && (len(got) != 1 || got[0] != v)) {
			t.Errorf("%s = %q, want %q", name, got, v)
		}
	}
	if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q allows inline script or framing", csp)
	}
}
