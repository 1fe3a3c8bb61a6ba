package web_test

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"stafett/internal/auth"
	"stafett/internal/auth/oidctest"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/store"
	"stafett/internal/web"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
	"stafett/internal/web/ui/i18n"
	"stafett/internal/web/webtest"
)

// Synthetic national IDs of the people in the OIDC tests.
const (
	pidOla     = "01017012345" // an active employee
	pidInaktiv = "02027012345" // a deactivated employee
	pidUkjent  = "03037012345" // no one in Stafett
)

// oidcWorld is a Stafett server on a real HTTP listener, with ID-porten and
// Ansattporten played by in-process providers (Ansattporten without an
// end-session endpoint), and two people both Stafett and the providers know.
type oidcWorld struct {
	t        *testing.T
	h        *webtest.Harness
	srv      *web.Server
	base     string
	idporten *oidctest.Server
	ansatt   *oidctest.Server
	ola      people.User
	inaktiv  people.User
	logs     *syncBuffer
}

// syncBuffer collects the server log; requests are served on their own goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newOIDCWorld(t *testing.T, h *webtest.Harness) *oidcWorld {
	t.Helper()
	w := &oidcWorld{t: t, h: h, logs: &syncBuffer{}}
	ts := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { w.srv.ServeHTTP(rw, r) }))
	t.Cleanup(ts.Close)
	w.base = ts.URL
	callback := func(name string) string { return w.base + "/innlogging/oidc/" + name + "/callback" }
	w.idporten = oidctest.New(t, oidctest.Config{RedirectURIs: []string{callback("idporten")}})
	w.ansatt = oidctest.New(t, oidctest.Config{ClientID: "stafett-ansatt", RedirectURIs: []string{callback("ansattporten")}, NoEndSession: true})
	var list []*auth.Provider
	for _, c := range []struct {
		name, label string
		op          *oidctest.Server
	}{{"idporten", "ID-porten", w.idporten}, {"ansattporten", "Ansattporten", w.ansatt}} {
		p, err := auth.NewProvider(auth.ProviderConfig{Name: c.name, Label: c.label, Issuer: c.op.Issuer, ClientID: c.op.ClientID,
			ClientSecret: c.op.ClientSecret, RedirectURL: callback(c.name), ACRValues: "idporten-loa-high"})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Discover(context.Background()); err != nil {
			t.Fatal(err)
		}
		list = append(list, p)
	}
	ps, err := auth.NewProviders(list...)
	if err != nil {
		t.Fatal(err)
	}
	// One failed sign-in per address is the limit, so a second callback from the
	// same address shows whether the first one counted. Every case comes from an
	// address of its own, named in X-Forwarded-For by the trusted local proxy.
	w.srv = web.New(h.DB, webtest.Hasher, slog.New(slog.NewTextHandler(w.logs, &slog.HandlerOptions{Level: slog.LevelDebug})), web.Config{
		Providers: ps, BaseURL: w.base,
		Limits:         ratelimit.Limits{SignInFailures: ratelimit.Limit{N: 1, Per: 15 * time.Minute}},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")},
	}, nil)

	ctx := context.Background()
	w.ola = people.User{Email: "ola@skien.no", Name: "Ola Nordmann", NationalID: pidOla, HomeMunicipalityID: h.Fx.A.ID}
	w.inaktiv = people.User{Email: "inaktiv@skien.no", Name: "Ivar Inaktiv", NationalID: pidInaktiv, HomeMunicipalityID: h.Fx.A.ID}
	for _, u := range []*people.User{&w.ola, &w.inaktiv} {
		if err := h.DB.CreateUser(ctx, people.System(), u, ""); err != nil { // no password: identity providers only
			t.Fatal(err)
		}
		if err := h.DB.GrantRole(ctx, people.System(), u.ID, &people.Role{Role: people.Employee, UnitID: h.Fx.UnitA.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.DB.ChangeUserActive(ctx, people.System(), w.inaktiv.ID, false); err != nil {
		t.Fatal(err)
	}
	return w
}

// browser is a client with cookies that follows no redirect by itself, coming
// from client address addr.
type browser struct {
	t    *testing.T
	w    *oidcWorld
	c    *http.Client
	addr string
}

func (w *oidcWorld) browser(addr string) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		w.t.Fatal(err)
	}
	c := &http.Client{Jar: clockJar{jar, w.h.Clock.Now}, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: w.t, w: w, c: c, addr: addr}
}

// page is an answer as the browser got it.
type page struct {
	Status   int
	Header   http.Header
	location string
	Body     string
}

func (b *browser) do(method, target string, form url.Values) *page {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Forwarded-For", b.addr)
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	p := &page{Status: res.StatusCode, Header: res.Header, Body: string(raw)}
	if loc, err := res.Location(); err == nil {
		p.location = loc.String()
	}
	return p
}

// clockJar is a cookie jar for a server on the webtest.Harness's clock: it reads a cookie's
// Expires against the server's time, as a browser whose webtest.Clock agrees with the
// server's would. (A plain jar compares it with the real date, and drops the
// session cookie as soon as the real date passes the webtest.Harness's.)
type clockJar struct {
	http.CookieJar
	now func() time.Time
}

func (j clockJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	for _, c := range cookies {
		if !c.Expires.IsZero() {
			c.Expires = time.Now().Add(c.Expires.Sub(j.now()))
		}
	}
	j.CookieJar.SetCookies(u, cookies)
}

// toCallback starts a sign-in with provider (returning to next afterwards), lets
// op sign in id and returns the callback URL the provider sends the browser to.
func (b *browser) toCallback(provider string, op *oidctest.Server, id oidctest.Identity, next string) string {
	b.t.Helper()
	op.SetIdentity(id)
	res := b.do("POST", b.w.base+"/innlogging/oidc/"+provider, url.Values{"neste": {next}})
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.location, op.Issuer+"/authorize?") {
		b.t.Fatalf("start: %d to %q, want 303 to the provider", res.Status, res.location)
	}
	res = b.do("GET", res.location, nil)
	if res.Status != http.StatusFound || !strings.HasPrefix(res.location, b.w.base+"/innlogging/oidc/"+provider+"/callback?") {
		b.t.Fatalf("authorize: %d to %q %s, want 302 to the callback", res.Status, res.location, res.Body)
	}
	return res.location
}

// sessionToken returns the browser's session cookie, "" without one.
func (b *browser) sessionToken() string {
	u, _ := url.Parse(b.w.base + "/")
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == app.SessionCookie {
			return c.Value
		}
	}
	return ""
}

// setStateCookie gives the browser the cookie a sign-in with state would have set.
func (b *browser) setStateCookie(state string) {
	u, _ := url.Parse(b.w.base + ui.OIDCPath)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: ui.OIDCCookie, Value: state, Path: ui.OIDCPath}})
}

// text is catalog key's bokmål text as the page shows it.
func (w *oidcWorld) text(key string, args ...any) string {
	return template.HTMLEscapeString(w.srv.UI().Texts().Localizer(i18n.Bokmal).T(key, args...))
}

// sessions returns how many sessions user uid has.
func (w *oidcWorld) sessions(uid string) int {
	w.t.Helper()
	list, err := w.h.DB.ListSessions(context.Background(), uid, "")
	if err != nil {
		w.t.Fatal(err)
	}
	return len(list)
}

// events returns user uid's security events, newest first.
func (w *oidcWorld) events(uid string) []store.SecurityEvent {
	w.t.Helper()
	evs, err := w.h.DB.SecurityEvents(context.Background(), uid, 10)
	if err != nil {
		w.t.Fatal(err)
	}
	return evs
}

// wantCounted checks whether the refused callback before it counted as a failed
// sign-in from the browser's address: with a limit of one, the next callback from
// there is then refused at once.
func (b *browser) wantCounted(counted bool) {
	b.t.Helper()
	res := b.do("GET", b.w.base+"/innlogging/oidc/idporten/callback?code=x&state=y", nil)
	switch {
	case counted && res.Status != http.StatusTooManyRequests:
		b.t.Errorf("the refusal did not count against the address: next callback %d", res.Status)
	case counted && (res.Header.Get("Retry-After") == "" || !strings.Contains(res.Body, b.w.text("signin.rate_limited", 15))):
		b.t.Errorf("429 without Retry-After or message: %q\n%s", res.Header.Get("Retry-After"), res.Body)
	case !counted && res.Status != http.StatusBadRequest:
		b.t.Errorf("the refusal counted against the address: next callback %d, want 400", res.Status)
	}
}

func TestOIDCSignIn(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newOIDCWorld(t, h)
		t.Run("OK", func(t *testing.T) {
			b := w.browser("198.51.100.1")
			callback := b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: map[string]any{"pid": pidOla, "name": "Ola Nordmann"}}, "/meg/sikkerhet")
			res := b.do("GET", callback, nil)
			if res.Status != http.StatusSeeOther || res.location != w.base+"/meg/sikkerhet" {
				t.Fatalf("callback: %d to %q, want 303 to /meg/sikkerhet\n%s", res.Status, res.location, res.Body)
			}
			if res := b.do("GET", w.base+"/", nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "Ola Nordmann") {
				t.Errorf("overview with the new session: %d", res.Status)
			}
			token := b.sessionToken()
			provider, idToken, err := h.DB.GetSessionProvider(context.Background(), auth.HashToken(token))
			if err != nil || provider != "idporten" || strings.Count(idToken, ".") != 2 {
				t.Errorf("session provider %q, id token %d bytes, %v", provider, len(idToken), err)
			}
			if evs := w.events(w.ola.ID); len(evs) == 0 || evs[0].Kind != store.SecSignIn || evs[0].Detail != "idporten" {
				t.Errorf("newest security event %+v, want signin by idporten", evs)
			}
			// A sign-in gives its count back: the address may still fail once.
			b.wantCounted(false)
			// The ID token carries the national ID: neither is ever logged.
			if logs := w.logs.String(); strings.Contains(logs, pidOla) || strings.Contains(logs, idToken) {
				t.Errorf("the log holds the national ID or the ID token:\n%s", logs)
			}
		})
		t.Run("ReturnToIsLocal", func(t *testing.T) {
			b := w.browser("198.51.100.2")
			callback := b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: map[string]any{"pid": pidOla}}, "//evil.example/")
			if res := b.do("GET", callback, nil); res.Status != http.StatusSeeOther || res.location != w.base+"/" {
				t.Errorf("callback: %d to %q, want 303 to /", res.Status, res.location)
			}
		})
		t.Run("SecondProvider", func(t *testing.T) {
			b := w.browser("198.51.100.3")
			callback := b.toCallback("ansattporten", w.ansatt, oidctest.Identity{Claims: map[string]any{"pid": pidOla}}, "/")
			if res := b.do("GET", callback, nil); res.Status != http.StatusSeeOther {
				t.Fatalf("callback: %d %s", res.Status, res.Body)
			}
			if evs := w.events(w.ola.ID); len(evs) == 0 || evs[0].Detail != "ansattporten" {
				t.Errorf("newest security event %+v, want signin by ansattporten", evs)
			}
		})
		t.Run("RotatesSession", func(t *testing.T) {
			b := w.browser("198.51.100.4")
			callback := b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: map[string]any{"pid": pidOla}}, "/")
			b.do("GET", callback, nil)
			first := b.sessionToken()
			callback = b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: map[string]any{"pid": pidOla}}, "/")
			b.do("GET", callback, nil)
			if second := b.sessionToken(); second == "" || second == first {
				t.Fatal("the second sign-in kept the session token")
			}
			_, err := h.DB.Authenticate(context.Background(), auth.HashToken(first), people.DefaultSessionPolicy)
			if !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("the old session still works: %v", err)
			}
		})
	})
}

func TestOIDCSignInRefused(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newOIDCWorld(t, h)
		ola := map[string]any{"pid": pidOla}
		with := func(extra map[string]any) map[string]any {
			m := map[string]any{"pid": pidOla}
			for k, v := range extra {
				m[k] = v
			}
			return m
		}
		past := time.Now().Add(-time.Hour)
		for i, tc := range []struct {
			name     string
			id       oidctest.Identity
			callback func(u *url.URL) // changes the callback URL, when set
			Status   int
			key      string // of the page's text; its title is key's ".title"
			counted  bool
		}{
			{name: "ErrWrongAudience", id: oidctest.Identity{Claims: with(map[string]any{"aud": "en-annen-tjeneste"})},
				Status: 401, key: "oidc.failed", counted: true},
			{name: "ErrExpiredToken", id: oidctest.Identity{Claims: with(map[string]any{"iat": past.Unix(), "exp": past.Add(2 * time.Minute).Unix()})},
				Status: 401, key: "oidc.failed", counted: true},
			{name: "ErrBadSignature", id: oidctest.Identity{Claims: ola, SignWith: oidctest.NewKey()},
				Status: 401, key: "oidc.failed", counted: true},
			{name: "ErrNonceMismatch", id: oidctest.Identity{Claims: with(map[string]any{"nonce": "en-annen-innlogging"})},
				Status: 401, key: "oidc.failed", counted: true},
			{name: "ErrMissingACR", id: oidctest.Identity{Claims: with(map[string]any{"acr": nil})},
				Status: 401, key: "oidc.acr", counted: true},
			{name: "ErrLowACR", id: oidctest.Identity{Claims: with(map[string]any{"acr": "idporten-loa-substantial"})},
				Status: 401, key: "oidc.acr", counted: true},
			{name: "ErrNoIDClaim", id: oidctest.Identity{},
				Status: 401, key: "oidc.no_id", counted: true},
			{name: "ErrUnknownPerson", id: oidctest.Identity{Claims: map[string]any{"pid": pidUkjent}},
				Status: 403, key: "oidc.no_access", counted: true},
			{name: "ErrInactiveUser", id: oidctest.Identity{Claims: map[string]any{"pid": pidInaktiv}},
				Status: 403, key: "oidc.no_access", counted: true},
			{name: "ErrCodeReplaced", id: oidctest.Identity{Claims: ola},
				callback: func(u *url.URL) { q := u.Query(); q.Set("code", "gjettet"); u.RawQuery = q.Encode() },
				Status:   401, key: "oidc.failed", counted: true},
			{name: "ErrNoCode", id: oidctest.Identity{Claims: ola},
				callback: func(u *url.URL) { q := u.Query(); q.Del("code"); u.RawQuery = q.Encode() },
				Status:   401, key: "oidc.failed", counted: true},
			{name: "Cancelled", id: oidctest.Identity{Claims: ola},
				callback: func(u *url.URL) {
					q := u.Query()
					q.Del("code")
					q.Set("error", "access_denied")
					u.RawQuery = q.Encode()
				},
				Status: 401, key: "oidc.cancelled", counted: false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				b := w.browser("203.0.113." + strconv.Itoa(10+i))
				raw := b.toCallback("idporten", w.idporten, tc.id, "/")
				if tc.callback != nil {
					u, _ := url.Parse(raw)
					tc.callback(u)
					raw = u.String()
				}
				res := b.do("GET", raw, nil)
				w.wantRefused(t, b, res, tc.Status, tc.key, "ID-porten")
				b.wantCounted(tc.counted)
			})
		}
		if evs := w.events(w.inaktiv.ID); len(evs) == 0 || evs[0].Kind != store.SecSignInFailed || evs[0].Detail != "idporten" {
			t.Errorf("inactive user's newest security event %+v, want signin_failed by idporten", evs)
		}
		if _, err := h.DB.FindUserByNationalID(context.Background(), pidUkjent); !fault.Is(err, fault.NotFound) {
			t.Errorf("the unknown person got an account: %v", err)
		}
		for _, u := range []people.User{w.ola, w.inaktiv} {
			if n := w.sessions(u.ID); n != 0 {
				t.Errorf("%s has %d sessions after refused sign-ins", u.Name, n)
			}
			for _, ev := range w.events(u.ID) {
				if ev.Kind == store.SecSignIn {
					t.Errorf("%s has a sign-in event: %+v", u.Name, ev)
				}
			}
		}

		t.Run("ErrReplayedState", func(t *testing.T) {
			b := w.browser("203.0.113.100")
			raw := b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: ola}, "/")
			state, _ := url.Parse(raw)
			if res := b.do("GET", raw, nil); res.Status != http.StatusSeeOther {
				t.Fatalf("first use: %d %s", res.Status, res.Body)
			}
			// The same callback again, with the cookie it came with: the state is spent.
			attacker := w.browser("203.0.113.101")
			attacker.setStateCookie(state.Query().Get("state"))
			res := attacker.do("GET", raw, nil)
			w.wantRefused(t, attacker, res, http.StatusBadRequest, "oidc.expired", "")
			if n := w.sessions(w.ola.ID); n != 1 {
				t.Errorf("%d sessions after a replay, want the first one only", n)
			}
			attacker.wantCounted(true)
		})
		t.Run("ErrUnknownState", func(t *testing.T) {
			b := w.browser("203.0.113.102")
			b.setStateCookie("oppdiktet")
			res := b.do("GET", w.base+"/innlogging/oidc/idporten/callback?code=abc&state=oppdiktet", nil)
			w.wantRefused(t, b, res, http.StatusBadRequest, "oidc.expired", "")
			b.wantCounted(true)
		})
		t.Run("ErrOtherBrowser", func(t *testing.T) {
			// A callback URL obtained by someone else must not sign this browser in
			// (login CSRF): the state is bound to the browser that started.
			starter := w.browser("203.0.113.103")
			raw := starter.toCallback("idporten", w.idporten, oidctest.Identity{Claims: ola}, "/")
			victim := w.browser("203.0.113.104")
			w.wantRefused(t, victim, victim.do("GET", raw, nil), http.StatusBadRequest, "oidc.expired", "")
			victim.wantCounted(true)
		})
		t.Run("ErrStateOfOtherProvider", func(t *testing.T) {
			b := w.browser("203.0.113.105")
			raw := b.toCallback("ansattporten", w.ansatt, oidctest.Identity{Claims: ola}, "/")
			raw = strings.Replace(raw, "/oidc/ansattporten/", "/oidc/idporten/", 1)
			w.wantRefused(t, b, b.do("GET", raw, nil), http.StatusBadRequest, "oidc.expired", "")
		})
		t.Run("ErrUnknownProvider", func(t *testing.T) {
			b := w.browser("203.0.113.106")
			if res := b.do("POST", w.base+"/innlogging/oidc/facebook", url.Values{}); res.Status != http.StatusNotFound {
				t.Errorf("start: %d, want 404", res.Status)
			}
			if res := b.do("GET", w.base+"/innlogging/oidc/facebook/callback?code=a&state=b", nil); res.Status != http.StatusNotFound {
				t.Errorf("callback: %d, want 404", res.Status)
			}
		})
		t.Run("ErrLanguage", func(t *testing.T) {
			b := w.browser("203.0.113.107")
			raw := b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: map[string]any{"pid": pidUkjent}}, "/")
			req, _ := http.NewRequest("GET", raw, nil)
			req.Header.Set("Accept-Language", "nn")
			req.Header.Set("X-Forwarded-For", b.addr)
			res, err := b.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			want := template.HTMLEscapeString(w.srv.UI().Texts().Localizer(i18n.Nynorsk).T("oidc.no_access.text"))
			if res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), want) {
				t.Errorf("%d, want 403 with %q", res.StatusCode, want)
			}
		})
	})
}

// wantRefused checks a refused callback: its status, the page of key, and no
// session for the browser.
func (w *oidcWorld) wantRefused(t *testing.T, b *browser, res *page, status int, key, label string) {
	t.Helper()
	if res.Status != status {
		t.Errorf("status %d, want %d\n%s", res.Status, status, res.Body)
	}
	text := w.text(key + ".text")
	if strings.Contains(w.srv.UI().Texts().Localizer(i18n.Bokmal).T(key+".text"), "%s") {
		text = w.text(key+".text", label)
	}
	if !strings.Contains(res.Body, w.text(key+".title")) || !strings.Contains(res.Body, text) {
		t.Errorf("page lacks the text of %s:\n%s", key, res.Body)
	}
	for _, c := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, app.SessionCookie+"=") && !strings.Contains(c, "Max-Age=0") {
			t.Errorf("a refused sign-in set a session cookie: %s", c)
		}
	}
	if b.sessionToken() != "" {
		t.Error("the browser has a session")
	}
	if res := b.do("GET", w.base+"/", nil); res.Status != http.StatusSeeOther {
		t.Errorf("overview after a refusal: %d, want 303 to sign in", res.Status)
	}
}

func TestOIDCSignInPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newOIDCWorld(t, h)
		res := w.browser("198.51.100.50").do("GET", w.base+"/innlogging?neste=/logg/ny", nil)
		for _, want := range []string{
			`action="/innlogging/oidc/idporten"`, `action="/innlogging/oidc/ansattporten"`, `name="neste" value="/logg/ny"`,
			w.text("signin.with", "ID-porten"), w.text("signin.with", "Ansattporten"), `action="/innlogging"`,
		} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("sign-in page lacks %s", want)
			}
		}
		if i, j := strings.Index(res.Body, "/innlogging/oidc/idporten"), strings.Index(res.Body, "/innlogging/oidc/ansattporten"); i < 0 || j < i {
			t.Error("the buttons are not in the configured order")
		}
		// The sign-in and sign-out forms answer with a redirect to the providers,
		// which form-action must allow.
		csp := res.Header.Get("Content-Security-Policy")
		for _, op := range []*oidctest.Server{w.idporten, w.ansatt} {
			if !strings.Contains(csp, "form-action 'self' ") || !strings.Contains(csp, " "+op.Issuer) {
				t.Errorf("CSP form-action does not allow %s: %s", op.Issuer, csp)
			}
		}
		// Without providers there are no buttons, and the policy is the plain one.
		plain := h.Do("GET", "/innlogging", "", nil)
		if strings.Contains(string(plain.Body), "/innlogging/oidc/") {
			t.Error("buttons without providers")
		}
		if csp := plain.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self'; ") {
			t.Errorf("CSP without providers: %s", csp)
		}
	})
}

func TestOIDCProviderSignOut(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newOIDCWorld(t, h)
		ctx := context.Background()
		principal := func(token string) *people.Principal {
			t.Helper()
			p, err := h.DB.Authenticate(ctx, auth.HashToken(token), people.DefaultSessionPolicy)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		signIn := func(provider string, op *oidctest.Server) (*browser, string) {
			b := w.browser("198.51.100.60")
			b.do("GET", b.toCallback(provider, op, oidctest.Identity{Claims: map[string]any{"pid": pidOla}}, "/"), nil)
			token := b.sessionToken()
			if token == "" {
				t.Fatal("no session")
			}
			return b, token
		}
		t.Run("OK", func(t *testing.T) {
			b, token := signIn("idporten", w.idporten)
			_, idToken, err := h.DB.GetSessionProvider(ctx, auth.HashToken(token))
			if err != nil {
				t.Fatal(err)
			}
			got := w.srv.UI().ProviderSignOut(httptest.NewRequest("POST", "/utlogging", nil), principal(token))
			u, err := url.Parse(got)
			if err != nil || !strings.HasPrefix(got, w.idporten.Issuer+"/endsession?") {
				t.Fatalf("sign-out URL %q, want the end_session_endpoint", got)
			}
			q := u.Query()
			if q.Get("id_token_hint") != idToken || q.Get("post_logout_redirect_uri") != w.base+"/innlogging" || q.Get("client_id") != w.idporten.ClientID {
				t.Errorf("sign-out query %v", q)
			}
			// The provider takes it and sends the browser back to the sign-in page.
			res := b.do("GET", got, nil)
			if res.Status != http.StatusFound || res.location != w.base+"/innlogging" {
				t.Errorf("end session: %d to %q", res.Status, res.location)
			}
			if ends := w.idporten.EndSessions(); len(ends) != 1 || ends[0].Get("id_token_hint") != idToken {
				t.Errorf("provider saw end-session requests %v", ends)
			}
		})
		t.Run("ThroughTheSignOutButton", func(t *testing.T) {
			b, token := signIn("idporten", w.idporten)
			before := len(w.idporten.EndSessions())
			res := b.do("POST", w.base+"/utlogging", url.Values{})
			if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.location, w.idporten.Issuer+"/endsession?") {
				t.Fatalf("sign-out = %d to %q, want 303 to the provider's end-session endpoint", res.Status, res.location)
			}
			if _, err := h.DB.Authenticate(ctx, auth.HashToken(token), people.DefaultSessionPolicy); err == nil {
				t.Errorf("the session still works after sign-out")
			}
			if res := b.do("GET", res.location, nil); res.Status != http.StatusFound || res.location != w.base+"/innlogging" {
				t.Errorf("end session: %d to %q", res.Status, res.location)
			}
			if n := len(w.idporten.EndSessions()); n != before+1 {
				t.Errorf("provider saw %d new end-session requests, want 1", n-before)
			}
		})
		t.Run("NoEndSessionEndpoint", func(t *testing.T) {
			_, token := signIn("ansattporten", w.ansatt)
			if got := w.srv.UI().ProviderSignOut(httptest.NewRequest("POST", "/utlogging", nil), principal(token)); got != "" {
				t.Errorf("sign-out URL %q for a provider without end_session_endpoint", got)
			}
		})
		t.Run("PasswordSession", func(t *testing.T) {
			token := h.Login(h.Fx.EmployeeA)
			if got := w.srv.UI().ProviderSignOut(httptest.NewRequest("POST", "/utlogging", nil), principal(token)); got != "" {
				t.Errorf("sign-out URL %q for a password session", got)
			}
		})
		t.Run("Anonymous", func(t *testing.T) {
			if got := w.srv.UI().ProviderSignOut(httptest.NewRequest("POST", "/utlogging", nil), nil); got != "" {
				t.Errorf("sign-out URL %q without a session", got)
			}
		})
	})
}
