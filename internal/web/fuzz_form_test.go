package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

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
		err := parsePostForm(r)
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		wantClientError(t, "parse", err)
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
	wantClientError(t, "entry form", err)
	if err == nil {
		validated(t, "entry form", &in, in.Validate())
	}
	consent, _, err := consentFromForm(r)
	wantClientError(t, "consent form", err)
	if err == nil {
		validated(t, "consent form", &consent, consent.Validate(fuzzNow))
	}
	undring := logbook.NewLog{UnitID: p.Get("unit_id"), Concern: p.Get("concern"),
		Child: logbook.Child{Name: p.Get("name"), Initials: p.Get("initials"), BirthDate: logbook.Date(p.Get("birth_date"))}}
	validated(t, "undring form", &undring, undring.Validate(fuzzNow))
	decision := logbook.UndringDecision{Outcome: logbook.UndringOutcome(p.Get("outcome")), Text: p.Get("text")}
	validated(t, "undring decision form", &decision, decision.Validate())
	closure := logbook.NewClosure{Reason: logbook.ClosureReason(p.Get("reason")), Text: p.Get("text")}
	validated(t, "close form", &closure, closure.Validate())
	part := logbook.NewParticipant{UserID: p.Get("user_id"), Access: logbook.ParticipantAccess(p.Get("access"))}
	validated(t, "participant form", &part, part.Validate("holder"))
	tr := logbook.NewTransfer{ToUserID: p.Get("to_user_id"), Note: p.Get("note"), OldHolderLeaves: p.Get("old_holder_leaves") == "true"}
	validated(t, "transfer form", &tr, tr.Validate("holder"))
	if _, err := strconv.Atoi(p.Get("level")); err != nil && p.Get("level") != "" {
		wantClientError(t, "level form", fault.Validation("level", fault.FieldFormat))
	}
	for _, v := range p["role"] {
		role := parseRoleValue(v)
		wantClientError(t, "role "+v, role.Validate())
	}
	u := people.User{Email: postValue(r, "email"), Name: postValue(r, "name"), NationalID: postValue(r, "national_id")}
	validated(t, "user form", &u, u.Validate(p.Get("password")))
}

// validated checks a validation result: a 4xx fault, or a value that can be written
// as JSON, as every answer and stored record needs, also with its times in UTC, as
// the store keeps them.
func validated(t *testing.T, what string, v any, err error) {
	t.Helper()
	wantClientError(t, what, err)
	if err != nil {
		return
	}
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("%s: an accepted value cannot be written as JSON: %v", what, err)
	}
	rv := reflect.Indirect(reflect.ValueOf(v))
	for i := range rv.NumField() {
		var tm time.Time
		switch f := rv.Field(i).Interface().(type) {
		case time.Time:
			tm = f
		case *time.Time:
			if f == nil {
				continue
			}
			tm = *f
		default:
			continue
		}
		if _, err := tm.UTC().MarshalJSON(); err != nil {
			t.Fatalf("%s: accepted %s = %v, which cannot be stored and read back: %v", what, rv.Type().Field(i).Name, tm, err)
		}
	}
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
	if err := s.views.render(rec, http.StatusUnprocessableEntity, "signin", m); err != nil {
		t.Fatalf("render: %v", err)
	}
	if strings.Contains(rec.Body.String(), marker) {
		t.Fatalf("a form value was written into the page unescaped")
	}
}

// FuzzConsentUpload posts a paper consent with any scanned file, file name, claimed
// type and fields as multipart/form-data, the way the consent endpoint and form read
// it. Failures must be 4xx; an accepted file must be one of the allowed types by its
// content, whatever it claimed, and stored as sent.
func FuzzConsentUpload(f *testing.F) {
	pdf := []byte("%PDF-1.4\n% samtykke\n%%EOF\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	jpeg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	for _, c := range []struct {
		name, ctype string
		data        []byte
		units       string
		expires     string
	}{
		{"samtykke.pdf", "application/pdf", pdf, "u1", ""},
		{"skann.png", "image/png", png, "u1,u2", "2027-01-01"},
		{"skann.jpg", "image/jpeg", jpeg, "u1", "2027-01-01T00:00:00Z"},
		{"virus.pdf", "application/pdf", []byte("MZ\x90\x00"), "u1", ""},
		{"side.html", "text/html", []byte("<html><script>alert(1)</script>"), "", "i morgen"},
		{"", "", nil, "u1", ""},
		{"tom.pdf", "application/pdf", []byte{}, "u1", ""},
		{"a\"b\\c\r\n.pdf", "x/y; z=\"", pdf, "\x00", "\xff"},
		{"bilde.gif", "image/gif", []byte("GIF89a"), "u1", ""},
		{"dokument.svg", "image/svg+xml", []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), "u1", ""},
	} {
		f.Add(c.name, c.ctype, c.data, c.units, c.expires)
	}
	f.Fuzz(func(t *testing.T, filename, ctype string, data []byte, units, expires string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for _, u := range strings.Split(units, ",") {
			_ = mw.WriteField("covers_unit_ids", u)
		}
		_ = mw.WriteField("expires_at", expires)
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{`form-data; name="file"; filename="` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(filename) + `"`}
		if ctype != "" {
			h["Content-Type"] = []string{ctype}
		}
		if pw, err := mw.CreatePart(h); err == nil {
			_, _ = pw.Write(data)
		}
		_ = mw.Close()
		r := httptest.NewRequest("POST", "/api/v1/logs/x/consents", &buf)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, MaxConsentFileBytes+1<<20)
		in, file, err := parseConsentForm(r)
		wantClientError(t, "consent upload", err)
		if err != nil {
			return
		}
		if file == nil {
			if fhs := r.MultipartForm.File["file"]; len(fhs) > 0 && fhs[0].Size > 0 {
				t.Fatalf("a file of %d bytes was dropped", fhs[0].Size)
			}
		} else {
			checkConsentFile(t, file, data)
		}
		validated(t, "consent upload", &in, in.Validate(fuzzNow))
	})
}

func checkConsentFile(t *testing.T, file *store.ConsentFile, sent []byte) {
	t.Helper()
	if !consentFileTypes[file.ContentType] || http.DetectContentType(file.Data) != file.ContentType {
		t.Fatalf("accepted a file of type %q that sniffs as %q", file.ContentType, http.DetectContentType(file.Data))
	}
	if !bytes.Equal(file.Data, sent) {
		t.Fatalf("stored %d bytes, %d were sent", len(file.Data), len(sent))
	}
}

// FuzzSniffConsentFile checks the type sniffing of scanned consent forms on any
// content: only PDF, JPEG and PNG by their first bytes are accepted, as sent, and
// anything else is a 4xx naming the file.
func FuzzSniffConsentFile(f *testing.F) {
	for _, s := range []string{
		"%PDF-1.7\n", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff", "GIF89a", "<html>", "<?xml", "PK\x03\x04", "MZ",
		"\xef\xbb\xbf%PDF-1.4", " %PDF-1.4", "%PDF", "", "\x00\x00\x01\x00", "RIFF\x00\x00\x00\x00WEBPVP",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := sniffConsentFile(data)
		wantClientError(t, "sniff", err)
		if err != nil {
			if file != nil {
				t.Fatal("a refused file was returned")
			}
			var e *fault.Error
			if fault.Is(err, fault.Invalid) && (!errors.As(err, &e) || e.Fields["file"] == "") {
				t.Fatalf("refusal %v does not name the file", err)
			}
			if ct := http.DetectContentType(data); consentFileTypes[ct] && len(data) > 0 && len(data) <= MaxConsentFileBytes {
				t.Fatalf("refused a %s", ct)
			}
			return
		}
		checkConsentFile(t, file, data)
	})
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
		err := decodeJSON(capRequest([]byte(`{"kind":"meeting","text":"t","attendees":["A"],"held_at":`+string(quoted)+`}`), 1<<20), &entry)
		onlyField(t, "held_at (JSON)", err, "held_at")
		if err == nil {
			validated(t, "held_at (JSON)", &entry, entry.Validate())
		}
		var consent logbook.NewConsent
		err = decodeJSON(capRequest([]byte(`{"covers_unit_ids":["u"],"expires_at":`+string(quoted)+`}`), 1<<20), &consent)
		onlyField(t, "expires_at (JSON)", err, "expires_at")
		if err == nil {
			validated(t, "expires_at (JSON)", &consent, consent.Validate(fuzzNow))
		}
		form := url.Values{"kind": {"meeting"}, "text": {"t"}, "attendees": {"A"}, "held_at": {v}, "covers_unit_ids": {"u"}, "expires_at": {v}}
		r := httptest.NewRequest("POST", "/", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := parsePostForm(r); err != nil {
			t.Fatal(err)
		}
		entry, err = s.entryFromForm(r)
		onlyField(t, "held_at (form)", err, "held_at")
		if err == nil {
			validated(t, "held_at (form)", &entry, entry.Validate())
		}
		consent, _, err = consentFromForm(r)
		onlyField(t, "expires_at (form)", err, "expires_at")
		if err == nil {
			validated(t, "expires_at (form)", &consent, consent.Validate(fuzzNow))
		}
		for _, d := range []logbook.Date{logbook.Date(v)} {
			u := logbook.NewLog{UnitID: "u", Concern: "c", Child: logbook.Child{Initials: "AB", BirthDate: d}}
			validated(t, "birth_date", &u, u.Validate(fuzzNow))
		}
	})
}

// onlyField fails unless err is nil or a validation error of field alone (or a
// body that is no JSON object, 400, for text that breaks the JSON around it).
func onlyField(t *testing.T, what string, err error, field string) {
	t.Helper()
	wantClientError(t, what, err)
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

// TestSignInNextStaysOnSite sends the sign-in and language forms a "neste" that
// browsers would read as another site; both go home instead.
func TestSignInNextStaysOnSite(t *testing.T) {
	h := newHarness(t, storetest.DSN(t, "sqlite"))
	for _, next := range []string{"/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/\n/evil.example"} {
		for _, c := range []struct{ path, form string }{
			{"/innlogging", url.Values{"email": {h.fx.EmployeeA.Email}, "password": {testPassword}, "neste": {next}}.Encode()},
			{"/sprak", url.Values{"lang": {"nn"}, "neste": {next}}.Encode()},
		} {
			req := httptest.NewRequest("POST", c.path, strings.NewReader(c.form))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res := h.serve(req)
			if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
				t.Errorf("%s with neste %q: %d to %q, want 303 to /", c.path, next, res.status, res.header.Get("Location"))
			}
		}
	}
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
	s := &Server{cfg: Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}}}
	plain := &Server{}
	f.Fuzz(func(t *testing.T, remote, xff string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", xff)
		got := s.clientAddr(r)
		if got != "unknown" {
			if _, err := netip.ParseAddr(got); err != nil {
				if p, err := netip.ParsePrefix(got); err != nil || p.Bits() != 64 {
					t.Fatalf("clientAddr = %q", got)
				}
			}
		}
		bare := r.Clone(r.Context())
		bare.Header.Del("X-Forwarded-For")
		if plain.clientAddr(r) != plain.clientAddr(bare) {
			t.Fatalf("X-Forwarded-For %q was believed from an untrusted peer", xff)
		}
	})
}
