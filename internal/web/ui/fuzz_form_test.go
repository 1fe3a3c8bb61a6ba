package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"stafett/internal/web/app/apptest"
	"stafett/internal/web/ui/i18n"
	"strconv"
	"strings"
	"testing"
)

// fuzzServer is a Server without a database: enough for the decoders, the form
// helpers and rendering pages.
func fuzzServer(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{App: &app.App{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Cfg: app.Config{MaxBodyBytes: app.DefaultMaxBodyBytes}}}
	var err error
	if s.catalog, err = i18n.Load(); err != nil {
		tb.Fatal(err)
	}
	if s.static, err = newStaticFiles(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// formSeeds are page form bodies as the pages post them, and broken ones.
var formSeeds = []struct{ contentType, body string }{
	{"application/x-www-form-urlencoded", "email=larer%40skien.no&password=riktig-passord&neste=%2Flogg%2Fabc"},
	{"application/x-www-form-urlencoded", "kind=meeting&text=Referat&held_at=2026-11-23T10%3A00&attendees=Lars%0D%0AHege&decisions=Ingen"},
	{"application/x-www-form-urlencoded", "kind=measure&text=t&goal=g&responsible_user_id=u&start_date=2026-01-01&evaluate_by=2026-02-01"},
	{"application/x-www-form-urlencoded", "kind=evaluation&measure_id=m&outcome=partly&text=t"},
	{"application/x-www-form-urlencoded", "covers_unit_ids=u1&covers_unit_ids=u2&expires_at=2027-01-01&given_by=Kari"},
	{"application/x-www-form-urlencoded", "level=2&reason=Samtykke+gitt"},
	{"application/x-www-form-urlencoded", "role=employee%3Au1&role=municipality_admin%3Am1&role=%3A&role=system_admin%3A"},
	{"application/x-www-form-urlencoded", "unit_id=u&name=Ole&initials=OB&birth_date=2018-05-04&concern=Tr%C3%B8tt"},
	{"application/x-www-form-urlencoded", "lang=nn&neste=%2F%2Fevil.example"},
	{"application/x-www-form-urlencoded", "a=%zz&b=%&c"},
	{"application/x-www-form-urlencoded", "text=%00%FF%FE&kind=note"},
	{"application/x-www-form-urlencoded; charset=utf-16", "\xff\xfek\x00=\x00v\x00"},
	{"application/x-www-form-urlencoded", strings.Repeat("a=1&", 2000)},
	{"application/x-www-form-urlencoded", "held_at=2026-13-40T25%3A61&expires_at=9999-12-31T23%3A59%3A59-23%3A59"},
	{"text/plain", "email=a"},
	{"", "email=a"},
	{"multipart/form-data", "--x\r\n"},
	{"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"covers_unit_ids\"\r\n\r\nu1\r\n--x\r\n" +
		"Content-Disposition: form-data; name=\"file\"; filename=\"s.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--x--\r\n"},
	{"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--x--\r\n"},
	{"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"},
	{"multipart/form-data; boundary=\"\"", "----\r\n"},
	{"multipart/mixed; boundary=x", "--x--\r\n"},
}

// FuzzPageForm reads any body with any content type as the page forms do, builds
// what each form builds from it and validates that as the store would, and shows
// the failed form again. Failures must be 4xx, and what was sent must come back
// escaped.
func FuzzPageForm(f *testing.F) {
	s := fuzzServer(f)
	for _, c := range formSeeds {
		f.Add(c.contentType, []byte(c.body))
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		r := httptest.NewRequest("POST", "/logg/x/innslag", bytes.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 64<<10)
		err := app.ParsePostForm(r)
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		apptest.WantClientError(t, "parse", err)
		if err != nil {
			return
		}
		checkPageForms(t, s, r)
		renderFailedForm(t, s, r)
	})
}

// checkPageForms builds and validates what each page form builds from r's form.
func checkPageForms(t *testing.T, s *Server, r *http.Request) {
	t.Helper()
	p := r.PostForm
	in, err := s.entryFromForm(r)
	apptest.WantClientError(t, "entry form", err)
	if err == nil {
		apptest.Validated(t, "entry form", &in, in.Validate())
	}
	consent, _, err := app.ConsentFromForm(r)
	apptest.WantClientError(t, "consent form", err)
	if err == nil {
		apptest.Validated(t, "consent form", &consent, consent.Validate(apptest.Now))
	}
	undring := logbook.NewLog{UnitID: p.Get("unit_id"), Concern: p.Get("concern"),
		Child: logbook.Child{Name: p.Get("name"), Initials: p.Get("initials"), BirthDate: logbook.Date(p.Get("birth_date"))}}
	apptest.Validated(t, "undring form", &undring, undring.Validate(apptest.Now))
	decision := logbook.UndringDecision{Outcome: logbook.UndringOutcome(p.Get("outcome")), Text: p.Get("text")}
	apptest.Validated(t, "undring decision form", &decision, decision.Validate())
	closure := logbook.NewClosure{Reason: logbook.ClosureReason(p.Get("reason")), Text: p.Get("text")}
	apptest.Validated(t, "close form", &closure, closure.Validate())
	part := logbook.NewParticipant{UserID: p.Get("user_id"), Access: logbook.ParticipantAccess(p.Get("access"))}
	apptest.Validated(t, "participant form", &part, part.Validate("holder"))
	tr := logbook.NewTransfer{ToUserID: p.Get("to_user_id"), Note: p.Get("note"), OldHolderLeaves: p.Get("old_holder_leaves") == "true"}
	apptest.Validated(t, "transfer form", &tr, tr.Validate("holder"))
	if _, err := strconv.Atoi(p.Get("level")); err != nil && p.Get("level") != "" {
		apptest.WantClientError(t, "level form", fault.Validation("level", fault.FieldFormat))
	}
	for _, v := range p["role"] {
		role := parseRoleValue(v)
		apptest.WantClientError(t, "role "+v, role.Validate())
	}
	u := people.User{Email: postValue(r, "email"), Name: postValue(r, "name"), NationalID: postValue(r, "national_id")}
	apptest.Validated(t, "user form", &u, u.Validate(p.Get("password")))
}

// renderFailedForm shows the sign-in page again with r's form failed on every
// field sent, as a failed submission is shown, and checks that it renders and that
// a value cannot break out of its attribute.
func renderFailedForm(t *testing.T, s *Server, r *http.Request) {
	t.Helper()
	const marker = `"><x-fz>`
	values := url.Values{}
	for k, vs := range r.PostForm {
		values[k] = append([]string(nil), vs...)
	}
	values.Set("email", values.Get("email")+marker)
	var fields fault.Fields
	for name := range values {
		fields.Add(name, fault.FieldInvalid)
	}
	fm, err := formError("signin", &http.Request{PostForm: values}, fields.Err())
	if err != nil {
		t.Fatalf("formError: %v", err)
	}
	m := &signInPage{layout: s.layoutFor(r, "signin.title"), Next: localPath(values.Get("neste"))}
	m.failed = fm
	for name := range values {
		_ = m.Field("signin", name, "label."+name)
	}
	if m.Errors("signin") == nil {
		t.Fatal("no error summary for a failed form")
	}
	rec := httptest.NewRecorder()
	if err := s.pages.render(r.Context(), rec, http.StatusUnprocessableEntity, signInView(m)); err != nil {
		t.Fatalf("render: %v", err)
	}
	if strings.Contains(rec.Body.String(), marker) {
		t.Fatalf("a form value was written into the page unescaped")
	}
}

// FuzzTimeInput sends any text as every time and date the API and the page forms
// read: an unreadable one must be a validation error naming its field, and an
// accepted one must survive being written as JSON.
func FuzzTimeInput(f *testing.F) {
	s := fuzzServer(f)
	for _, v := range []string{
		"2026-11-23T10:00:00+01:00", "2026-11-23T10:00", "2026-11-23", "2026-11-23T10:00:00Z", "2026-02-29",
		"9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00+23:59", "2026-11-23T25:00", "2026-03-29T02:30",
		"2026-11-23T10:00:00.123456789123Z", "i morgen", "", " ", "\x00", "+12026-11-23", "2026-11-23T10:00:00+24:00",
	} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		quoted, _ := json.Marshal(v)
		var entry logbook.NewEntry
		err := app.DecodeJSON(apptest.CapRequest([]byte(`{"kind":"meeting","text":"t","attendees":["A"],"held_at":`+string(quoted)+`}`), 1<<20), &entry)
		onlyField(t, "held_at (JSON)", err, "held_at")
		if err == nil {
			apptest.Validated(t, "held_at (JSON)", &entry, entry.Validate())
		}
		var consent logbook.NewConsent
		err = app.DecodeJSON(apptest.CapRequest([]byte(`{"covers_unit_ids":["u"],"expires_at":`+string(quoted)+`}`), 1<<20), &consent)
		onlyField(t, "expires_at (JSON)", err, "expires_at")
		if err == nil {
			apptest.Validated(t, "expires_at (JSON)", &consent, consent.Validate(apptest.Now))
		}
		form := url.Values{"kind": {"meeting"}, "text": {"t"}, "attendees": {"A"}, "held_at": {v}, "covers_unit_ids": {"u"}, "expires_at": {v}}
		r := httptest.NewRequest("POST", "/", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := app.ParsePostForm(r); err != nil {
			t.Fatal(err)
		}
		entry, err = s.entryFromForm(r)
		onlyField(t, "held_at (form)", err, "held_at")
		if err == nil {
			apptest.Validated(t, "held_at (form)", &entry, entry.Validate())
		}
		consent, _, err = app.ConsentFromForm(r)
		onlyField(t, "expires_at (form)", err, "expires_at")
		if err == nil {
			apptest.Validated(t, "expires_at (form)", &consent, consent.Validate(apptest.Now))
		}
		for _, d := range []logbook.Date{logbook.Date(v)} {
			u := logbook.NewLog{UnitID: "u", Concern: "c", Child: logbook.Child{Initials: "AB", BirthDate: d}}
			apptest.Validated(t, "birth_date", &u, u.Validate(apptest.Now))
		}
	})
}

// onlyField fails unless err is nil or a validation error of field alone (or a
// body that is no JSON object, 400, for text that breaks the JSON around it).
func onlyField(t *testing.T, what string, err error, field string) {
	t.Helper()
	apptest.WantClientError(t, what, err)
	var e *fault.Error
	if err != nil && errors.As(err, &e) && len(e.Fields) > 0 && (len(e.Fields) != 1 || e.Fields[field] == "") {
		t.Fatalf("%s: %v names other fields", what, err)
	}
}

// FuzzLocalPath checks the redirect target after sign-in and language choice (the
// "neste" parameter, which anyone can set in a link): whatever it says, the browser
// must stay on this site. Browsers drop tabs and newlines from a Location and read
// a backslash as a slash, so the check does the same.
func FuzzLocalPath(f *testing.F) {
	for _, s := range []string{
		"/", "/logg/abc?fane=tidslinje#innslag-1", "//evil.example", "/\\evil.example", "/\t/evil.example",
		"/\n/evil.example", "\\\\evil.example", "https://evil.example", "/%2F%2Fevil.example", "/../../evil",
		"/./\t\\evil.example", " /", "", "javascript:alert(1)", "/\x00", "/\r\n/evil.example",
	} {
		f.Add(s)
	}
	site, _ := url.Parse("https://stafett.example/innlogging")
	f.Fuzz(func(t *testing.T, next string) {
		got := localPath(next)
		rec := httptest.NewRecorder()
		http.Redirect(rec, httptest.NewRequest("POST", "/innlogging", nil), got, http.StatusSeeOther)
		loc := rec.Header().Get("Location")
		browser := strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(loc)
		u, err := site.Parse(browser)
		if err == nil && (u.Scheme != "https" || u.Host != "stafett.example") {
			t.Fatalf("localPath(%q) = %q: the browser goes to %s", next, got, u)
		}
		if !strings.HasPrefix(got, "/") {
			t.Fatalf("localPath(%q) = %q", next, got)
		}
	})
}

// FuzzClientAddr checks the client address taken from the peer and
// X-Forwarded-For: it is always an address or a /64, and from a peer that is not a
// trusted proxy the header changes nothing.
func FuzzClientAddr(f *testing.F) {
	for _, c := range [][2]string{
		{"192.0.2.1:1234", ""}, {"10.0.0.1:443", "198.51.100.1"}, {"10.0.0.1:443", "198.51.100.1, 10.0.0.2"},
		{"[2001:db8::1]:443", ""}, {"[::ffff:10.0.0.1]:443", "[2001:db8::1]"}, {"10.0.0.1:443", "unknown, 1.2.3.4"},
		{"", ""}, {"@", "%"}, {"[fe80::1%eth0]:80", "fe80::2%lo"}, {"10.0.0.1:443", strings.Repeat("1.1.1.1,", 100)},
	} {
		f.Add(c[0], c[1])
	}
	s := &app.App{Cfg: app.Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}}}
	plain := &app.App{}
	f.Fuzz(func(t *testing.T, remote, xff string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", xff)
		got := s.ClientAddr(r)
		if got != "unknown" {
			if _, err := netip.ParseAddr(got); err != nil {
				if p, err := netip.ParsePrefix(got); err != nil || p.Bits() != 64 {
					t.Fatalf("clientAddr = %q", got)
				}
			}
		}
		bare := r.Clone(r.Context())
		bare.Header.Del("X-Forwarded-For")
		if plain.ClientAddr(r) != plain.ClientAddr(bare) {
			t.Fatalf("X-Forwarded-For %q was believed from an untrusted peer", xff)
		}
	})
}
