package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store/storetest"
	"stafett/internal/web/app"
	"stafett/internal/web/webtest"
)

// lp bundles the helpers of the tests in this file: people, consent forms,
// guardians and youth on a log, checked through the API.
type lp struct {
	t *testing.T
	h *webtest.Harness
}

// want checks res's status and returns its JSON object body, if it has one.
func (x lp) want(res *webtest.Response, status int, what string) map[string]any {
	x.t.Helper()
	if res.Status != status {
		x.t.Fatalf("%s: status %d, want %d: %s", what, res.Status, status, res.Body)
	}
	if len(res.Body) == 0 || res.Body[0] != '{' {
		return nil
	}
	return res.JSON(x.t)
}

// wantID checks res's status and returns the "id" of its body, failing when it has none.
func (x lp) wantID(res *webtest.Response, status int, what string) string {
	x.t.Helper()
	x.want(res, status, what)
	return webtest.IDOf(x.t, res)
}

// wantErr checks that res is an error with status and code and, when field is set,
// that fields[field] is fieldCode (any code when fieldCode is "*").
func (x lp) wantErr(res *webtest.Response, status int, code, field, fieldCode, what string) {
	x.t.Helper()
	if res.Status >= 500 {
		x.t.Errorf("%s: server error %d: %s", what, res.Status, res.Body)
		return
	}
	if res.Status != status {
		x.t.Errorf("%s: status %d, want %d: %s", what, res.Status, status, res.Body)
		return
	}
	got, fields := res.ErrorCode(x.t)
	if got != code {
		x.t.Errorf("%s: error code %q, want %q: %s", what, got, code, res.Body)
	}
	switch {
	case field == "" && status == http.StatusBadRequest && len(fields) > 0:
		x.t.Errorf("%s: 400 with fields %v", what, fields)
	case field == "":
	case fieldCode == "*" && fields[field] == nil:
		x.t.Errorf("%s: fields = %v, want %s named", what, fields, field)
	case fieldCode != "*" && fields[field] != fieldCode:
		x.t.Errorf("%s: fields = %v, want %s: %s", what, fields, field, fieldCode)
	}
}

// user creates a user who can sign in with the test password, with roles.
func (x lp) user(email, name string, roles ...people.Role) people.User {
	x.t.Helper()
	ctx := context.Background()
	hash, err := webtest.Hasher.Hash(webtest.Password)
	if err != nil {
		x.t.Fatal(err)
	}
	u := people.User{Email: email, Name: name}
	if err := x.h.DB.CreateUser(ctx, people.System(), &u, hash); err != nil {
		x.t.Fatal(err)
	}
	for _, r := range roles {
		if err := x.h.DB.GrantRole(ctx, people.System(), u.ID, &r); err != nil {
			x.t.Fatal(err)
		}
	}
	return u
}

// open starts an undring in unit for a child born on birth and returns its ID.
func (x lp) open(tok, unit, name, birth string) string {
	x.t.Helper()
	return x.wantID(x.h.Do("POST", "/api/v1/logs", tok, map[string]any{
		"unit_id": unit, "child": map[string]any{"name": name, "birth_date": birth}, "concern": "Bekymret for " + name}), 201, "open log")
}

func (x lp) guardian(tok, id, uid string, responsible bool) {
	x.t.Helper()
	x.want(x.h.Do("POST", "/api/v1/logs/"+id+"/guardians", tok, map[string]any{"user_id": uid, "parental_responsibility": responsible}), 201, "link guardian")
}

// consent registers a paper consent covering units and returns its ID.
func (x lp) consent(tok, id string, units ...string) string {
	x.t.Helper()
	return x.wantID(x.h.Do("POST", "/api/v1/logs/"+id+"/consents", tok, map[string]any{"covers_unit_ids": units, "given_by": "Frida Forelder"}), 201, "consent")
}

func (x lp) activate(tok, id string) {
	x.t.Helper()
	m := x.want(x.h.Do("POST", "/api/v1/logs/"+id+"/level", tok, map[string]any{"level": 1, "reason": "Samtykke gitt"}), 200, "activate")
	if m["status"] != "active" {
		x.t.Fatalf("activated log = %v", m)
	}
}

// show returns log id as tok sees it, as a map of its JSON.
func (x lp) show(tok, id string) map[string]any {
	x.t.Helper()
	return x.want(x.h.Do("GET", "/api/v1/logs/"+id, tok, nil), 200, "show log")
}

// log returns log id as tok sees it.
func (x lp) log(tok, id string) webtest.Log {
	x.t.Helper()
	res := x.h.Do("GET", "/api/v1/logs/"+id, tok, nil)
	x.want(res, 200, "show log")
	return webtest.Decode[webtest.Log](x.t, res)
}

// listed reports whether log id is in tok's list of logs.
func (x lp) listed(tok, id string) bool {
	x.t.Helper()
	res := x.h.Do("GET", "/api/v1/logs", tok, nil)
	x.want(res, 200, "list logs")
	for _, l := range webtest.Decode[webtest.LogList](x.t, res).Logs {
		if l.ID == id {
			return true
		}
	}
	return false
}

// lpReadActions are the audit actions that only read.
var lpReadActions = map[string]bool{"log.read": true, "access_log.read": true, "log.export": true, "consent_file.read": true}

// writes returns the write actions in log id's access log, oldest first, as the
// holder tok sees it.
func (x lp) writes(tok, id string) []string {
	x.t.Helper()
	var out []string
	res := x.h.Do("GET", "/api/v1/logs/"+id+"/access-log", tok, nil)
	x.want(res, 200, "access log")
	events := webtest.Decode[webtest.AccessLog](x.t, res).Events
	for i := len(events) - 1; i >= 0; i-- {
		if a := events[i].Action; !lpReadActions[a] {
			out = append(out, a)
		}
	}
	return out
}

// upload posts a consent as a multipart form.
func (x lp) upload(tok, id string, parts ...webtest.FormPart) *webtest.Response {
	x.t.Helper()
	body, ctype := webtest.MultipartBody(x.t, parts...)
	req := httptest.NewRequest("POST", "/api/v1/logs/"+id+"/consents", bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return x.h.Serve(req)
}

var (
	lpPDF  = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	lpPNG  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"), []byte("\x00\x00\x00\x00IEND\xaeB`\x82")...)
	lpJPEG = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9")
)

// bigPDF is a PDF of exactly n bytes.
func bigPDF(n int) []byte {
	b := bytes.Repeat([]byte{'0'}, n)
	copy(b, "%PDF-1.4\n")
	return b
}

// TestConsentFileUpload registers paper consents with their scanned form: the form is
// sniffed by content (PDF, JPEG, PNG), served back exactly to those who may read the
// log, and anything else is refused with nothing stored.
func TestConsentFileUpload(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x := lp{t, h}
		fx := h.Fx
		holder, leader, guardian := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain)
		outsider, colleague, admin := h.Login(fx.EmployeeB), h.Login(fx.EmployeeA2), h.Login(fx.AdminA)

		id := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2016-05-01")
		x.guardian(holder, id, fx.Plain.ID, true)
		plain := x.consent(holder, id, fx.UnitA.ID)
		x.activate(holder, id)

		stored := map[string]string{} // consent ID → case name, for the access checks
		t.Run("Accepted", func(t *testing.T) {
			x := lp{t, h}
			cases := []struct {
				name, claim, sniffed string
				data                 []byte
				expires              string
			}{
				{"PDF", "application/pdf", "application/pdf", lpPDF, ""},
				{"PNG", "image/png", "image/png", lpPNG, "2027-06-30"},
				{"JPEG", "image/jpeg", "image/jpeg", lpJPEG, "2027-06-30T12:00:00Z"},
				// The claimed type counts for nothing: the content decides.
				{"PNGClaimedPDF", "application/pdf", "image/png", lpPNG, ""},
				{"PDFClaimedOctetStream", "application/octet-stream", "application/pdf", lpPDF, ""},
				{"ExactlyMaxSize", "application/pdf", "application/pdf", bigPDF(app.MaxConsentFileBytes), ""},
			}
			for _, c := range cases {
				parts := []webtest.FormPart{webtest.Field("covers_unit_ids", fx.UnitA.ID), webtest.Field("covers_unit_ids", fx.UnitA2.ID),
					webtest.Field("given_by", "Frida Forelder"), webtest.File(c.data, "skjema", c.claim)}
				if c.expires != "" {
					parts = append(parts, webtest.Field("expires_at", c.expires))
				}
				res := x.upload(holder, id, parts...)
				if res.Status != 201 {
					t.Errorf("%s: upload = %d %s", c.name, res.Status, res.Body)
					continue
				}
				m, got := res.JSON(t), webtest.Decode[webtest.Consent](t, res)
				if got.Source != "paper" || got.GivenBy != "Frida Forelder" || !got.Valid ||
					!reflect.DeepEqual(lpSorted(got.CoversUnitIDs), lpSorted([]string{fx.UnitA.ID, fx.UnitA2.ID})) {
					t.Errorf("%s: consent = %s", c.name, res.Body)
				}
				switch c.expires {
				case "2027-06-30":
					if m["expires_at"] != "2027-06-30T00:00:00Z" {
						t.Errorf("%s: expires_at = %v", c.name, m["expires_at"])
					}
				case "2027-06-30T12:00:00Z":
					if m["expires_at"] != c.expires {
						t.Errorf("%s: expires_at = %v", c.name, m["expires_at"])
					}
				}
				cid := got.ID
				if cid == "" {
					t.Fatalf("%s: consent without id: %s", c.name, res.Body)
				}
				stored[cid] = c.name
				f := h.Do("GET", "/api/v1/logs/"+id+"/consents/"+cid+"/file", holder, nil)
				if f.Status != 200 || !bytes.Equal(f.Body, c.data) {
					t.Errorf("%s: file = %d, %d bytes (want %d)", c.name, f.Status, len(f.Body), len(c.data))
				}
				if ct := f.Header.Get("Content-Type"); ct != c.sniffed {
					t.Errorf("%s: Content-Type = %q, want %q", c.name, ct, c.sniffed)
				}
				if cd := f.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
					t.Errorf("%s: Content-Disposition = %q, want attachment", c.name, cd)
				}
				if f.Header.Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("%s: served without nosniff: %v", c.name, f.Header)
				}
			}
		})

		t.Run("Refused", func(t *testing.T) {
			x := lp{t, h}
			units := []webtest.FormPart{webtest.Field("covers_unit_ids", fx.UnitA.ID)}
			with := func(extra ...webtest.FormPart) []webtest.FormPart {
				return append(append([]webtest.FormPart{}, units...), extra...)
			}
			cases := []struct {
				name         string
				tok          string
				parts        []webtest.FormPart
				Status       int
				code, field  string
				fieldCode    string
				rawBody      []byte // sent as is with rawType instead of parts
				rawType      string
				skipConsents bool
			}{
				{name: "HTMLClaimedPDF", tok: holder, parts: with(webtest.File([]byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "file", fieldCode: "format"},
				{name: "TextClaimedPDF", tok: holder, parts: with(webtest.File([]byte("Jeg samtykker.\nFrida Forelder\n"), "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "file", fieldCode: "format"},
				{name: "ExecutableClaimedPDF", tok: holder, parts: with(webtest.File(append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), bytes.Repeat([]byte{0}, 64)...), "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "file", fieldCode: "format"},
				{name: "SVGClaimedPNG", tok: holder, parts: with(webtest.File([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "s.png", "image/png")),
					Status: 422, code: "invalid", field: "file", fieldCode: "format"},
				{name: "GIF", tok: holder, parts: with(webtest.File([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "s.gif", "image/gif")),
					Status: 422, code: "invalid", field: "file", fieldCode: "format"},
				{name: "EmptyFile", tok: holder, parts: with(webtest.File(nil, "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "file", fieldCode: "required"},
				{name: "OverMaxSize", tok: holder, parts: with(webtest.File(bigPDF(app.MaxConsentFileBytes+1), "s.pdf", "application/pdf")),
					Status: 413, code: "too_large"},
				{name: "OverMultipartCap", tok: holder, parts: with(webtest.File(bigPDF(app.MaxConsentFileBytes+2<<20), "s.pdf", "application/pdf")),
					Status: 413, code: "too_large"},
				{name: "BadExpiresAt", tok: holder, parts: with(webtest.Field("expires_at", "neste sommer"), webtest.File(lpPDF, "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "expires_at", fieldCode: "format"},
				{name: "PastExpiresAt", tok: holder, parts: with(webtest.Field("expires_at", "2020-01-01"), webtest.File(lpPDF, "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "expires_at", fieldCode: "range"},
				{name: "NoUnits", tok: holder, parts: []webtest.FormPart{webtest.File(lpPDF, "s.pdf", "application/pdf")},
					Status: 422, code: "invalid", field: "covers_unit_ids", fieldCode: "required"},
				{name: "UnitOfOtherMunicipality", tok: holder, parts: []webtest.FormPart{webtest.Field("covers_unit_ids", fx.UnitB.ID), webtest.File(lpPDF, "s.pdf", "application/pdf")},
					Status: 422, code: "invalid", field: "covers_unit_ids", fieldCode: "not_found"},
				{name: "UnknownUnit", tok: holder, parts: []webtest.FormPart{webtest.Field("covers_unit_ids", unknownID(t)), webtest.File(lpPDF, "s.pdf", "application/pdf")},
					Status: 422, code: "invalid", field: "covers_unit_ids", fieldCode: "not_found"},
				// A guardian gives consent in the app; there is no paper form to attach.
				{name: "GuardianWithFile", tok: guardian, parts: with(webtest.File(lpPDF, "s.pdf", "application/pdf")),
					Status: 422, code: "invalid", field: "file", fieldCode: "not_allowed"},
				{name: "OutsiderWithFile", tok: outsider, parts: with(webtest.File(lpPDF, "s.pdf", "application/pdf")),
					Status: 404, code: "not_found"},
				{name: "ColleagueWithFile", tok: colleague, parts: with(webtest.File(lpPDF, "s.pdf", "application/pdf")),
					Status: 404, code: "not_found"},
				{name: "BrokenMultipart", tok: holder, rawBody: []byte("--xyz\r\nContent-Disposition: form-data; name=\"covers_unit_ids\"\r\n\r\n" + fx.UnitA.ID),
					rawType: "multipart/form-data; boundary=xyz", Status: 400, code: "invalid"},
				{name: "MultipartWithoutBoundary", tok: holder, rawBody: []byte("covers_unit_ids=" + fx.UnitA.ID),
					rawType: "multipart/form-data", Status: 400, code: "invalid"},
			}
			before := x.log(holder, id).Consents
			writes := x.writes(holder, id)
			for _, c := range cases {
				var res *webtest.Response
				if c.rawBody != nil {
					req := httptest.NewRequest("POST", "/api/v1/logs/"+id+"/consents", bytes.NewReader(c.rawBody))
					req.Header.Set("Content-Type", c.rawType)
					req.Header.Set("Authorization", "Bearer "+c.tok)
					res = h.Serve(req)
				} else {
					res = x.upload(c.tok, id, c.parts...)
				}
				x.wantErr(res, c.Status, c.code, c.field, c.fieldCode, c.name)
				if after := x.log(holder, id).Consents; !reflect.DeepEqual(after, before) {
					t.Errorf("%s: consents changed: %d before, %d after", c.name, len(before), len(after))
					before = after
				}
			}
			if after := x.writes(holder, id); !reflect.DeepEqual(after, writes) {
				t.Errorf("refused uploads were audited as writes: before %v, after %v", writes, after)
			}
		})

		t.Run("WhoReadsTheFile", func(t *testing.T) {
			x := lp{t, h}
			cid := x.wantID(x.upload(holder, id, webtest.Field("covers_unit_ids", fx.UnitA.ID), webtest.File(lpPDF, "s.pdf", "application/pdf")), 201, "upload")
			// A consent of another log, with a file.
			other := x.open(holder, fx.UnitA.ID, "Kari Nordmann", "2015-01-02")
			otherCid := x.wantID(x.upload(holder, other, webtest.Field("covers_unit_ids", fx.UnitA.ID), webtest.File(lpJPEG, "s.jpg", "image/jpeg")), 201, "upload other")
			file := func(logID, cid string) string { return "/api/v1/logs/" + logID + "/consents/" + cid + "/file" }
			cases := []struct {
				name, tok, path string
				Status          int
			}{
				{"Holder", holder, file(id, cid), 200},
				{"Leader", leader, file(id, cid), 200},
				{"Guardian", guardian, file(id, cid), 200},
				{"Outsider", outsider, file(id, cid), 404},
				{"ColleagueNotInLog", colleague, file(id, cid), 404},
				{"MunicipalityAdmin", admin, file(id, cid), 404},
				{"Anonymous", "", file(id, cid), 401},
				{"UnknownConsent", holder, file(id, unknownID(t)), 404},
				{"ConsentWithoutFile", holder, file(id, plain), 404},
				{"ConsentOfOtherLog", holder, file(id, otherCid), 404},
				{"GuardianConsentOfOtherLog", guardian, file(id, otherCid), 404},
				// The other log is an undring: its form is for its author and leader only.
				{"GuardianOfOtherUndring", guardian, file(other, otherCid), 404},
				{"OtherUndringHolder", holder, file(other, otherCid), 200},
			}
			for _, c := range cases {
				res := h.Do("GET", c.path, c.tok, nil)
				if res.Status != c.Status {
					t.Errorf("%s: %d, want %d: %.200s", c.name, res.Status, c.Status, res.Body)
					continue
				}
				if c.Status == 200 {
					if !bytes.Equal(res.Body, lpPDF) && !bytes.Equal(res.Body, lpJPEG) {
						t.Errorf("%s: body is not the uploaded form: %.60q", c.name, res.Body)
					}
					continue
				}
				if code, _ := res.ErrorCode(t); res.Header.Get("Content-Disposition") != "" || (c.Status == 404 && code != "not_found") {
					t.Errorf("%s: refusal = %v %s", c.name, res.Header, res.Body)
				}
			}
			// The guardian's read of the form is in the access log.
			found := false
			res := h.Do("GET", "/api/v1/logs/"+id+"/access-log", guardian, nil)
			x.want(res, 200, "access log")
			for _, e := range webtest.Decode[webtest.AccessLog](t, res).Events {
				if e.Action == "consent_file.read" && e.Actor.ID == fx.Plain.ID {
					found = true
				}
			}
			if !found {
				t.Errorf("the guardian's read of the consent form is not in the access log")
			}
		})

	})
}

// lpSorted returns a JSON list of IDs sorted, to compare as sets.
func lpSorted(ids []string) []string {
	out := append([]string(nil), ids...)
	sort.Strings(out)
	return out
}

// TestYouthLink links the child as a youth user from the municipality's consent age,
// counted in Oslo calendar days, and checks that the youth then acts as a guardian:
// reads, consents digitally, and counts for activation.
func TestYouthLink(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x := lp{t, h}
		fx := h.Fx
		base := h.Clock.Now()
		m := x.want(h.Do("GET", "/api/v1/municipalities/"+fx.A.ID, h.Login(fx.AdminA), nil), 200, "municipality")
		if m["consent_age"] != float64(org.DefaultConsentAge) || org.DefaultConsentAge != 15 {
			t.Fatalf("consent_age = %v (default %d), want 15", m["consent_age"], org.DefaultConsentAge)
		}

		t.Run("ConsentAge", func(t *testing.T) {
			x := lp{t, h}
			// Times in increasing order; November in Oslo is UTC+1.
			cases := []struct {
				name   string
				at     time.Time
				birth  string
				Status int
			}{
				{"OneDayBelow", base, "2011-11-24", 422},
				{"TenYearsOld", base, "2016-05-01", 422},
				{"BirthdayToday", base, "2011-11-23", 201},
				{"Sixteen", base, "2010-01-01", 201},
				{"OneDayBelowLastSecondInOslo", time.Date(2026, 11, 23, 22, 59, 59, 0, time.UTC), "2011-11-24", 422},
				// Still 23 November in UTC, but the birthday has begun in Oslo.
				{"BirthdayBegunInOslo", time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC), "2011-11-24", 201},
				{"LeapDayBefore1March", time.Date(2027, 2, 28, 12, 0, 0, 0, time.UTC), "2012-02-29", 422},
				{"LeapDayOn1MarchInOslo", time.Date(2027, 2, 28, 23, 0, 0, 0, time.UTC), "2012-02-29", 201},
			}
			for _, c := range cases {
				h.SetClock(c.at)
				holder := h.Login(fx.EmployeeA)
				id := x.open(holder, fx.UnitA.ID, "Ungdom "+c.name, c.birth)
				writes := x.writes(holder, id)
				youth := x.user(strings.ToLower(c.name)+"@example.no", "Ungdom "+c.name)
				res := h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID})
				if c.Status != 201 {
					x.wantErr(res, c.Status, "invalid", "birth_date", "range", c.name)
					if after := x.writes(holder, id); !reflect.DeepEqual(after, writes) {
						t.Errorf("%s: refused link was written: %v", c.name, after)
					}
					continue
				}
				if res.Status != 201 || res.JSON(t)["user_id"] != youth.ID {
					t.Errorf("%s: link = %d %s", c.name, res.Status, res.Body)
					continue
				}
				if after := x.writes(holder, id); len(after) != len(writes)+1 || after[len(after)-1] != "youth.link" {
					t.Errorf("%s: link not audited: %v", c.name, after)
				}
			}
		})
		h.SetClock(base.Add(24 * time.Hour * 200)) // 2027-06-11: every child above is of age or not as before
		holder, leader, guardian := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain)
		outsider, nurse, admin, sys := h.Login(fx.EmployeeB), h.Login(fx.EmployeeA2), h.Login(fx.AdminA), h.Login(fx.SysAdmin)

		t.Run("YouthActsAsGuardian", func(t *testing.T) {
			x := lp{t, h}
			youth := x.user("ungdom@example.no", "Ulrik Ungdom")
			youthTok := h.Login(youth)
			id := x.open(holder, fx.UnitA.ID, "Ulrik Ungdom", "2011-01-15")
			// A consent alone does not activate: nobody who may consent is linked.
			x.consent(holder, id, fx.UnitA.ID)
			res := h.Do("POST", "/api/v1/logs/"+id+"/level", holder, map[string]any{"level": 1, "reason": "Samtykke"})
			x.wantErr(res, 422, "invalid", "guardian", "missing", "activation without guardian or youth")
			if _, fields := res.ErrorCode(t); fields["consent"] != nil {
				t.Errorf("activation names consent although one is valid: %v", fields)
			}
			// The request shape: a person, never parental responsibility.
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID, "parental_responsibility": true}),
				422, "invalid", "parental_responsibility", "unknown_field", "youth with parental_responsibility")
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": unknownID(t)}),
				422, "invalid", "user_id", "not_found", "unknown youth user")
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID}), 201, "link youth")
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID}), 409, "conflict", "", "", "second youth link")
			// An undring stays private, also from the youth.
			x.wantErr(h.Do("GET", "/api/v1/logs/"+id, youthTok, nil), 404, "not_found", "", "", "youth reads undring")
			if x.listed(youthTok, id) {
				t.Errorf("the youth lists an undring")
			}
			// The youth of age stands in for a guardian at activation.
			x.activate(holder, id)
			if g := x.log(holder, id).Guardians; len(g) != 0 {
				t.Errorf("guardians = %v, want none", g)
			}
			log := x.log(youthTok, id)
			if log.ID != id || log.Status != "active" {
				t.Errorf("youth's view = %v", log)
			}
			if !x.listed(youthTok, id) {
				t.Errorf("the youth does not list their log")
			}
			// The youth's digital consent covers the health station, so the nurse may join.
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "read"}),
				422, "invalid", "consent", "missing", "participant before the youth consents")
			res = h.Do("POST", "/api/v1/logs/"+id+"/consents", youthTok, map[string]any{"covers_unit_ids": []string{fx.UnitA2.ID}})
			x.want(res, 201, "youth consents")
			c := webtest.Decode[webtest.Consent](t, res)
			if c.Source != "digital" || c.GivenBy != youth.ID || !c.Valid || c.ID == "" {
				t.Errorf("youth's consent = %s", res.Body)
			}
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "read"}), 201, "participant after youth consent")
			x.show(nurse, id)
			// Notes from the youth are marked; staff entries are not theirs to write.
			e := x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", youthTok, map[string]any{"kind": "note", "text": "Jeg vil ha møtene etter skoletid"}), 201, "youth note")
			if e["author_role"] != "youth" || e["from_guardian_or_youth"] != true {
				t.Errorf("youth's note = %v", e)
			}
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/entries", youthTok, map[string]any{"kind": "concern", "text": "x"}), 403, "forbidden", "", "", "youth concern")
			x.want(h.Do("GET", "/api/v1/logs/"+id+"/access-log", youthTok, nil), 200, "youth access log")
			x.want(h.Do("GET", "/api/v1/logs/"+id+"/export", youthTok, nil), 200, "youth export")
			// Withdrawing the youth's consent cuts the nurse off at once.
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/consents/"+c.ID+"/withdraw", youthTok, nil), 200, "youth withdraws")
			x.wantErr(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404, "not_found", "", "", "nurse after withdrawal")
		})

		t.Run("ByPersonDetails", func(t *testing.T) {
			x := lp{t, h}
			id := x.open(holder, fx.UnitA.ID, "Siri Ungdom", "2011-03-03")
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"email": "ikke-en-adresse", "name": "Siri"}),
				422, "invalid", "email", "format", "youth with bad email")
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{}),
				422, "invalid", "email", "required", "youth without anything")
			res := x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", leader, map[string]any{"email": "siri@example.no", "name": "Siri Ungdom"}), 201, "youth by e-mail")
			if res["user_id"] == "" || res["user_id"] == nil {
				t.Errorf("youth by e-mail = %v", res)
			}
		})

		t.Run("WhoMayLink", func(t *testing.T) {
			x := lp{t, h}
			writer := x.user("ppt@skien.no", "Per PPT", people.Role{Role: people.Employee, UnitID: fx.UnitA2.ID})
			writerTok := h.Login(writer)
			youth := x.user("ungdom2@example.no", "Ulla Ungdom")
			id := x.open(holder, fx.UnitA.ID, "Ulla Ungdom", "2011-02-02")
			x.guardian(holder, id, fx.Plain.ID, true)
			x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
			x.activate(holder, id)
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "read"}), 201, "reader")
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": writer.ID, "access": "write"}), 201, "writer")
			writes := x.writes(holder, id)
			cases := []struct {
				name, tok string
				Status    int
				code      string
			}{
				{"ReadParticipant", nurse, 403, "forbidden"},
				{"WriteParticipant", writerTok, 403, "forbidden"},
				{"Guardian", guardian, 403, "forbidden"},
				{"Outsider", outsider, 404, "not_found"},
				{"MunicipalityAdmin", admin, 404, "not_found"},
				{"SystemAdmin", sys, 404, "not_found"},
				{"TheYouthThemself", h.Login(youth), 404, "not_found"},
				{"Anonymous", "", 401, "unauthenticated"},
			}
			for _, c := range cases {
				x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/youth", c.tok, map[string]any{"user_id": youth.ID}), c.Status, c.code, "", "", c.name)
			}
			if after := x.writes(holder, id); !reflect.DeepEqual(after, writes) {
				t.Errorf("refused youth links were written: %v", after[len(writes):])
			}
			x.wantErr(h.Do("POST", "/api/v1/logs/"+unknownID(t)+"/youth", holder, map[string]any{"user_id": youth.ID}), 404, "not_found", "", "", "unknown log")
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", leader, map[string]any{"user_id": youth.ID}), 201, "leader links youth")
			x.show(h.Login(youth), id)
			// Closed logs are read-only.
			closed := x.open(holder, fx.UnitA.ID, "Lukket Ungdom", "2011-02-02")
			x.guardian(holder, closed, fx.Plain.ID, true)
			x.consent(holder, closed, fx.UnitA.ID)
			x.activate(holder, closed)
			x.want(h.Do("POST", "/api/v1/logs/"+closed+"/close", holder, map[string]any{"reason": "goal_reached"}), 200, "close")
			x.wantErr(h.Do("POST", "/api/v1/logs/"+closed+"/youth", holder, map[string]any{"user_id": youth.ID}), 409, "conflict", "", "", "youth on closed log")
		})
	})
}

// TestGuardianSuspension suspends one of two guardians: the suspended one sees
// nothing at all, not even that they are suspended; the other guardian is not shown
// the suspension; staff see it.
func TestGuardianSuspension(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x := lp{t, h}
		fx := h.Fx
		holder, leader, nurse := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.EmployeeA2)
		outsider, admin := h.Login(fx.EmployeeB), h.Login(fx.AdminA)
		g1 := fx.Plain
		g2 := x.user("far@example.no", "Geir Foresatt")
		g1Tok, g2Tok := h.Login(g1), h.Login(g2)
		const reason = "Barnevernsvedtak VB-4711 om samværsbegrensning"

		id := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2016-05-01")
		x.guardian(holder, id, g1.ID, true)
		x.guardian(holder, id, g2.ID, true)
		cid := x.wantID(x.upload(holder, id, webtest.Field("covers_unit_ids", fx.UnitA.ID), webtest.Field("covers_unit_ids", fx.UnitA2.ID),
			webtest.File(lpPDF, "s.pdf", "application/pdf")), 201, "consent")
		x.activate(holder, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		x.show(g1Tok, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", g1Tok, map[string]any{"kind": "bright_spot", "text": "Ola syklet til skolen"}), 201, "g1 note")
		suspend := func(uid string) string { return "/api/v1/logs/" + id + "/guardians/" + uid + "/suspend" }

		t.Run("Refused", func(t *testing.T) {
			x := lp{t, h}
			writes := x.writes(holder, id)
			cases := []struct {
				name, tok, path string
				Body            any
				Status          int
				code, field     string
				fieldCode       string
			}{
				{"Holder", holder, suspend(g1.ID), map[string]any{"reason": reason}, 403, "forbidden", "", ""},
				{"WriteParticipant", nurse, suspend(g1.ID), map[string]any{"reason": reason}, 403, "forbidden", "", ""},
				{"OtherGuardian", g2Tok, suspend(g1.ID), map[string]any{"reason": reason}, 403, "forbidden", "", ""},
				{"Self", g1Tok, suspend(g1.ID), map[string]any{"reason": reason}, 403, "forbidden", "", ""},
				{"Outsider", outsider, suspend(g1.ID), map[string]any{"reason": reason}, 404, "not_found", "", ""},
				{"MunicipalityAdmin", admin, suspend(g1.ID), map[string]any{"reason": reason}, 404, "not_found", "", ""},
				{"Anonymous", "", suspend(g1.ID), map[string]any{"reason": reason}, 401, "unauthenticated", "", ""},
				{"NoReason", leader, suspend(g1.ID), map[string]any{}, 422, "invalid", "reason", "required"},
				{"BlankReason", leader, suspend(g1.ID), map[string]any{"reason": "  \n "}, 422, "invalid", "reason", "required"},
				{"LongReason", leader, suspend(g1.ID), map[string]any{"reason": strings.Repeat("å", 2001)}, 422, "invalid", "reason", "too_long"},
				{"ReasonWrongType", leader, suspend(g1.ID), map[string]any{"reason": 7}, 422, "invalid", "reason", "type"},
				{"UnknownField", leader, suspend(g1.ID), map[string]any{"reason": reason, "until": "2027-01-01"}, 422, "invalid", "until", "unknown_field"},
				{"Malformed", leader, suspend(g1.ID), `{"reason":`, 400, "invalid", "", ""},
				{"NotAGuardian", leader, suspend(fx.EmployeeA2.ID), map[string]any{"reason": reason}, 404, "not_found", "", ""},
				{"UnknownUser", leader, suspend(unknownID(t)), map[string]any{"reason": reason}, 404, "not_found", "", ""},
			}
			for _, c := range cases {
				x.wantErr(h.Do("POST", c.path, c.tok, c.Body), c.Status, c.code, c.field, c.fieldCode, c.name)
				x.show(g1Tok, id)
			}
			if after := x.writes(holder, id); !reflect.DeepEqual(after, writes) {
				t.Errorf("refused suspensions were written: %v", after[len(writes):])
			}
		})

		res := x.want(h.Do("POST", suspend(g1.ID), leader, map[string]any{"reason": reason}), 200, "suspend")
		if res["user_id"] != g1.ID || res["suspended"] != true {
			t.Errorf("suspend = %v", res)
		}
		x.wantErr(h.Do("POST", suspend(g1.ID), leader, map[string]any{"reason": reason}), 409, "conflict", "", "", "second suspension")

		t.Run("SuspendedSeesNothing", func(t *testing.T) {
			x := lp{t, h}
			missing := h.Do("GET", "/api/v1/logs/"+unknownID(t), g1Tok, nil)
			_, ghost := missing.ErrorCode(t)
			ghostMsg := webtest.Decode[webtest.ErrorBody](t, missing).Error.Message
			cases := []struct {
				name, method, path string
				Body               any
			}{
				{"Log", "GET", "/api/v1/logs/" + id, nil},
				{"AccessLog", "GET", "/api/v1/logs/" + id + "/access-log", nil},
				{"Export", "GET", "/api/v1/logs/" + id + "/export", nil},
				{"ConsentFile", "GET", "/api/v1/logs/" + id + "/consents/" + cid + "/file", nil},
				{"Note", "POST", "/api/v1/logs/" + id + "/entries", map[string]any{"kind": "note", "text": "Hei"}},
				{"BrightSpot", "POST", "/api/v1/logs/" + id + "/entries", map[string]any{"kind": "bright_spot", "text": "Hei"}},
				{"Consent", "POST", "/api/v1/logs/" + id + "/consents", map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}}},
				{"Withdraw", "POST", "/api/v1/logs/" + id + "/consents/" + cid + "/withdraw", nil},
				{"Close", "POST", "/api/v1/logs/" + id + "/close", map[string]any{"reason": "guardian_request"}},
				{"SuspendOther", "POST", suspend(g2.ID), map[string]any{"reason": "hevn"}},
			}
			for _, c := range cases {
				res := h.Do(c.method, c.path, g1Tok, c.Body)
				x.wantErr(res, 404, "not_found", "", "", c.name)
				if lower := strings.ToLower(string(res.Body)); strings.Contains(lower, "suspen") ||
					strings.Contains(string(res.Body), "VB-4711") || strings.Contains(lower, "samvær") {
					t.Errorf("%s: answer to the suspended guardian mentions the suspension: %s", c.name, res.Body)
				}
				if _, f := res.ErrorCode(t); res.Status == 404 && (webtest.Decode[webtest.ErrorBody](t, res).Error.Message != ghostMsg || !reflect.DeepEqual(f, ghost)) {
					t.Errorf("%s: 404 differs from a log that does not exist: %s vs %s", c.name, res.Body, missing.Body)
				}
			}
			list := h.Do("GET", "/api/v1/logs", g1Tok, nil)
			if x.listed(g1Tok, id) || strings.Contains(strings.ToLower(string(list.Body)), "suspen") {
				t.Errorf("the suspended guardian's list = %s", list.Body)
			}
			me := h.Do("GET", "/api/v1/me", g1Tok, nil)
			if me.Status != 200 || strings.Contains(strings.ToLower(string(me.Body)), "suspen") || strings.Contains(string(me.Body), "VB-4711") {
				t.Errorf("me = %d %s", me.Status, me.Body)
			}
			// Nothing the suspended guardian tried was written.
			if w := x.writes(holder, id); w[len(w)-1] != "guardian.suspend" {
				t.Errorf("writes after the suspension = %v", w)
			}
		})

		t.Run("OtherGuardianIsNotShown", func(t *testing.T) {
			x := lp{t, h}
			log := x.log(g2Tok, id)
			if g := log.Guardian(g1.ID); g != nil {
				t.Errorf("the other guardian sees the suspended guardian: %v", g)
			}
			if g := log.Guardian(g2.ID); g == nil || g.Suspended {
				t.Errorf("the other guardian's own link = %v", g)
			}
			for _, g := range log.Guardians {
				if g.Suspended {
					t.Errorf("a family view shows a suspension: %v", g)
				}
			}
			if !x.listed(g2Tok, id) {
				t.Errorf("the other guardian lost the log")
			}
			for _, path := range []string{"/api/v1/logs/" + id, "/api/v1/logs/" + id + "/access-log", "/api/v1/logs/" + id + "/export"} {
				res := h.Do("GET", path, g2Tok, nil)
				if res.Status != 200 {
					t.Errorf("%s: %d %s", path, res.Status, res.Body)
					continue
				}
				if strings.Contains(string(res.Body), "VB-4711") {
					t.Errorf("%s: the reason is shown to the other guardian", path)
				}
				// The access log shows who read and wrote, but not that a guardian was suspended.
				if strings.Contains(string(res.Body), "guardian.suspend") {
					t.Errorf("%s: the other guardian is shown the suspension (a guardian.suspend event)", path)
				}
			}
			// Still a guardian in full.
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", g2Tok, map[string]any{"kind": "note", "text": "Takk for møtet"}), 201, "g2 note")
			x.want(h.Do("GET", "/api/v1/logs/"+id+"/consents/"+cid+"/file", g2Tok, nil), 200, "g2 file")
		})

		t.Run("StaffSeeTheSuspension", func(t *testing.T) {
			x := lp{t, h}
			for _, c := range []struct{ name, tok string }{{"Holder", holder}, {"Leader", leader}, {"Participant", nurse}} {
				log := x.log(c.tok, id)
				if g := log.Guardian(g1.ID); g == nil || !g.Suspended || !g.ParentalResponsibility {
					t.Errorf("%s: suspended guardian = %v", c.name, g)
				}
				if g := log.Guardian(g2.ID); g == nil || g.Suspended {
					t.Errorf("%s: other guardian = %v", c.name, g)
				}
			}
			// The suspended guardian's earlier entry stays in the log.
			found := false
			for _, e := range x.log(holder, id).Entries {
				if e.Text == "Ola syklet til skolen" {
					found = true
				}
			}
			if !found {
				t.Errorf("the suspended guardian's bright spot is gone")
			}
		})

		t.Run("SuspendedDoesNotCountForActivation", func(t *testing.T) {
			x := lp{t, h}
			u := x.open(holder, fx.UnitA.ID, "Kari Nordmann", "2015-01-02")
			x.guardian(holder, u, g1.ID, true)
			x.consent(holder, u, fx.UnitA.ID)
			x.want(h.Do("POST", "/api/v1/logs/"+u+"/guardians/"+g1.ID+"/suspend", leader, map[string]any{"reason": reason}), 200, "suspend in undring")
			x.wantErr(h.Do("POST", "/api/v1/logs/"+u+"/level", holder, map[string]any{"level": 1, "reason": "Samtykke"}), 422, "invalid", "guardian", "missing", "activation with only a suspended guardian")
			if l := x.log(holder, u); l.Status != "undring" || l.Level != 0 {
				t.Errorf("log after refused activation = %v %v", l.Status, l.Level)
			}
		})
	})
}

// TestGuardianWithoutResponsibility links a guardian without parental responsibility:
// they see nothing, and the log cannot be activated on them alone.
func TestGuardianWithoutResponsibility(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x := lp{t, h}
		fx := h.Fx
		holder, leader := h.Login(fx.EmployeeA), h.Login(fx.LeaderA)
		g := fx.Plain
		gTok := h.Login(g)
		mother := x.user("mor@example.no", "Mona Mor")
		motherTok := h.Login(mother)

		id := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2016-05-01")
		x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/guardians", holder, map[string]any{"user_id": g.ID}), 422, "invalid", "parental_responsibility", "required", "link without parental_responsibility")
		x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/guardians", holder, map[string]any{"user_id": g.ID, "parental_responsibility": "nei"}), 422, "invalid", "parental_responsibility", "type", "parental_responsibility as a string")
		res := x.want(h.Do("POST", "/api/v1/logs/"+id+"/guardians", holder, map[string]any{"user_id": g.ID, "parental_responsibility": false}), 201, "link without responsibility")
		if res["user_id"] != g.ID || res["name"] != g.Name || res["parental_responsibility"] != false || res["suspended"] != false {
			t.Errorf("link = %v", res)
		}
		cid := x.wantID(x.upload(holder, id, webtest.Field("covers_unit_ids", fx.UnitA.ID), webtest.File(lpPDF, "s.pdf", "application/pdf")), 201, "consent")

		// Not on them alone.
		for _, tok := range []string{holder, leader} {
			res := h.Do("POST", "/api/v1/logs/"+id+"/level", tok, map[string]any{"level": 1, "reason": "Samtykke"})
			x.wantErr(res, 422, "invalid", "guardian", "missing", "activation on a guardian without responsibility")
			if _, f := res.ErrorCode(t); f["consent"] != nil {
				t.Errorf("activation names consent although one is valid: %v", f)
			}
		}
		x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/undring-decision", holder, map[string]any{"outcome": "activated"}), 422, "invalid", "guardian", "missing", "undring decision on a guardian without responsibility")
		if l := x.log(holder, id); l.Status != "undring" || l.Level != 0 {
			t.Fatalf("log after refused activation = %v %v", l.Status, l.Level)
		}
		x.guardian(holder, id, mother.ID, true)
		x.activate(holder, id)

		t.Run("SeesNothing", func(t *testing.T) {
			x := lp{t, h}
			cases := []struct {
				name, method, path string
				Body               any
			}{
				{"Log", "GET", "/api/v1/logs/" + id, nil},
				{"AccessLog", "GET", "/api/v1/logs/" + id + "/access-log", nil},
				{"Export", "GET", "/api/v1/logs/" + id + "/export", nil},
				{"ConsentFile", "GET", "/api/v1/logs/" + id + "/consents/" + cid + "/file", nil},
				{"Note", "POST", "/api/v1/logs/" + id + "/entries", map[string]any{"kind": "note", "text": "Hei"}},
				{"Consent", "POST", "/api/v1/logs/" + id + "/consents", map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}}},
				{"Withdraw", "POST", "/api/v1/logs/" + id + "/consents/" + cid + "/withdraw", nil},
				{"Close", "POST", "/api/v1/logs/" + id + "/close", map[string]any{"reason": "guardian_request"}},
				{"Level", "POST", "/api/v1/logs/" + id + "/level", map[string]any{"level": 2, "reason": "x"}},
				{"Youth", "POST", "/api/v1/logs/" + id + "/youth", map[string]any{"user_id": g.ID}},
			}
			writes := x.writes(holder, id)
			for _, c := range cases {
				x.wantErr(h.Do(c.method, c.path, gTok, c.Body), 404, "not_found", "", "", c.name)
			}
			if x.listed(gTok, id) {
				t.Errorf("the guardian without responsibility lists the log")
			}
			if after := x.writes(holder, id); !reflect.DeepEqual(after, writes) {
				t.Errorf("their attempts were written: %v", after[len(writes):])
			}
		})

		t.Run("StaffSeeTheLink", func(t *testing.T) {
			x := lp{t, h}
			for _, tok := range []string{holder, leader} {
				log := x.log(tok, id)
				if gj := log.Guardian(g.ID); gj == nil || gj.ParentalResponsibility || gj.Suspended || gj.Name != g.Name {
					t.Errorf("guardian without responsibility = %v", gj)
				}
				if gj := log.Guardian(mother.ID); gj == nil || !gj.ParentalResponsibility {
					t.Errorf("guardian with responsibility = %v", gj)
				}
			}
			x.show(motherTok, id)
			// Linking the same person again is a conflict, not a second link.
			x.wantErr(h.Do("POST", "/api/v1/logs/"+id+"/guardians", holder, map[string]any{"user_id": g.ID, "parental_responsibility": true}), 409, "conflict", "", "", "relink")
			x.wantErr(h.Do("GET", "/api/v1/logs/"+id, gTok, nil), 404, "not_found", "", "", "after relink attempt")
		})
	})
}

// TestLogBadInputNothingWritten sends bad input to every POST route on a log and
// checks for a 4xx naming the field, and that the log and its audit are unchanged.
func TestLogBadInputNothingWritten(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x := lp{t, h}
		fx := h.Fx
		holder, leader, guardian := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.Plain)
		nurse := h.Login(fx.EmployeeA2)
		ctx := context.Background()
		ppt := org.Unit{MunicipalityID: fx.A.ID, Name: "PPT", Kind: org.PPT}
		if err := h.DB.CreateUnit(ctx, people.System(), &ppt); err != nil {
			t.Fatal(err)
		}
		uncovered := x.user("ppt@skien.no", "Petter PPT", people.Role{Role: people.Employee, UnitID: ppt.ID})

		id := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2016-05-01")
		x.guardian(holder, id, fx.Plain.ID, true)
		cid := x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
		x.activate(holder, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		measure := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
			"kind": "measure", "text": "Samtaler", "goal": "Ola sover bedre", "responsible_user_id": fx.EmployeeA.ID,
			"start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 201, "measure")
		note := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Notat"}), 201, "note")

		p := func(s string) string { return "/api/v1/logs/" + id + s }
		meas := func(over map[string]any) map[string]any {
			m := map[string]any{"kind": "measure", "text": "Tiltak", "goal": "Mål", "responsible_user_id": fx.EmployeeA.ID,
				"start_date": "2026-11-24", "evaluate_by": "2027-01-15"}
			for k, v := range over {
				if v == nil {
					delete(m, k)
				} else {
					m[k] = v
				}
			}
			return m
		}
		meet := func(over map[string]any) map[string]any {
			m := map[string]any{"kind": "meeting", "held_at": "2026-11-30T10:00:00Z", "attendees": []string{"Lars", "Frida"},
				"text": "Referat", "decisions": "Ny samtale"}
			for k, v := range over {
				if v == nil {
					delete(m, k)
				} else {
					m[k] = v
				}
			}
			return m
		}
		long := strings.Repeat("ø", 20001)
		type bad struct {
			name, tok, method, path string
			Body                    any
			Status                  int
			code, field, fieldCode  string
		}
		cases := []bad{
			// Entries of each kind.
			{"EntryNoKind", holder, "POST", p("/entries"), map[string]any{"text": "x"}, 422, "invalid", "kind", "required"},
			{"EntryUnknownKind", holder, "POST", p("/entries"), map[string]any{"kind": "rant", "text": "x"}, 422, "invalid", "kind", "invalid"},
			{"EntrySystemKind", holder, "POST", p("/entries"), map[string]any{"kind": "level_change", "text": "x"}, 422, "invalid", "kind", "not_allowed"},
			{"EntryClosureKind", holder, "POST", p("/entries"), map[string]any{"kind": "closure", "text": "x"}, 422, "invalid", "kind", "not_allowed"},
			{"NoteNoText", holder, "POST", p("/entries"), map[string]any{"kind": "note"}, 422, "invalid", "text", "required"},
			{"NoteBlankText", holder, "POST", p("/entries"), map[string]any{"kind": "note", "text": " \t\n"}, 422, "invalid", "text", "required"},
			{"NoteTooLong", holder, "POST", p("/entries"), map[string]any{"kind": "note", "text": long}, 422, "invalid", "text", "too_long"},
			{"NoteTextNumber", holder, "POST", p("/entries"), map[string]any{"kind": "note", "text": 5}, 422, "invalid", "text", "type"},
			{"BrightSpotNoText", guardian, "POST", p("/entries"), map[string]any{"kind": "bright_spot"}, 422, "invalid", "text", "required"},
			{"ConcernNoText", holder, "POST", p("/entries"), map[string]any{"kind": "concern", "text": ""}, 422, "invalid", "text", "required"},
			{"MeasureNoGoal", holder, "POST", p("/entries"), meas(map[string]any{"goal": nil}), 422, "invalid", "goal", "required"},
			{"MeasureNoResponsible", holder, "POST", p("/entries"), meas(map[string]any{"responsible_user_id": nil}), 422, "invalid", "responsible_user_id", "required"},
			{"MeasureUnknownResponsible", holder, "POST", p("/entries"), meas(map[string]any{"responsible_user_id": unknownID(t)}), 422, "invalid", "responsible_user_id", "not_allowed"},
			{"MeasureOutsiderResponsible", holder, "POST", p("/entries"), meas(map[string]any{"responsible_user_id": fx.EmployeeB.ID}), 422, "invalid", "responsible_user_id", "not_allowed"},
			{"MeasureNoStart", holder, "POST", p("/entries"), meas(map[string]any{"start_date": nil}), 422, "invalid", "start_date", "required"},
			{"MeasureBadStart", holder, "POST", p("/entries"), meas(map[string]any{"start_date": "2026-13-01"}), 422, "invalid", "start_date", "format"},
			{"MeasureStartNumber", holder, "POST", p("/entries"), meas(map[string]any{"start_date": 20261124}), 422, "invalid", "start_date", "type"},
			{"MeasureEvaluateBeforeStart", holder, "POST", p("/entries"), meas(map[string]any{"evaluate_by": "2026-11-01"}), 422, "invalid", "evaluate_by", "range"},
			{"MeasureByGuardian", guardian, "POST", p("/entries"), meas(nil), 403, "forbidden", "", ""},
			{"EvaluationNoMeasure", holder, "POST", p("/entries"), map[string]any{"kind": "evaluation", "outcome": "reached", "text": "x"}, 422, "invalid", "measure_id", "required"},
			{"EvaluationUnknownMeasure", holder, "POST", p("/entries"), map[string]any{"kind": "evaluation", "measure_id": unknownID(t), "outcome": "reached", "text": "x"}, 422, "invalid", "measure_id", "not_found"},
			{"EvaluationOfNote", holder, "POST", p("/entries"), map[string]any{"kind": "evaluation", "measure_id": note, "outcome": "reached", "text": "x"}, 422, "invalid", "measure_id", "not_found"},
			{"EvaluationBadOutcome", holder, "POST", p("/entries"), map[string]any{"kind": "evaluation", "measure_id": measure, "outcome": "great", "text": "x"}, 422, "invalid", "outcome", "invalid"},
			{"EvaluationNoOutcome", holder, "POST", p("/entries"), map[string]any{"kind": "evaluation", "measure_id": measure, "text": "x"}, 422, "invalid", "outcome", "required"},
			{"MeetingNoHeldAt", holder, "POST", p("/entries"), meet(map[string]any{"held_at": nil}), 422, "invalid", "held_at", "required"},
			{"MeetingAncient", holder, "POST", p("/entries"), meet(map[string]any{"held_at": "1999-12-31T10:00:00Z"}), 422, "invalid", "held_at", "range"},
			{"MeetingHeldAtNotATime", holder, "POST", p("/entries"), meet(map[string]any{"held_at": "i går"}), 422, "invalid", "held_at", "*"},
			{"MeetingNoAttendees", holder, "POST", p("/entries"), meet(map[string]any{"attendees": []string{}}), 422, "invalid", "attendees", "required"},
			{"MeetingAttendeesNotStrings", holder, "POST", p("/entries"), meet(map[string]any{"attendees": []int{1, 2}}), 422, "invalid", "attendees", "*"},
			{"AmendUnknownEntry", holder, "POST", p("/entries/" + unknownID(t) + "/amend"), map[string]any{"text": "x"}, 404, "not_found", "", ""},
			{"AmendNoText", holder, "POST", p("/entries/" + note + "/amend"), map[string]any{"text": ""}, 422, "invalid", "text", "required"},
			// Consents.
			{"ConsentNoUnits", holder, "POST", p("/consents"), map[string]any{}, 422, "invalid", "covers_unit_ids", "required"},
			{"ConsentEmptyUnits", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{}}, 422, "invalid", "covers_unit_ids", "required"},
			{"ConsentBlankUnit", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{""}}, 422, "invalid", "covers_unit_ids", "invalid"},
			{"ConsentRepeatedUnit", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitA.ID, fx.UnitA.ID}}, 422, "invalid", "covers_unit_ids", "invalid"},
			{"ConsentUnknownUnit", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitA.ID, unknownID(t)}}, 422, "invalid", "covers_unit_ids", "not_found"},
			{"ConsentOtherMunicipality", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitB.ID}}, 422, "invalid", "covers_unit_ids", "not_found"},
			{"ConsentUnitsNotList", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": fx.UnitA.ID}, 422, "invalid", "covers_unit_ids", "type"},
			{"ConsentPastExpiry", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}, "expires_at": "2020-01-01T00:00:00Z"}, 422, "invalid", "expires_at", "range"},
			{"ConsentExpiryNotATime", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}, "expires_at": "neste år"}, 422, "invalid", "expires_at", "*"},
			{"ConsentGivenByTooLong", holder, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}, "given_by": strings.Repeat("x", 121)}, 422, "invalid", "given_by", "too_long"},
			{"DigitalConsentUnknownUnit", guardian, "POST", p("/consents"), map[string]any{"covers_unit_ids": []string{unknownID(t)}}, 422, "invalid", "covers_unit_ids", "not_found"},
			{"WithdrawUnknownConsent", guardian, "POST", p("/consents/" + unknownID(t) + "/withdraw"), nil, 404, "not_found", "", ""},
			{"WithdrawByParticipant", nurse, "POST", p("/consents/" + cid + "/withdraw"), nil, 403, "forbidden", "", ""},
			// Participants.
			{"ParticipantBadAccess", holder, "POST", p("/participants"), map[string]any{"user_id": fx.LeaderA.ID, "access": "admin"}, 422, "invalid", "access", "invalid"},
			{"ParticipantNoAccess", holder, "POST", p("/participants"), map[string]any{"user_id": fx.LeaderA.ID}, 422, "invalid", "access", "required"},
			{"ParticipantNoUser", holder, "POST", p("/participants"), map[string]any{"access": "read"}, 422, "invalid", "user_id", "required"},
			{"ParticipantUnknownUser", holder, "POST", p("/participants"), map[string]any{"user_id": unknownID(t), "access": "read"}, 422, "invalid", "user_id", "*"},
			{"ParticipantHolder", holder, "POST", p("/participants"), map[string]any{"user_id": fx.EmployeeA.ID, "access": "read"}, 422, "invalid", "user_id", "invalid"},
			{"ParticipantOtherMunicipality", holder, "POST", p("/participants"), map[string]any{"user_id": fx.EmployeeB.ID, "access": "read"}, 422, "invalid", "user_id", "*"},
			{"ParticipantWithoutUnit", holder, "POST", p("/participants"), map[string]any{"user_id": fx.Plain.ID, "access": "read"}, 422, "invalid", "user_id", "*"},
			{"ParticipantUncoveredUnit", holder, "POST", p("/participants"), map[string]any{"user_id": uncovered.ID, "access": "write"}, 422, "invalid", "consent", "missing"},
			{"ParticipantTwice", holder, "POST", p("/participants"), map[string]any{"user_id": fx.EmployeeA2.ID, "access": "read"}, 409, "conflict", "", ""},
			{"RemoveUnknownParticipant", holder, "DELETE", p("/participants/" + unknownID(t)), nil, 404, "not_found", "", ""},
			{"RemoveByGuardian", guardian, "DELETE", p("/participants/" + fx.EmployeeA2.ID), nil, 403, "forbidden", "", ""},
			// Level.
			{"LevelTooHigh", holder, "POST", p("/level"), map[string]any{"level": 4, "reason": "x"}, 422, "invalid", "level", "range"},
			{"LevelNegative", holder, "POST", p("/level"), map[string]any{"level": -1, "reason": "x"}, 422, "invalid", "level", "range"},
			{"LevelUnchanged", holder, "POST", p("/level"), map[string]any{"level": 1, "reason": "x"}, 422, "invalid", "level", "invalid"},
			{"LevelBackToZero", holder, "POST", p("/level"), map[string]any{"level": 0, "reason": "x"}, 422, "invalid", "level", "not_allowed"},
			{"LevelNoReason", holder, "POST", p("/level"), map[string]any{"level": 2}, 422, "invalid", "reason", "required"},
			{"LevelFraction", holder, "POST", p("/level"), map[string]any{"level": 1.5, "reason": "x"}, 422, "invalid", "level", "type"},
			{"LevelString", holder, "POST", p("/level"), map[string]any{"level": "2", "reason": "x"}, 422, "invalid", "level", "type"},
			{"LevelHuge", holder, "POST", p("/level"), `{"level": 1e400, "reason": "x"}`, 422, "invalid", "level", "*"},
			{"LevelByGuardian", guardian, "POST", p("/level"), map[string]any{"level": 2, "reason": "x"}, 403, "forbidden", "", ""},
			// Transfers.
			{"TransferNoUser", holder, "POST", p("/transfers"), map[string]any{"note": "x"}, 422, "invalid", "to_user_id", "required"},
			{"TransferUnknownUser", holder, "POST", p("/transfers"), map[string]any{"to_user_id": unknownID(t), "note": "x"}, 422, "invalid", "to_user_id", "*"},
			{"TransferToSelf", holder, "POST", p("/transfers"), map[string]any{"to_user_id": fx.EmployeeA.ID}, 422, "invalid", "to_user_id", "invalid"},
			{"TransferOtherMunicipality", holder, "POST", p("/transfers"), map[string]any{"to_user_id": fx.EmployeeB.ID}, 422, "invalid", "to_user_id", "*"},
			{"TransferUncovered", holder, "POST", p("/transfers"), map[string]any{"to_user_id": uncovered.ID}, 422, "invalid", "consent", "missing"},
			{"TransferByGuardian", guardian, "POST", p("/transfers"), map[string]any{"to_user_id": fx.EmployeeA2.ID}, 403, "forbidden", "", ""},
			// Close.
			{"CloseNoReason", holder, "POST", p("/close"), map[string]any{"text": "Ferdig"}, 422, "invalid", "reason", "required"},
			{"CloseBadReason", holder, "POST", p("/close"), map[string]any{"reason": "lei", "text": "x"}, 422, "invalid", "reason", "invalid"},
			{"CloseOtherWithoutText", guardian, "POST", p("/close"), map[string]any{"reason": "other"}, 422, "invalid", "text", "required"},
			// Guardians, suspension and youth.
			{"GuardianNoResponsibility", holder, "POST", p("/guardians"), map[string]any{"user_id": fx.EmployeeB.ID}, 422, "invalid", "parental_responsibility", "required"},
			{"GuardianUnknownUser", holder, "POST", p("/guardians"), map[string]any{"user_id": unknownID(t), "parental_responsibility": true}, 422, "invalid", "user_id", "not_found"},
			{"GuardianHolder", holder, "POST", p("/guardians"), map[string]any{"user_id": fx.EmployeeA.ID, "parental_responsibility": true}, 422, "invalid", "user_id", "invalid"},
			{"GuardianBadEmail", holder, "POST", p("/guardians"), map[string]any{"email": "ikke-epost", "name": "Ny", "parental_responsibility": true}, 422, "invalid", "email", "format"},
			{"GuardianBadNationalID", holder, "POST", p("/guardians"), map[string]any{"email": "ny@example.no", "name": "Ny", "national_id": "123", "parental_responsibility": true}, 422, "invalid", "national_id", "format"},
			{"GuardianNoName", holder, "POST", p("/guardians"), map[string]any{"email": "ny@example.no", "parental_responsibility": true}, 422, "invalid", "name", "required"},
			{"GuardianTwice", holder, "POST", p("/guardians"), map[string]any{"user_id": fx.Plain.ID, "parental_responsibility": true}, 409, "conflict", "", ""},
			{"SuspendNoReason", leader, "POST", p("/guardians/" + fx.Plain.ID + "/suspend"), map[string]any{}, 422, "invalid", "reason", "required"},
			{"YouthTooYoung", holder, "POST", p("/youth"), map[string]any{"email": "ola@example.no", "name": "Ola"}, 422, "invalid", "birth_date", "range"},
			{"UndringDecisionOnActive", holder, "POST", p("/undring-decision"), map[string]any{"outcome": "closed"}, 409, "conflict", "", ""},
		}
		// Malformed and unknown-field bodies for every POST route that reads one.
		for _, route := range []struct{ name, tok, path string }{
			{"Entries", holder, p("/entries")}, {"Amend", holder, p("/entries/" + note + "/amend")},
			{"Consents", holder, p("/consents")}, {"DigitalConsents", guardian, p("/consents")},
			{"Participants", holder, p("/participants")}, {"Level", holder, p("/level")},
			{"Transfers", holder, p("/transfers")}, {"Close", holder, p("/close")},
			{"Guardians", holder, p("/guardians")}, {"Suspend", leader, p("/guardians/" + fx.Plain.ID + "/suspend")},
			{"Youth", holder, p("/youth")}, {"UndringDecision", holder, p("/undring-decision")},
		} {
			cases = append(cases,
				bad{route.name + "Malformed", route.tok, "POST", route.path, `{"text": "x",`, 400, "invalid", "", ""},
				bad{route.name + "Empty", route.tok, "POST", route.path, ``, 400, "invalid", "", ""},
				bad{route.name + "Array", route.tok, "POST", route.path, `[{"text": "x"}]`, 400, "invalid", "", ""},
				bad{route.name + "Trailing", route.tok, "POST", route.path, `{} {}`, 400, "invalid", "", ""},
				bad{route.name + "UnknownField", route.tok, "POST", route.path, `{"surprise": 1}`, 422, "invalid", "surprise", "unknown_field"},
				bad{route.name + "Oversized", route.tok, "POST", route.path, `{"text": "` + strings.Repeat("x", 1<<20) + `"}`, 413, "too_large", "", ""},
			)
		}

		snapshot := func() map[string]any {
			m := x.show(holder, id)
			for _, k := range []string{"entries", "consents", "participants", "guardians", "level", "status", "holder", "pending_transfer"} {
				if _, ok := m[k]; !ok {
					t.Fatalf("log JSON has no %s: %v", k, m)
				}
			}
			return m
		}
		before, writes := snapshot(), x.writes(holder, id)
		for _, c := range cases {
			res := h.Do(c.method, c.path, c.tok, c.Body)
			x.wantErr(res, c.Status, c.code, c.field, c.fieldCode, c.name)
			if after := snapshot(); !reflect.DeepEqual(after, before) {
				t.Errorf("%s: the log changed", c.name)
				for k := range before {
					if !reflect.DeepEqual(before[k], after[k]) {
						t.Errorf("  %s: %v → %v", k, before[k], after[k])
					}
				}
				before = after
			}
		}
		if after := x.writes(holder, id); !reflect.DeepEqual(after, writes) {
			t.Errorf("bad input was audited as writes: %v", after[len(writes):])
		}
		// A well-formed write still goes through afterwards.
		x.want(h.Do("POST", p("/entries"), holder, map[string]any{"kind": "note", "text": "Alt i orden"}), 201, "note after bad input")

		// Control characters and NUL in text are either refused (4xx) or stored as
		// sent; never a server error, on either database.
		t.Run("ControlCharacters", func(t *testing.T) {
			x := lp{t, h}
			nul := "før\x00etter"
			cases := []struct {
				name, tok, path string
				Body            any
			}{
				{"NoteText", holder, p("/entries"), map[string]any{"kind": "note", "text": nul}},
				{"MeetingAttendee", holder, p("/entries"), meet(map[string]any{"attendees": []string{nul}})},
				{"ConsentGivenBy", holder, p("/consents"), map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}, "given_by": nul}},
				{"LevelReason", holder, p("/level"), map[string]any{"level": 2, "reason": nul}},
				{"TransferNote", holder, p("/transfers"), map[string]any{"to_user_id": fx.EmployeeA2.ID, "note": nul}},
				{"GuardianName", holder, p("/guardians"), map[string]any{"email": "nul@example.no", "name": nul, "parental_responsibility": false}},
				{"SuspendReason", leader, p("/guardians/" + fx.Plain.ID + "/suspend"), map[string]any{"reason": nul}},
			}
			for _, c := range cases {
				res := h.Do("POST", c.path, c.tok, c.Body)
				if res.Status >= 500 {
					t.Errorf("%s with NUL: %d %s", c.name, res.Status, res.Body)
				}
			}
			x.show(holder, id)
		})
	})
}

// TestConsentUploadLeavesNoTemporaryFiles: through a real server, an upload larger
// than the in-memory part of the form is spooled to a temporary file; it must be
// removed after the request. It sets TMPDIR for the process, so it runs on its own
// (not beside other tests) and on SQLite only.
func TestConsentUploadLeavesNoTemporaryFiles(t *testing.T) {
	h := webtest.New(t, storetest.DSN(t, "sqlite"))
	x := lp{t, h}
	fx := h.Fx
	holder := h.Login(fx.EmployeeA)
	id := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2016-05-01")
	x.guardian(holder, id, fx.Plain.ID, true)
	x.consent(holder, id, fx.UnitA.ID)
	x.activate(holder, id)
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	srv := httptest.NewServer(h.Srv)
	defer srv.Close()
	body, ctype := webtest.MultipartBody(t, webtest.Field("covers_unit_ids", fx.UnitA.ID), webtest.File(bigPDF(2<<20), "s.pdf", "application/pdf"))
	req, err := http.NewRequest("POST", srv.URL+"/api/v1/logs/"+id+"/consents", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+holder)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("upload through server = %d", res.StatusCode)
	}
	var left []string
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		left, _ = filepath.Glob(filepath.Join(dir, "multipart-*"))
		if len(left) == 0 {
			break
		}
	}
	if len(left) > 0 {
		sizes := []int64{}
		for _, f := range left {
			if st, err := os.Stat(f); err == nil {
				sizes = append(sizes, st.Size())
			}
		}
		t.Errorf("temporary upload files left behind after the request: %v (sizes %v)", left, sizes)
	}
}
