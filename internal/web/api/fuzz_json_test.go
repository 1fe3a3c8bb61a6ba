package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"stafett/internal/web/app/apptest"
	"strings"
	"testing"
)

// requestTypes are the bodies the JSON API decodes, each with the validation its
// handler (or the store) runs on it before anything is stored.
var requestTypes = []struct {
	name     string
	new      func() any
	validate func(v any) error
}{
	{"session", func() any { return new(sessionRequest) }, nil},
	{"municipality", func() any { return new(municipalityRequest) }, func(v any) error {
		r := v.(*municipalityRequest)
		return (&org.Municipality{Number: r.Number, Name: r.Name, ConsentAge: r.ConsentAge}).Validate()
	}},
	{"unit", func() any { return new(unitRequest) }, func(v any) error {
		r := v.(*unitRequest)
		return (&org.Unit{MunicipalityID: "m", Name: r.Name, Kind: r.Kind}).Validate()
	}},
	{"user", func() any { return new(app.UserRequest) }, func(v any) error {
		r := v.(*app.UserRequest)
		return (&people.User{Email: r.Email, Name: r.Name, NationalID: r.NationalID}).Validate(r.Password)
	}},
	{"role", func() any { return new(roleRequest) }, func(v any) error {
		r := v.(*roleRequest)
		return (&people.Role{Role: r.Role, MunicipalityID: r.MunicipalityID, UnitID: r.UnitID}).Validate()
	}},
	{"log", func() any { return new(logbook.NewLog) }, func(v any) error { return v.(*logbook.NewLog).Validate(apptest.Now) }},
	{"entry", func() any { return new(logbook.NewEntry) }, func(v any) error { return v.(*logbook.NewEntry).Validate() }},
	{"person", func() any { return new(app.PersonRequest) }, nil},
	{"reason", func() any { return new(reasonRequest) }, nil},
	{"consent", func() any { return new(logbook.NewConsent) }, func(v any) error { return v.(*logbook.NewConsent).Validate(apptest.Now) }},
	{"level", func() any { return new(levelRequest) }, nil},
	{"undring", func() any { return new(logbook.UndringDecision) }, func(v any) error { return v.(*logbook.UndringDecision).Validate() }},
	{"closure", func() any { return new(logbook.NewClosure) }, func(v any) error { return v.(*logbook.NewClosure).Validate() }},
	{"participant", func() any { return new(logbook.NewParticipant) }, func(v any) error { return v.(*logbook.NewParticipant).Validate("holder") }},
	{"transfer", func() any { return new(logbook.NewTransfer) }, func(v any) error { return v.(*logbook.NewTransfer).Validate("holder") }},
	{"guide_draft", func() any { return new(draftRequest) }, func(v any) error {
		g := guide.Guide{Levels: v.(*draftRequest).Levels}
		return g.Check()
	}},
	{"guide_fork", func() any { return new(forkRequest) }, nil},
	{"network", func() any { return new(networkRequest) }, nil},
	{"service", func() any { return new(serviceRequest) }, func(v any) error {
		_, err := v.(*serviceRequest).service("m", "")
		return err
	}},
}

// jsonSeeds are bodies of every endpoint as API.md writes them, and broken ones.
var jsonSeeds = []string{
	`{"email":"larer@skien.no","password":"riktig-passord","totp":"123456"}`,
	`{"number":"5501","name":"Tromsø","consent_age":15}`,
	`{"name":"Myren skole","kind":"school"}`,
	`{"email":"a@b.no","name":"Ola","password":"langt-passord","national_id":"12345678901"}`,
	`{"role":"employee","unit_id":"u1"}`, `{"role":"municipality_admin","municipality_id":"m1"}`,
	`{"unit_id":"u1","child":{"name":"Ole","initials":"OB","birth_date":"2018-05-04"},"concern":"Trøtt"}`,
	`{"kind":"note","text":"Hei"}`,
	`{"kind":"measure","text":"t","goal":"g","responsible_user_id":"u","start_date":"2026-01-01","evaluate_by":"2026-02-01"}`,
	`{"kind":"evaluation","measure_id":"m","outcome":"reached","text":"t"}`,
	`{"kind":"meeting","held_at":"2026-11-23T10:00:00+01:00","attendees":["A","B"],"text":"t","decisions":"d"}`,
	`{"user_id":"u","parental_responsibility":true}`, `{"email":"f@x.no","name":"F","national_id":"1","parental_responsibility":false}`,
	`{"reason":"Vold"}`, `{"covers_unit_ids":["u1","u2"],"expires_at":"2027-01-01T00:00:00Z","given_by":"Kari"}`,
	`{"level":2,"reason":"Samtykke gitt"}`, `{"outcome":"activated","text":"t"}`, `{"reason":"goal_reached","text":"t"}`,
	`{"user_id":"u","access":"write"}`, `{"to_user_id":"u","note":"n","old_holder_leaves":true}`,
	`{"levels":[{"level":0,"title":"Undring","purpose":"p","steps":[{"title":"t","what":"w","who":"leder","deadline_days":14,"tools":[{"title":"Skjema","url":"https://example.no/s.pdf"}]}]}]}`,
	`{"levels":[{"level":4,"steps":[{"deadline_days":-1}]}]}`, `{"from_municipality_id":"m2"}`, `{"template":"national"}`,
	`{"name":"Barn i Telemark","municipality_ids":["m1","m2"]}`,
	`{"name":"Foreldreveiledning","description":"d","target_group":"foreldre","min_age":0,"max_age":18,"levels":[1,2],"unit_id":"u","contact":"c","how_to_access":"h","keywords":["ICDP"]}`,
	`{"min_age":20,"max_age":3,"levels":[0,4]}`,
	``, `{`, `{"name":`, `[1,2]`, `null`, `"text"`, `{} {}`, `{"a":1}`, `{"level":1e400}`, `{"level":-9223372036854775809}`,
	`{"level":"2"}`, `{"consent_age":1.5}`, `{"child":[]}`, `{"attendees":"A"}`, `{"held_at":"i går"}`,
	`{"expires_at":"9999-12-31T23:59:59-23:59"}`, `{"held_at":"0000-01-01T00:00:00+23:59"}`, `{"expires_at":null}`,
	"{\"name\":\"\xff\xfe\"}", "{\"text\":\"a\\u0000b\"}", "{\"name\x00\":1}", `{"text":"\ud800"}`,
	// Deeper nesting (past the decoder's limit of 10,000) is in the malformed-request
	// flood: inputs that large make the fuzzer spend its time minimizing.
	`{"child":` + strings.Repeat(`{"a":`, 40) + strings.Repeat(`}`, 41), strings.Repeat(`[`, 100),
	`{"covers_unit_ids":[` + strings.Repeat(`"u",`, 100) + `"u"]}`, `{"email":"a","email":"b"}`, `{"EMAIL":"a@b.no"}`,
}

// FuzzDecodeJSON decodes any body as every request type of the API, with a body cap
// that is sometimes smaller than the body. Every failure must be a 4xx fault naming
// sensible fields, and whatever is decoded and passes validation must be writable as
// JSON again (every answer echoes it) and decode the same way.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s), false)
	}
	f.Add([]byte(jsonSeeds[0]), true)
	f.Fuzz(func(t *testing.T, body []byte, capped bool) {
		limit := int64(app.DefaultMaxBodyBytes)
		if capped {
			limit = int64(len(body) / 2)
		}
		for _, rt := range requestTypes {
			v := rt.new()
			err := app.DecodeJSON(apptest.CapRequest(body, limit), v)
			apptest.WantClientError(t, rt.name+": decode", err)
			if capped && len(body) > 1 && err == nil {
				t.Fatalf("%s: a body over the cap was decoded", rt.name)
			}
			if err != nil || rt.validate == nil {
				continue
			}
			if err := rt.validate(v); err != nil {
				apptest.WantClientError(t, rt.name+": validate", err)
				continue
			}
			apptest.Validated(t, rt.name, v, nil)
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: an accepted request cannot be written as JSON: %v", rt.name, err)
			}
			if err := app.DecodeJSON(apptest.CapRequest(out, app.DefaultMaxBodyBytes), rt.new()); err != nil {
				t.Fatalf("%s: %s does not decode again: %v", rt.name, out, err)
			}
		}
	})
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
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, app.MaxConsentFileBytes+1<<20)
		in, file, err := parseConsentForm(r)
		apptest.WantClientError(t, "consent upload", err)
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
		apptest.Validated(t, "consent upload", &in, in.Validate(apptest.Now))
	})
}

func checkConsentFile(t *testing.T, file *store.ConsentFile, sent []byte) {
	t.Helper()
	if !app.ConsentFileTypes[file.ContentType] || http.DetectContentType(file.Data) != file.ContentType {
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
		file, err := app.SniffConsentFile(data)
		apptest.WantClientError(t, "sniff", err)
		if err != nil {
			if file != nil {
				t.Fatal("a refused file was returned")
			}
			var e *fault.Error
			if fault.Is(err, fault.Invalid) && (!errors.As(err, &e) || e.Fields["file"] == "") {
				t.Fatalf("refusal %v does not name the file", err)
			}
			if ct := http.DetectContentType(data); app.ConsentFileTypes[ct] && len(data) > 0 && len(data) <= app.MaxConsentFileBytes {
				t.Fatalf("refused a %s", ct)
			}
			return
		}
		checkConsentFile(t, file, data)
	})
}
