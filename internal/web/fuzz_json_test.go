package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/i18n"
)

// fuzzServer is a Server without a database: enough for the decoders, the form
// helpers and rendering pages.
func fuzzServer(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil)), cfg: Config{MaxBodyBytes: DefaultMaxBodyBytes}}
	var err error
	if s.catalog, err = i18n.Load(); err != nil {
		tb.Fatal(err)
	}
	if s.views, err = parseViews(s.catalog); err != nil {
		tb.Fatal(err)
	}
	if s.static, err = newStaticFiles(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// wantClientError fails unless err is nil or an application error that is
// answered with a 4xx status: never a 500.
func wantClientError(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *fault.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: %v is no fault, so it would be answered 500", what, err)
	}
	if status := statusOf(err); status < 400 || status > 499 {
		t.Fatalf("%s: %v is answered %d", what, err, status)
	}
	for name, code := range e.Fields {
		// An unknown field is named as sent, even "".
		if (name == "" && code != fault.FieldUnknown) || code == "" || !utf8.ValidString(name) {
			t.Fatalf("%s: field problem %q: %q", what, name, code)
		}
	}
}

// fuzzNow is the clock of the validations the fuzz targets run.
var fuzzNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

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
	{"user", func() any { return new(userRequest) }, func(v any) error {
		r := v.(*userRequest)
		return (&people.User{Email: r.Email, Name: r.Name, NationalID: r.NationalID}).Validate(r.Password)
	}},
	{"role", func() any { return new(roleRequest) }, func(v any) error {
		r := v.(*roleRequest)
		return (&people.Role{Role: r.Role, MunicipalityID: r.MunicipalityID, UnitID: r.UnitID}).Validate()
	}},
	{"log", func() any { return new(logbook.NewLog) }, func(v any) error { return v.(*logbook.NewLog).Validate(fuzzNow) }},
	{"entry", func() any { return new(logbook.NewEntry) }, func(v any) error { return v.(*logbook.NewEntry).Validate() }},
	{"person", func() any { return new(personRequest) }, nil},
	{"reason", func() any { return new(reasonRequest) }, nil},
	{"consent", func() any { return new(logbook.NewConsent) }, func(v any) error { return v.(*logbook.NewConsent).Validate(fuzzNow) }},
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
		limit := int64(DefaultMaxBodyBytes)
		if capped {
			limit = int64(len(body) / 2)
		}
		for _, rt := range requestTypes {
			v := rt.new()
			err := decodeJSON(capRequest(body, limit), v)
			wantClientError(t, rt.name+": decode", err)
			if capped && len(body) > 1 && err == nil {
				t.Fatalf("%s: a body over the cap was decoded", rt.name)
			}
			if err != nil || rt.validate == nil {
				continue
			}
			if err := rt.validate(v); err != nil {
				wantClientError(t, rt.name+": validate", err)
				continue
			}
			validated(t, rt.name, v, nil)
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: an accepted request cannot be written as JSON: %v", rt.name, err)
			}
			if err := decodeJSON(capRequest(out, DefaultMaxBodyBytes), rt.new()); err != nil {
				t.Fatalf("%s: %s does not decode again: %v", rt.name, out, err)
			}
		}
	})
}

// capRequest is a request with body read through the body cap, as the middleware
// reads it.
func capRequest(body []byte, limit int64) *http.Request {
	r := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, limit)
	return r
}
