package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"stafett/internal/ratelimit"
	"stafett/internal/store/storetest"
	"stafett/internal/web"
	"stafett/internal/web/app"
	"stafett/internal/web/webtest"
)

// wantLimited checks that res is a 429 rate_limited answer whose Retry-After is
// retry seconds.
func wantLimited(t *testing.T, res *webtest.Response, retry int) {
	t.Helper()
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("status %d %s, want 429", res.Status, res.Body)
	}
	if code, _ := res.ErrorCode(t); code != "rate_limited" {
		t.Errorf("code %q, want rate_limited", code)
	}
	if got := res.Header.Get("Retry-After"); got != strconv.Itoa(retry) {
		t.Errorf("Retry-After %q, want %d", got, retry)
	}
}

func TestSignInRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Run("PerAccount", func(t *testing.T) {
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			email := h.Fx.EmployeeA.Email
			for i := range 10 {
				// From a new address each time: only the account's counter fills.
				if res := h.SignInFrom("198.51.100."+strconv.Itoa(i+1), email, "feil-passord"); res.Status != 401 {
					t.Fatalf("attempt %d: %d %s", i+1, res.Status, res.Body)
				}
				h.Clock.Add(time.Minute)
			}
			wantLimited(t, h.SignInFrom("198.51.100.200", email, "feil-passord"), 5*60)
			// Now even the right password is refused, unchecked, until the window ends.
			wantLimited(t, h.SignInFrom("198.51.100.201", strings.ToUpper(email), webtest.Password), 5*60)
			if res := h.SignInFrom("198.51.100.200", h.Fx.LeaderA.Email, webtest.Password); res.Status != 200 {
				t.Errorf("another account from the same address: %d", res.Status)
			}
			h.Clock.Add(5 * time.Minute)
			if res := h.SignInFrom("198.51.100.202", email, webtest.Password); res.Status != 200 {
				t.Errorf("after the window: %d %s", res.Status, res.Body)
			}
		})
		t.Run("PerAddress", func(t *testing.T) {
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			for i := range 10 {
				res := h.SignInFrom("203.0.113.9", "gjett"+strconv.Itoa(i)+"@skien.no", "feil-passord")
				if res.Status != 401 {
					t.Fatalf("attempt %d: %d", i+1, res.Status)
				}
			}
			// A different, real account from the same address is limited too.
			wantLimited(t, h.SignInFrom("203.0.113.9", h.Fx.LeaderA.Email, webtest.Password), 15*60)
			if res := h.SignInFrom("203.0.113.10", h.Fx.LeaderA.Email, webtest.Password); res.Status != 200 {
				t.Errorf("another address: %d", res.Status)
			}
			// IPv6 clients are counted per /64.
			for i := range 10 {
				if res := h.SignInFrom("[2001:db8:1:2::"+strconv.Itoa(i+1)+"]", "gjett@skien.no", "feil-passord"); res.Status != 401 && res.Status != 429 {
					t.Fatalf("v6 attempt %d: %d", i+1, res.Status)
				}
			}
			wantLimited(t, h.SignInFrom("[2001:db8:1:2:ffff::1]", h.Fx.EmployeeA.Email, webtest.Password), 15*60)
		})
		t.Run("PerAddressOwnLimit", func(t *testing.T) {
			// Many people behind one address: its limit set higher than an account's.
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			h.Srv.Cfg.Limits.SignInAddressFailures = ratelimit.Limit{N: 30, Per: 15 * time.Minute}
			for i := range 20 {
				if res := h.SignInFrom("203.0.113.20", "skrivefeil"+strconv.Itoa(i%2)+"@skien.no", "feil-passord"); res.Status != 401 && res.Status != 429 {
					t.Fatalf("attempt %d: %d", i+1, res.Status)
				}
			}
			if res := h.SignInFrom("203.0.113.20", h.Fx.LeaderA.Email, webtest.Password); res.Status != 200 {
				t.Errorf("a colleague at the same address after 20 failures: %d %s", res.Status, res.Body)
			}
			// Each account still has its own limit of 10.
			wantLimited(t, h.SignInFrom("203.0.113.21", "skrivefeil0@skien.no", "feil-passord"), 15*60)
			for range 10 {
				h.SignInFrom("203.0.113.20", "andre@skien.no", "feil-passord")
			}
			wantLimited(t, h.SignInFrom("203.0.113.20", h.Fx.EmployeeA.Email, webtest.Password), 15*60)
		})
		t.Run("SuccessDoesNotCountOrReset", func(t *testing.T) {
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			email := h.Fx.EmployeeA.Email
			for range 9 {
				if res := h.SignInFrom("192.0.2.50", email, "feil-passord"); res.Status != 401 {
					t.Fatalf("%d", res.Status)
				}
			}
			for i := range 5 {
				if res := h.SignInFrom("192.0.2.50", email, webtest.Password); res.Status != 200 {
					t.Fatalf("success %d after 9 failures: %d %s", i+1, res.Status, res.Body)
				}
			}
			if res := h.SignInFrom("192.0.2.50", email, "feil-passord"); res.Status != 401 {
				t.Fatalf("10th failure: %d", res.Status)
			}
			wantLimited(t, h.SignInFrom("192.0.2.50", email, webtest.Password), 15*60)
		})
		t.Run("SurvivesNewServer", func(t *testing.T) {
			dsn := storetest.DSN(t, dialectOf(dsn))
			h := webtest.New(t, dsn)
			for range 10 {
				h.SignInFrom("192.0.2.60", h.Fx.EmployeeA.Email, "feil-passord")
			}
			h.Clock.Add(10 * time.Minute)
			// A second server process on the same database: a new connection pool
			// and a new Server.
			db := storetest.Open(t, dsn)
			db.Now = h.Clock.Now
			h.DB, h.Srv = db, web.New(db, webtest.Hasher, slog.New(slog.NewTextHandler(io.Discard, nil)), web.Config{}, nil)
			wantLimited(t, h.SignInFrom("192.0.2.61", h.Fx.EmployeeA.Email, webtest.Password), 5*60)
			wantLimited(t, h.SignInFrom("192.0.2.60", h.Fx.LeaderA.Email, webtest.Password), 5*60)
			h.Clock.Add(5 * time.Minute)
			if res := h.SignInFrom("192.0.2.60", h.Fx.EmployeeA.Email, webtest.Password); res.Status != 200 {
				t.Errorf("after the window: %d %s", res.Status, res.Body)
			}
		})
		t.Run("AcrossTwoServers", func(t *testing.T) {
			// Two servers on one database, each attempt sent to the next in turn as
			// a load balancer without sticky sessions does: ten failures in all,
			// then either refuses, and the right password left nothing counted.
			dsn := storetest.DSN(t, dialectOf(dsn))
			h := webtest.New(t, dsn)
			db := storetest.Open(t, dsn)
			db.Now = h.Clock.Now
			servers := []*web.Server{h.Srv, web.New(db, webtest.Hasher, slog.New(slog.NewTextHandler(io.Discard, nil)), web.Config{}, nil)}
			email := h.Fx.EmployeeA.Email
			for i := range 10 {
				h.Srv = servers[i%2]
				if res := h.SignInFrom("192.0.2.80", email, webtest.Password); res.Status != 200 {
					t.Fatalf("right password %d on server %d: %d %s", i+1, i%2, res.Status, res.Body)
				}
				if res := h.SignInFrom("192.0.2.80", email, "feil-passord"); res.Status != 401 {
					t.Fatalf("failure %d on server %d: %d %s", i+1, i%2, res.Status, res.Body)
				}
			}
			for i, srv := range servers {
				h.Srv = srv
				res := h.SignInFrom("192.0.2.81", email, webtest.Password)
				if res.Status != http.StatusTooManyRequests {
					t.Errorf("server %d after 10 failures: %d, want 429", i, res.Status)
				}
			}
		})
		t.Run("Global", func(t *testing.T) {
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			h.Srv.Cfg.Limits.SignInGlobal = ratelimit.Limit{N: 4, Per: time.Minute}
			users := []string{h.Fx.EmployeeA.Email, h.Fx.LeaderA.Email, h.Fx.EmployeeA2.Email, "ingen@skien.no"}
			for i, email := range users {
				pw := webtest.Password
				if i == 3 {
					pw = "feil-passord"
				}
				if res := h.SignInFrom("192.0.2."+strconv.Itoa(70+i), email, pw); res.Status != 200 && res.Status != 401 {
					t.Fatalf("attempt %d: %d", i+1, res.Status)
				}
			}
			h.Clock.Add(20 * time.Second)
			wantLimited(t, h.SignInFrom("192.0.2.99", h.Fx.EmployeeB.Email, webtest.Password), 40)
			h.Clock.Add(40 * time.Second)
			if res := h.SignInFrom("192.0.2.99", h.Fx.EmployeeB.Email, webtest.Password); res.Status != 200 {
				t.Errorf("next minute: %d", res.Status)
			}
		})
		t.Run("GlobalOncePerRequest", func(t *testing.T) {
			// A sign-in through the API with password and code in one request is one
			// attempt against the global cap, not two.
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			h.Srv.Cfg.Limits.SignInGlobal = ratelimit.Limit{N: 2, Per: time.Minute}
			req := httptest.NewRequest("POST", "/api/v1/session", webtest.JSONBody(map[string]string{
				"email": h.Fx.AdminA.Email, "password": webtest.Password, "totp": h.RecoveryCode(h.Fx.AdminA.ID)}))
			req.Header.Set("Content-Type", "application/json")
			req.RemoteAddr = "192.0.2.80:40000"
			if res := h.Serve(req); res.Status != 200 {
				t.Fatalf("administrator with a code: %d %s", res.Status, res.Body)
			}
			if res := h.SignInFrom("192.0.2.81", h.Fx.EmployeeA.Email, webtest.Password); res.Status != 200 {
				t.Fatalf("second sign-in under a cap of 2: %d %s", res.Status, res.Body)
			}
			wantLimited(t, h.SignInFrom("192.0.2.82", h.Fx.EmployeeB.Email, webtest.Password), 60)
		})
		t.Run("Page", func(t *testing.T) {
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			post := func(password, lang string) *webtest.Response {
				form := url.Values{"email": {h.Fx.EmployeeA.Email}, "password": {password}, "neste": {"/"}}
				req := httptest.NewRequest("POST", "/innlogging", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Sec-Fetch-Site", "same-origin")
				req.Header.Set("Accept-Language", lang)
				return h.Serve(req)
			}
			for i := range 10 {
				if res := post("feil-passord", "nb"); res.Status != 401 {
					t.Fatalf("attempt %d: %d", i+1, res.Status)
				}
			}
			h.Clock.Add(90 * time.Second)
			for _, c := range []struct{ lang, text string }{
				{"nb", "For mange innloggingsforsøk. Av sikkerhetshensyn må du vente om lag 14 min"},
				{"nn", "Av omsyn til tryggleiken må du vente om lag 14 min"},
				{"en", "Too many sign-in attempts. For security, please wait about 14 min"},
			} {
				res := post(webtest.Password, c.lang)
				if res.Status != 429 || res.Header.Get("Retry-After") != "810" {
					t.Errorf("%s: %d Retry-After %q, want 429 and 810", c.lang, res.Status, res.Header.Get("Retry-After"))
				}
				doc := res.Doc(t)
				if got := doc.Find("form[action='/innlogging']").Length(); got != 1 {
					t.Errorf("%s: the sign-in form is not shown again", c.lang)
				}
				if !strings.Contains(doc.Text(), c.text) {
					t.Errorf("%s: page does not say %q:\n%s", c.lang, c.text, doc.Find("main").Text())
				}
				if len((&http.Response{Header: res.Header}).Cookies()) != 0 {
					t.Errorf("%s: a refused sign-in set a cookie", c.lang)
				}
			}
		})
		t.Run("ForwardedFor", func(t *testing.T) {
			h := webtest.New(t, storetest.DSN(t, dialectOf(dsn)))
			from := func(xff, email, password string) *webtest.Response {
				req := httptest.NewRequest("POST", "/api/v1/session", webtest.JSONBody(map[string]string{"email": email, "password": password}))
				req.RemoteAddr = "10.0.0.5:443"
				req.Header.Set("X-Forwarded-For", xff)
				return h.Serve(req)
			}
			// Not trusted: the header is ignored and all count as the proxy.
			for i := range 10 {
				from("198.51.100."+strconv.Itoa(i+1), "gjett@skien.no", "feil-passord")
			}
			wantLimited(t, from("198.51.100.77", h.Fx.LeaderA.Email, webtest.Password), 15*60)
			// Trusted: each client counts on its own, and a forged left-most hop is
			// not believed.
			h.Srv.Cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
			for range 10 {
				from("192.0.2.1, 198.51.100.20", "gjett2@skien.no", "feil-passord")
			}
			wantLimited(t, from("198.51.100.20", h.Fx.LeaderA.Email, webtest.Password), 15*60)
			if res := from("198.51.100.20, 198.51.100.21", h.Fx.LeaderA.Email, webtest.Password); res.Status != 200 {
				t.Errorf("another client behind the proxy: %d %s", res.Status, res.Body)
			}
		})
	})
}

// dialectOf names the dialect of dsn, for a second database of the same kind.
func dialectOf(dsn string) string {
	if strings.Contains(dsn, "://") {
		return "postgres"
	}
	return "sqlite"
}

func TestReadRateLimits(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		h.Srv.Cfg.Limits.Search = ratelimit.Limit{N: 5, Per: time.Minute}
		h.Srv.Cfg.Limits.Export = ratelimit.Limit{N: 3, Per: time.Hour}
		o := logOps{t: t, h: h}
		leader, employee := h.Login(h.Fx.LeaderA), h.Login(h.Fx.EmployeeA)
		id := o.open(employee, h.Fx.UnitA.ID, map[string]any{"initials": "OB", "birth_date": "2018-05-04"}, "Trøtt og lei seg")
		t.Run("Search", func(t *testing.T) {
			for i := range 5 {
				if res := h.Do("GET", "/api/v1/logs", employee, nil); res.Status != 200 {
					t.Fatalf("list %d: %d", i+1, res.Status)
				}
			}
			h.Clock.Add(15 * time.Second)
			wantLimited(t, h.Do("GET", "/api/v1/logs", employee, nil), 45)
			if res := h.Do("GET", "/api/v1/logs", leader, nil); res.Status != 200 {
				t.Errorf("another user: %d", res.Status)
			}
			h.Clock.Add(45 * time.Second)
			if res := h.Do("GET", "/api/v1/logs", employee, nil); res.Status != 200 {
				t.Errorf("next minute: %d", res.Status)
			}
		})
		t.Run("Export", func(t *testing.T) {
			for i := range 3 {
				if res := h.Do("GET", "/api/v1/logs/"+id+"/export", employee, nil); res.Status != 200 {
					t.Fatalf("export %d: %d %s", i+1, res.Status, res.Body)
				}
			}
			wantLimited(t, h.Do("GET", "/api/v1/logs/"+id+"/export", employee, nil), 3600)
			// Refused exports of logs one cannot see count all the same.
			wantLimited(t, h.Do("GET", "/api/v1/logs/"+unknownID(t)+"/export", employee, nil), 3600)
			if res := h.Do("GET", "/api/v1/logs/"+id, employee, nil); res.Status != 200 {
				t.Errorf("reading the log is not limited by exports: %d", res.Status)
			}
			h.Clock.Add(time.Hour)
			employee := h.Login(h.Fx.EmployeeA) // the session has ended meanwhile
			if res := h.Do("GET", "/api/v1/logs/"+id+"/export", employee, nil); res.Status != 200 {
				t.Errorf("after an hour: %d", res.Status)
			}
		})
	})
}

func TestClientAddr(t *testing.T) {
	s := &app.App{Cfg: app.Config{TrustedProxies: []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8"),
	}}}
	for _, c := range []struct{ name, remote, xff, want string }{
		{"Peer", "192.0.2.1:1234", "", "192.0.2.1"},
		{"UntrustedPeerIgnoresHeader", "192.0.2.1:1234", "198.51.100.1", "192.0.2.1"},
		{"TrustedPeer", "10.1.2.3:443", "198.51.100.1", "198.51.100.1"},
		{"ChainOfProxies", "10.1.2.3:443", "203.0.113.5, 198.51.100.1, 10.9.9.9", "198.51.100.1"},
		{"AllTrusted", "10.1.2.3:443", "10.0.0.1, 10.0.0.2", "10.0.0.1"},
		{"GarbageHop", "10.1.2.3:443", "198.51.100.1, not-an-ip", "10.1.2.3"},
		{"Empty", "10.1.2.3:443", "", "10.1.2.3"},
		{"IPv6Per64", "[2001:db8:1:2:3:4:5:6]:443", "", "2001:db8:1:2::/64"},
		{"IPv4Mapped", "[::ffff:192.0.2.9]:443", "", "192.0.2.9"},
		{"TrustedV6", "[fd00::1]:443", "2001:db8::7", "2001:db8::/64"},
		{"NoPort", "192.0.2.1", "", "192.0.2.1"},
		{"Unreadable", "pipe", "", "unknown"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.remote
			if c.xff != "" {
				r.Header.Set("X-Forwarded-For", c.xff)
			}
			if got := s.ClientAddr(r); got != c.want {
				t.Errorf("clientAddr = %q, want %q", got, c.want)
			}
		})
	}
}
