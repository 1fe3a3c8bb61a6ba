package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"stafett/internal/demo"
	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// syncBuffer is a goroutine-safe buffer for the program's output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var (
	listening        = regexp.MustCompile(`listening on (http://[0-9.:]+)`)
	metricsListening = regexp.MustCompile(`metrics on (http://[0-9.:]+)`)
)

// start runs the whole program with args and env on 127.0.0.1:0 and returns its base
// URL and output once it listens. The program stops when the test ends.
func start(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	getenv := func(k string) string { return env[k] }
	go func() { done <- run(ctx, append(args, "--addr", "127.0.0.1:0"), getenv, strings.NewReader(""), out) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run returned %v", err)
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v\n%s", err, out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", out)
	return "", nil
}

func postJSON(t *testing.T, url string, body any) (*http.Response, map[string]any) {
	t.Helper()
	return postJSONAuth(t, url, "", body)
}

func postJSONAuth(t *testing.T, url, token string, body any) (*http.Response, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	return res, m
}

// as reads the JSON answer m again as a T (one of webtest's answer types), failing
// the test when it does not fit, rather than asserting on the map's values.
func as[T any](t *testing.T, m map[string]any) T {
	t.Helper()
	var v T
	b, err := json.Marshal(m)
	if err == nil {
		err = json.Unmarshal(b, &v)
	}
	if err != nil {
		t.Fatalf("answer %v is not a %T: %v", m, v, err)
	}
	return v
}

// tokenOf is the token of a sign-in answer m, failing the test when it has none.
func tokenOf(t *testing.T, m map[string]any) string {
	t.Helper()
	tok := as[webtest.Session](t, m).Token
	if tok == "" {
		t.Fatalf("sign-in answer without a token: %v", m)
	}
	return tok
}

// firstUnit is the unit of the first role in a GET /api/v1/me answer m.
func firstUnit(t *testing.T, m map[string]any) string {
	t.Helper()
	me := as[webtest.Me](t, m)
	if len(me.Roles) == 0 || me.Roles[0].UnitID == nil {
		t.Fatalf("me without a unit role: %v", m)
	}
	return *me.Roles[0].UnitID
}

func getJSON(t *testing.T, url, token string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	return res.StatusCode, m
}

func TestRunServesAndSignsIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		env := map[string]string{
			"STAFETT_DATABASE":       dsn,
			"STAFETT_ADMIN_EMAIL":    "drift@kommune.no",
			"STAFETT_ADMIN_PASSWORD": "et-langt-passord",
		}
		base, out := start(t, env, "serve")
		if code, m := getJSON(t, base+"/healthz", ""); code != 200 || m["status"] != "ok" {
			t.Fatalf("healthz = %d %v", code, m)
		}
		res, m := postJSON(t, base+"/api/v1/session", map[string]string{"email": "drift@kommune.no", "password": "et-langt-passord"})
		if res.StatusCode != 200 {
			t.Fatalf("sign in = %d %v", res.StatusCode, m)
		}
		code, mm := getJSON(t, base+"/api/v1/me", tokenOf(t, m))
		if me := as[webtest.Me](t, mm); code != 200 || me.Email != "drift@kommune.no" || len(me.Roles) != 1 || me.Roles[0].Role != "system_admin" {
			t.Errorf("me = %d %v", code, mm)
		}
		wantSecondFactorRule(t, base, tokenOf(t, m))
		if res, err := http.Get(base + "/metrics"); err != nil {
			t.Fatal(err)
		} else if res.Body.Close(); res.StatusCode != 404 {
			t.Errorf("GET /metrics on the public listener = %d, want 404", res.StatusCode)
		}
		if strings.Contains(out.String(), "metrics on") {
			t.Errorf("a metrics listener without STAFETT_METRICS_ADDR:\n%s", out)
		}
	})
}

// TestRunMetricsListener checks that STAFETT_METRICS_ADDR serves the metrics of the
// public listener's requests on an address of its own.
// wantSecondFactorRule checks that the system administrator signed in with token
// (a password alone) is refused administration with second_factor_required until
// they turn two-step verification on through the API, as a client does; then the
// same session creates a municipality. No administrator is let past the rule.
func wantSecondFactorRule(t *testing.T, base, token string) {
	t.Helper()
	mun := map[string]any{"number": "5501", "name": "Tromsø", "consent_age": 15}
	res, m := postJSONAuth(t, base+"/api/v1/municipalities", token, mun)
	if e := as[webtest.ErrorBody](t, m).Error; res.StatusCode != 403 || e.Code != "second_factor_required" {
		t.Fatalf("create a municipality with a password alone = %d %v, want 403 second_factor_required", res.StatusCode, m)
	}
	res, m = postJSONAuth(t, base+"/api/v1/me/totp", token, nil)
	secret := as[webtest.TOTPStart](t, m).Secret
	if res.StatusCode != 200 || secret == "" {
		t.Fatalf("POST /me/totp = %d %v", res.StatusCode, m)
	}
	code, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res, m = postJSONAuth(t, base+"/api/v1/me/totp/confirm", token, map[string]string{"code": code}); res.StatusCode != 200 {
		t.Fatalf("confirm = %d %v", res.StatusCode, m)
	}
	if res, m = postJSONAuth(t, base+"/api/v1/municipalities", token, mun); res.StatusCode != 201 {
		t.Errorf("create a municipality with a second factor = %d %v, want 201", res.StatusCode, m)
	}
}

func TestRunMetricsListener(t *testing.T) {
	env := map[string]string{"STAFETT_DATABASE": storetest.DSN(t, "sqlite"), "STAFETT_METRICS_ADDR": "127.0.0.1:0"}
	base, out := start(t, env, "serve")
	m := metricsListening.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics listener announced:\n%s", out)
	}
	if m[1] == base {
		t.Fatalf("metrics on the public address %s", base)
	}
	if code, _ := getJSON(t, base+"/healthz", ""); code != 200 {
		t.Fatalf("healthz = %d", code)
	}
	if code, _ := getJSON(t, base+"/metrics", ""); code != 404 {
		t.Errorf("GET /metrics on the public listener = %d, want 404", code)
	}
	res, err := http.Get(m[1] + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	var metrics bytes.Buffer
	_, _ = metrics.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("metrics listener = %d", res.StatusCode)
	}
	for _, want := range []string{
		`stafett_http_requests_total{code="200",method="GET",route="GET /healthz"} 1`,
		`stafett_http_requests_total{code="404",method="GET",route="/"} 1`,
		"go_sql_open_connections",
	} {
		if !strings.Contains(metrics.String(), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if code, _ := getJSON(t, m[1]+"/healthz", ""); code != 404 {
		t.Errorf("metrics listener serves /healthz: %d, want only /metrics", code)
	}
}

func TestRunDemo(t *testing.T) {
	dsn := storetest.DSN(t, "sqlite")
	base, out := start(t, nil, "serve", "--demo", "--database", dsn)
	if !strings.Contains(out.String(), demo.Password) || !strings.Contains(out.String(), "hanne.lie@fjordvik.example") {
		t.Errorf("demo accounts not printed:\n%s", out)
	}
	res, m := postJSON(t, base+"/api/v1/session", map[string]string{"email": "hanne.lie@fjordvik.example", "password": demo.Password})
	if res.StatusCode != 200 {
		t.Fatalf("demo sign in = %d %v", res.StatusCode, m)
	}
	_, mm := getJSON(t, base+"/api/v1/me", tokenOf(t, m))
	if roles := as[webtest.Me](t, mm).Roles; len(roles) != 1 || roles[0].Role != "unit_leader" {
		t.Errorf("demo leader roles = %+v", roles)
	}
	// The demo tells the BTI story: what each person sees of the demo logs.
	for _, c := range []struct {
		email string
		logs  int
	}{
		{"hanne.lie@fjordvik.example", 2},   // leader: the undring and Emma's log in her kindergarten
		{"ole.berg@fjordvik.example", 1},    // his own undring
		{"line.haugen@fjordvik.example", 1}, // Emma's mother
		{"ida.sande@fjordvik.example", 1},   // PPT, participant in Noah's log
		{"sara.johansen@fjordvik.example", 1},
		{"magnus.vik@fjordvik.example", 0}, // a transfer waits for him, the log is not his yet
		{"kommune.admin@fjordvik.example", 0},
	} {
		_, m := postJSON(t, base+"/api/v1/session", map[string]string{"email": c.email, "password": demo.Password})
		code, list := getJSON(t, base+"/api/v1/logs", tokenOf(t, m))
		if got := len(as[webtest.LogList](t, list).Logs); code != 200 || got != c.logs {
			t.Errorf("%s sees %d demo logs, want %d", c.email, got, c.logs)
		}
	}
}

func TestAdminCreate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		var out bytes.Buffer
		getenv := func(k string) string { return map[string]string{"STAFETT_DATABASE": dsn}[k] }
		err := run(context.Background(), []string{"admin", "create", "--email", "Ops@Kommune.no", "--name", "Ops"}, getenv,
			strings.NewReader("hemmelig-passord\n"), &out)
		if err != nil || !strings.Contains(out.String(), "ops@kommune.no created") {
			t.Fatalf("admin create: %v\n%s", err, out.String())
		}
		err = run(context.Background(), []string{"admin", "create", "--email", "ops@kommune.no"}, getenv, strings.NewReader("hemmelig-passord\n"), &out)
		if err == nil || !strings.Contains(err.Error(), "email=taken") {
			t.Errorf("second admin create with same e-mail: %v", err)
		}
		err = run(context.Background(), []string{"admin", "create", "--email", "kort@kommune.no"}, getenv, strings.NewReader("kort\n"), &out)
		if err == nil || !strings.Contains(err.Error(), "password=too_short") {
			t.Errorf("short password: %v", err)
		}
		base, _ := start(t, map[string]string{"STAFETT_DATABASE": dsn}, "serve")
		res, m := postJSON(t, base+"/api/v1/session", map[string]string{"email": "ops@kommune.no", "password": "hemmelig-passord"})
		if res.StatusCode != 200 {
			t.Fatalf("sign in as created admin = %d %v", res.StatusCode, m)
		}
		wantSecondFactorRule(t, base, tokenOf(t, m))
	})
}

func TestConfigProblemsReportedTogether(t *testing.T) {
	env := map[string]string{
		"STAFETT_ADDR":           "no-port",
		"STAFETT_BASE_URL":       "ftp://x",
		"STAFETT_ADMIN_EMAIL":    "a@b.no",
		"STAFETT_SESSION_IDLE":   "soon",
		"STAFETT_OIDC_CLIENT_ID": "stafett",
	}
	err := run(context.Background(), []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &bytes.Buffer{})
	if err == nil {
		t.Fatal("bad settings accepted")
	}
	for _, want := range []string{"STAFETT_ADDR", "STAFETT_BASE_URL", "STAFETT_ADMIN_EMAIL and STAFETT_ADMIN_PASSWORD", "STAFETT_SESSION_IDLE", "STAFETT_OIDC_ISSUER"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %s:\n%v", want, err)
		}
	}
}

func TestMigrateCommand(t *testing.T) {
	var out bytes.Buffer
	dsn := storetest.DSN(t, "sqlite")
	if err := run(context.Background(), []string{"migrate", "--database", dsn}, func(string) string { return "" }, nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "sqlite database is up to date") {
		t.Errorf("output = %q", out.String())
	}
	if err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, nil, &out); err == nil {
		t.Error("unknown command accepted")
	}
}

func TestServeNotifySettings(t *testing.T) {
	for _, env := range []map[string]string{
		{"STAFETT_SMTP_URL": "http://mail.example.no", "STAFETT_MAIL_FROM": "a@example.no"},
		{"STAFETT_SMTP_URL": "smtp://mail.example.no"},
		{"STAFETT_REMINDER_INTERVAL": "soon"},
	} {
		env["STAFETT_DATABASE"] = filepath.Join(t.TempDir(), "s.db")
		var out syncBuffer
		err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), &out)
		if err == nil || !strings.Contains(err.Error(), "STAFETT_") {
			t.Errorf("%v: %v", env, err)
		}
	}
	_, out := start(t, map[string]string{"STAFETT_DATABASE": filepath.Join(t.TempDir(), "s.db")}, "serve")
	if n := strings.Count(out.String(), "e-mail notifications off"); n != 1 {
		t.Errorf("said %d times that mail is off:\n%s", n, out)
	}
}
