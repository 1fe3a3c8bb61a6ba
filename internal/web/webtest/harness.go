// Package webtest is the shared test harness of the web packages: it starts the
// whole server on a real database (SQLite, and PostgreSQL when
// STAFETT_TEST_POSTGRES is set), seeds two municipalities of staff, signs in as a
// role through the API or a browser's cookie, and sends requests.
package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"stafett/internal/auth"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
	"stafett/internal/web"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"
)

// Hasher keeps tests fast; hashes record their own parameters, so production
// verification is unaffected.
var Hasher = auth.NewHasher(auth.Params{Memory: 64, Time: 1, Threads: 1})

const Password = "riktig-passord"

// Clock is a settable test clock.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now is the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Harness is a server on a real database with two municipalities of staff.
type Harness struct {
	T     testing.TB
	DB    *store.DB
	Srv   *web.Server
	Clock *Clock
	Fx    Fixtures
	// Recovery holds the unused recovery codes of users with a second factor.
	Recovery map[string][]string
	// texts are the UI texts, for comparing with what a page shows.
	texts *i18n.Catalog
}

// Fixtures are the municipalities, units and people every harness starts with.
type Fixtures struct {
	A, B                 org.Municipality
	UnitA, UnitA2, UnitB org.Unit
	SysAdmin, AdminA     people.User
	AdminB, LeaderA      people.User
	EmployeeA, EmployeeB people.User
	EmployeeA2           people.User // works at the health station (UnitA2)
	Plain                people.User // a user without roles (e.g. a guardian)
}

// Each runs f once per database dialect, each time on a new harness.
func Each(t *testing.T, f func(t *testing.T, h *Harness)) {
	storetest.Each(t, func(t *testing.T, dsn string) { f(t, New(t, dsn)) })
}

// New starts a server on a new database at dsn (see storetest) and seeds it.
func New(t testing.TB, dsn string) *Harness {
	t.Helper()
	db := storetest.Open(t, dsn)
	c := &Clock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	texts, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := &Harness{T: t, DB: db, Clock: c, texts: texts}
	h.Srv = web.New(db, Hasher, slog.New(slog.NewTextHandler(io.Discard, nil)), web.Config{}, nil)
	h.seed()
	return h
}

func (h *Harness) seed() {
	ctx := context.Background()
	fx := &h.Fx
	sys := people.System()
	must := func(err error) {
		h.T.Helper()
		if err != nil {
			h.T.Fatal(err)
		}
	}
	hash, err := Hasher.Hash(Password)
	must(err)
	fx.SysAdmin = people.User{Email: "drift@test.no", Name: "Drift"}
	must(h.DB.CreateSystemAdmin(ctx, sys, &fx.SysAdmin, hash))
	fx.A = org.Municipality{Number: "4003", Name: "Skien"}
	fx.B = org.Municipality{Number: "4001", Name: "Porsgrunn"}
	must(h.DB.CreateMunicipality(ctx, sys, &fx.A))
	must(h.DB.CreateMunicipality(ctx, sys, &fx.B))
	fx.UnitA = org.Unit{MunicipalityID: fx.A.ID, Name: "Myren skole", Kind: org.School}
	fx.UnitA2 = org.Unit{MunicipalityID: fx.A.ID, Name: "Helsestasjonen", Kind: org.HealthStation}
	fx.UnitB = org.Unit{MunicipalityID: fx.B.ID, Name: "Vestsiden skole", Kind: org.School}
	for _, u := range []*org.Unit{&fx.UnitA, &fx.UnitA2, &fx.UnitB} {
		must(h.DB.CreateUnit(ctx, sys, u))
	}
	user := func(u *people.User, email, name, home string, roles ...people.Role) {
		*u = people.User{Email: email, Name: name, HomeMunicipalityID: home}
		must(h.DB.CreateUser(ctx, sys, u, hash))
		for _, r := range roles {
			must(h.DB.GrantRole(ctx, sys, u.ID, &r))
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
		h.EnrolTOTP(u.ID)
	}
}

// TOTPSecret is the second factor every administrator in the Harness has.
const TOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// enrolTOTP turns on two-step verification for user uid with TOTPSecret.
func (h *Harness) EnrolTOTP(uid string) {
	h.T.Helper()
	ctx := context.Background()
	codes, hashes := auth.NewRecoveryCodes()
	if err := h.DB.BeginTOTP(ctx, uid, TOTPSecret); err != nil {
		h.T.Fatal(err)
	}
	if err := h.DB.ConfirmTOTP(ctx, uid, "", h.TOTPCode(), auth.TOTP{}, hashes); err != nil {
		h.T.Fatal(err)
	}
	if h.Recovery == nil {
		h.Recovery = map[string][]string{}
	}
	h.Recovery[uid] = codes
}

// recoveryCode returns an unused recovery code of user uid, "" for a user without a
// second factor. Time-based codes are accepted once per 30 seconds, and tests sign
// the same administrator in many times without the Clock moving, so they use these.
func (h *Harness) RecoveryCode(uid string) string {
	h.T.Helper()
	codes, ok := h.Recovery[uid]
	if !ok {
		return ""
	}
	if len(codes) == 0 {
		var hashes []string
		codes, hashes = auth.NewRecoveryCodes()
		if err := h.DB.ReplaceRecoveryCodes(context.Background(), uid, hashes); err != nil {
			h.T.Fatal(err)
		}
	}
	h.Recovery[uid] = codes[1:]
	return codes[0]
}

// totpCode is the code of TOTPSecret at the Harness clock.
func (h *Harness) TOTPCode() string {
	code, err := totp.GenerateCode(TOTPSecret, h.Clock.Now())
	if err != nil {
		h.T.Fatal(err)
	}
	return code
}

// Response is a recorded answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r *Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("Response is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

// errorCode returns error.code and error.fields of an error body.
func (r *Response) ErrorCode(t testing.TB) (string, map[string]any) {
	t.Helper()
	e, ok := r.JSON(t)["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %s", r.Body)
	}
	fields, _ := e["fields"].(map[string]any)
	code, _ := e["code"].(string)
	return code, fields
}

// do sends a request with an optional bearer token; body may be nil, a string (sent
// as is) or a value to encode as JSON.
func (h *Harness) Do(method, path, token string, body any) *Response {
	h.T.Helper()
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
			h.T.Fatal(err)
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
	h.Srv.ServeHTTP(rec, req)
	return &Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

// login signs in as u and returns the token.
func (h *Harness) Login(u people.User) string {
	h.T.Helper()
	body := map[string]string{"email": u.Email, "password": Password}
	if code := h.RecoveryCode(u.ID); code != "" {
		body["totp"] = code
	}
	res := h.Do("POST", "/api/v1/session", "", body)
	if res.Status != http.StatusOK {
		h.T.Fatalf("login %s: %d %s", u.Email, res.Status, res.Body)
	}
	tok, _ := res.JSON(h.T)["token"].(string)
	if tok == "" {
		h.T.Fatalf("login %s: no token in %s", u.Email, res.Body)
	}
	return tok
}

func NewRequest(method, path string) *http.Request { return httptest.NewRequest(method, path, nil) }

func JSONBody(v any) io.ReadCloser {
	b, _ := json.Marshal(v)
	return io.NopCloser(bytes.NewReader(b))
}

func (h *Harness) Serve(req *http.Request) *Response {
	rec := httptest.NewRecorder()
	h.Srv.ServeHTTP(rec, req)
	return &Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

// adminDo sends a page request as a browser does: the session cookie of token
// ("" for anonymous) and, with a form, a same-origin form post.
func (h *Harness) Page(method, path, token string, form url.Values) *Response {
	h.T.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: token})
	}
	return h.Serve(req)
}

// nbText is the bokmål text of a catalog key.
func (h *Harness) NBText(key string) string {
	return h.texts.Localizer(i18n.Bokmal).T(key)
}

// wantFieldError checks a failed form: 422, the message of code at the field with
// ID id (marked invalid), and the message in the error summary.
func (h *Harness) WantFieldError(t *testing.T, res *Response, id, code string) {
	t.Helper()
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	want := h.NBText("field." + code)
	if got := strings.TrimSpace(doc.Find("#" + id + "-error").Text()); got != want {
		t.Errorf("message at %s = %q, want %q", id, got, want)
	}
	if v, _ := doc.Find("#" + id).Attr("aria-invalid"); v != "true" {
		t.Errorf("%s is not marked invalid", id)
	}
	if doc.Find(`.ds-error-summary a[href="#`+id+`"]`).Length() != 1 {
		t.Errorf("the error summary does not link to %s", id)
	}
}

func (r *Response) Doc(t *testing.T) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// signInFrom posts e-mail and password to the API from the client address addr.
func (h *Harness) SignInFrom(addr, email, password string) *Response {
	h.T.Helper()
	req := httptest.NewRequest("POST", "/api/v1/session", JSONBody(map[string]string{"email": email, "password": password}))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr + ":40000"
	return h.Serve(req)
}

// setClock moves the test Clock to at.
func (h *Harness) SetClock(at time.Time) {
	h.Clock.mu.Lock()
	defer h.Clock.mu.Unlock()
	h.Clock.now = at
}

// FormPart is one part of a multipart consent form.
type FormPart struct {
	name, value string
	file        []byte
	filename    string
	ctype       string // the Content-Type the upload claims
	isFile      bool
}

func Field(name, value string) FormPart { return FormPart{name: name, value: value} }

func File(data []byte, filename, ctype string) FormPart {
	return FormPart{name: "file", file: data, filename: filename, ctype: ctype, isFile: true}
}

// multipartBody encodes parts and returns the body and its Content-Type.
func MultipartBody(t testing.TB, parts ...FormPart) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		if !p.isFile {
			if err := mw.WriteField(p.name, p.value); err != nil {
				t.Fatal(err)
			}
			continue
		}
		hdr := textproto.MIMEHeader{}
		hdr.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.name, p.filename))
		hdr.Set("Content-Type", p.ctype)
		w, err := mw.CreatePart(hdr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(p.file); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// multipartRequest posts parts to path, as an API client (token) or, with cookie, as
// a browser form.
func (h *Harness) MultipartRequest(path, token string, cookie bool, parts ...FormPart) *Response {
	h.T.Helper()
	body, ctype := MultipartBody(h.T, parts...)
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	switch {
	case token == "":
	case cookie:
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: token})
	default:
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return h.Serve(req)
}

// ServeWith sends a request without a session to another server srv (on the same
// database, e.g. with other settings).
func (h *Harness) ServeWith(srv http.Handler, method, path string) *Response {
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return &Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}
