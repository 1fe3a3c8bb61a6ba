package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"stafett/internal/auth"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// cheapHasher keeps tests fast; hashes record their own parameters, so production
// verification is unaffected.
var cheapHasher = auth.NewHasher(auth.Params{Memory: 64, Time: 1, Threads: 1})

const testPassword = "riktig-passord"

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// harness is a server on a real database with two municipalities of staff.
type harness struct {
	t     testing.TB
	db    *store.DB
	srv   *Server
	clock *clock
	fx    fixtures
	// recovery holds the unused recovery codes of users with a second factor.
	recovery map[string][]string
}

type fixtures struct {
	A, B                 org.Municipality
	UnitA, UnitA2, UnitB org.Unit
	SysAdmin, AdminA     people.User
	AdminB, LeaderA      people.User
	EmployeeA, EmployeeB people.User
	EmployeeA2           people.User // works at the health station (UnitA2)
	Plain                people.User // a user without roles (e.g. a guardian)
}

// eachHarness runs f once per database dialect.
func eachHarness(t *testing.T, f func(t *testing.T, h *harness)) {
	storetest.Each(t, func(t *testing.T, dsn string) { f(t, newHarness(t, dsn)) })
}

func newHarness(t testing.TB, dsn string) *harness {
	t.Helper()
	db := storetest.Open(t, dsn)
	c := &clock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	h := &harness{t: t, db: db, clock: c}
	h.srv = New(db, cheapHasher, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{}, nil)
	h.seed()
	return h
}

func (h *harness) seed() {
	ctx := context.Background()
	fx := &h.fx
	must := func(err error) {
		h.t.Helper()
		if err != nil {
			h.t.Fatal(err)
		}
	}
	hash, err := cheapHasher.Hash(testPassword)
	must(err)
	fx.SysAdmin = people.User{Email: "drift@test.no", Name: "Drift"}
	must(h.db.CreateSystemAdmin(ctx, &fx.SysAdmin, hash))
	fx.A = org.Municipality{Number: "4003", Name: "Skien"}
	fx.B = org.Municipality{Number: "4001", Name: "Porsgrunn"}
	must(h.db.CreateMunicipality(ctx, &fx.A))
	must(h.db.CreateMunicipality(ctx, &fx.B))
	fx.UnitA = org.Unit{MunicipalityID: fx.A.ID, Name: "Myren skole", Kind: org.School}
	fx.UnitA2 = org.Unit{MunicipalityID: fx.A.ID, Name: "Helsestasjonen", Kind: org.HealthStation}
	fx.UnitB = org.Unit{MunicipalityID: fx.B.ID, Name: "Vestsiden skole", Kind: org.School}
	for _, u := range []*org.Unit{&fx.UnitA, &fx.UnitA2, &fx.UnitB} {
		must(h.db.CreateUnit(ctx, u))
	}
	user := func(u *people.User, email, name, home string, roles ...people.Role) {
		*u = people.User{Email: email, Name: name, HomeMunicipalityID: home}
		must(h.db.CreateUser(ctx, u, hash))
		for _, r := range roles {
			must(h.db.AddRole(ctx, u.ID, &r))
		}
	}
	user(&fx.AdminA, "admin@skien.no", "Anne Admin", fx.A.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.A.ID})
	user(&fx.AdminB, "admin@porsgrunn.no", "Bernt Admin", fx.B.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.B.ID})
	user(&fx.LeaderA, "rektor@skien.no", "Rita Rektor", fx.A.ID, people.Role{Role: people.UnitLeader, UnitID: fx.UnitA.ID})
	user(&fx.EmployeeA, "larer@skien.no", "Lars Lærer", fx.A.ID, people.Role{Role: people.Employee, UnitID: fx.UnitA.ID})
	user(&fx.EmployeeA2, "helsesykepleier@skien.no", "Hege Helse", fx.A.ID, people.Role{Role: people.Employee, UnitID: fx.UnitA2.ID})
	user(&fx.EmployeeB, "larer@porsgrunn.no", "Pia Lærer", fx.B.ID, people.Role{Role: people.Employee, UnitID: fx.UnitB.ID})
	user(&fx.Plain, "forelder@example.no", "Frida Forelder", "")
	// Administrators must have a second factor before the administration pages open.
	for _, u := range []people.User{fx.SysAdmin, fx.AdminA, fx.AdminB} {
		h.enrolTOTP(u.ID)
	}
}

// testTOTPSecret is the second factor every administrator in the harness has.
const testTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// enrolTOTP turns on two-step verification for user uid with testTOTPSecret.
func (h *harness) enrolTOTP(uid string) {
	h.t.Helper()
	ctx := context.Background()
	codes, hashes := auth.NewRecoveryCodes()
	if err := h.db.BeginTOTP(ctx, uid, testTOTPSecret); err != nil {
		h.t.Fatal(err)
	}
	if err := h.db.ConfirmTOTP(ctx, uid, h.totpCode(), auth.TOTP{}, hashes); err != nil {
		h.t.Fatal(err)
	}
	if h.recovery == nil {
		h.recovery = map[string][]string{}
	}
	h.recovery[uid] = codes
}

// recoveryCode returns an unused recovery code of user uid, "" for a user without a
// second factor. Time-based codes are accepted once per 30 seconds, and tests sign
// the same administrator in many times without the clock moving, so they use these.
func (h *harness) recoveryCode(uid string) string {
	h.t.Helper()
	codes, ok := h.recovery[uid]
	if !ok {
		return ""
	}
	if len(codes) == 0 {
		var hashes []string
		codes, hashes = auth.NewRecoveryCodes()
		if err := h.db.ReplaceRecoveryCodes(context.Background(), uid, hashes); err != nil {
			h.t.Fatal(err)
		}
	}
	h.recovery[uid] = codes[1:]
	return codes[0]
}

// totpCode is the code of testTOTPSecret at the harness clock.
func (h *harness) totpCode() string {
	code, err := totp.GenerateCode(testTOTPSecret, h.clock.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	return code
}

// response is a recorded answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r *response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// errorCode returns error.code and error.fields of an error body.
func (r *response) errorCode(t testing.TB) (string, map[string]any) {
	t.Helper()
	e, ok := r.json(t)["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %s", r.body)
	}
	fields, _ := e["fields"].(map[string]any)
	code, _ := e["code"].(string)
	return code, fields
}

// do sends a request with an optional bearer token; body may be nil, a string (sent
// as is) or a value to encode as JSON.
func (h *harness) do(method, path, token string, body any) *response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	return &response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// login signs in as u and returns the token.
func (h *harness) login(u people.User) string {
	h.t.Helper()
	body := map[string]string{"email": u.Email, "password": testPassword}
	if code := h.recoveryCode(u.ID); code != "" {
		body["totp"] = code
	}
	res := h.do("POST", "/api/v1/session", "", body)
	if res.status != http.StatusOK {
		h.t.Fatalf("login %s: %d %s", u.Email, res.status, res.body)
	}
	tok, _ := res.json(h.t)["token"].(string)
	if tok == "" {
		h.t.Fatalf("login %s: no token in %s", u.Email, res.body)
	}
	return tok
}

func newRequest(method, path string) *http.Request { return httptest.NewRequest(method, path, nil) }

func jsonBody(v any) io.ReadCloser {
	b, _ := json.Marshal(v)
	return io.NopCloser(bytes.NewReader(b))
}

func (h *harness) serve(req *http.Request) *response {
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	return &response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}
