package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"

	"stafett/internal/people"
	"stafett/internal/store"
)

func (r *response) doc(t *testing.T) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSecurityPage covers "my security": people see and end only their own sessions,
// set up and turn off a second factor, see what happened to their account; and
// administrators cannot reach the administration pages, nor turn the factor off,
// without one.
func TestSecurityPage(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		fx := h.fx
		ctx := context.Background()
		phone, laptop := h.login(fx.EmployeeA), h.login(fx.EmployeeA)
		other := h.login(fx.EmployeeA2)

		res := h.page("GET", "/meg/sikkerhet", laptop, nil)
		if res.status != http.StatusOK {
			t.Fatalf("security page = %d", res.status)
		}
		doc := res.doc(t)
		if n := doc.Find(`#h-sessions + ul > li`).Length(); n != 2 {
			t.Errorf("Lars sees %d sessions, want his 2", n)
		}
		if n := doc.Find(`form[action^="/meg/sikkerhet/okter/"]`).Length(); n != 1 {
			t.Errorf("Lars may end %d sessions, want 1 (not the one he is using)", n)
		}
		if !strings.Contains(doc.Find("#h-events + ul").Text(), "Logget inn") {
			t.Errorf("events do not show the sign-in: %q", doc.Find("#h-events").Parent().Text())
		}
		phoneAction, _ := doc.Find(`form[action^="/meg/sikkerhet/okter/"]`).Attr("action")

		// Hege cannot end Lars's session: it is not found for her.
		if res := h.page("POST", phoneAction, other, url.Values{}); res.status != http.StatusNotFound {
			t.Errorf("ending another person's session = %d, want 404", res.status)
		}
		if res := h.page("GET", "/", phone, nil); res.status != http.StatusOK {
			t.Fatalf("Lars's phone session stopped working after Hege's attempt: %d", res.status)
		}
		res = h.page("POST", phoneAction, laptop, url.Values{})
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/meg/sikkerhet" {
			t.Fatalf("ending own session = %d %s", res.status, res.header.Get("Location"))
		}
		if res := h.page("GET", "/", phone, nil); res.status != http.StatusSeeOther {
			t.Errorf("the ended session still opens the overview: %d", res.status)
		}

		// Setting up a second factor: a wrong code re-shows the key with a message,
		// the right code shows ten recovery codes once.
		res = h.page("POST", "/meg/sikkerhet/totp/ny", laptop, url.Values{})
		secret := strings.TrimSpace(res.doc(t).Find("code.secret").Text())
		if res.status != http.StatusOK || len(secret) < 32 {
			t.Fatalf("enrolment = %d, secret %q", res.status, secret)
		}
		if src, _ := res.doc(t).Find(`#h-totp ~ img, #h-totp + p + img`).Attr("src"); !strings.HasPrefix(src, "data:image/png;base64,") {
			t.Errorf("QR code src = %.40q", src)
		}
		res = h.page("POST", "/meg/sikkerhet/totp", laptop, url.Values{"code": {"000000"}})
		if res.status != http.StatusUnprocessableEntity || strings.TrimSpace(res.doc(t).Find("code.secret").Text()) != secret {
			t.Fatalf("wrong code = %d; the same key must be shown again", res.status)
		}
		if _, ok := res.doc(t).Find("#totp-code").Attr("aria-invalid"); !ok {
			t.Errorf("the code field is not marked invalid")
		}
		code, err := totp.GenerateCode(secret, h.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		res = h.page("POST", "/meg/sikkerhet/totp", laptop, url.Values{"code": {code}})
		if n := res.doc(t).Find("#h-codes ~ ul li code").Length(); res.status != http.StatusOK || n != 10 {
			t.Fatalf("confirm = %d with %d recovery codes, want 200 and 10", res.status, n)
		}
		if on, _ := h.db.TOTPEnabled(ctx, fx.EmployeeA.ID); !on {
			t.Fatalf("TOTP is not on after confirming")
		}
		// Turning it off needs a current code; a code already used is refused.
		res = h.page("POST", "/meg/sikkerhet/totp/fjern", laptop, url.Values{"code": {code}})
		if res.status != http.StatusUnprocessableEntity {
			t.Errorf("turning off with a used code = %d, want 422", res.status)
		}
		h.clock.Add(30 * 1e9)
		next, _ := totp.GenerateCode(secret, h.clock.Now())
		res = h.page("POST", "/meg/sikkerhet/totp/fjern", laptop, url.Values{"code": {next}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("turning off = %d", res.status)
		}
		events, err := h.db.SecurityEvents(ctx, fx.EmployeeA.ID, 20)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range events {
			kinds = append(kinds, string(e.Kind))
		}
		if got := strings.Join(kinds, ","); !strings.HasPrefix(got, "mfa_disabled,mfa_enrolled,session_ended,signin,signin") {
			t.Errorf("Lars's events = %s", got)
		}

		// An administrator without a second factor is sent to set one up.
		admin := people.User{Email: "ny.admin@skien.no", Name: "Nina Ny", HomeMunicipalityID: fx.A.ID}
		hash, _ := cheapHasher.Hash(testPassword)
		if err := h.db.CreateUser(ctx, &admin, hash); err != nil {
			t.Fatal(err)
		}
		if err := h.db.AddRole(ctx, admin.ID, &people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.A.ID}); err != nil {
			t.Fatal(err)
		}
		tok := h.login(admin)
		res = h.page("GET", "/admin/kommuner/"+fx.A.ID+"/brukere", tok, nil)
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/meg/sikkerhet" {
			t.Errorf("admin without TOTP on an admin page = %d %s, want 303 to /meg/sikkerhet", res.status, res.header.Get("Location"))
		}
		// An administrator with one gets in, and may not turn it off.
		adminA := h.login(fx.AdminA)
		if res := h.page("GET", "/admin/kommuner/"+fx.A.ID+"/brukere", adminA, nil); res.status != http.StatusOK {
			t.Errorf("admin with TOTP on an admin page = %d", res.status)
		}
		res = h.page("GET", "/meg/sikkerhet", adminA, nil)
		if n := res.doc(t).Find(`form[action="/meg/sikkerhet/totp/fjern"]`).Length(); n != 0 {
			t.Errorf("an administrator is offered to turn the second factor off")
		}
		h.clock.Add(30 * 1e9)
		adminCode, _ := totp.GenerateCode(testTOTPSecret, h.clock.Now())
		if res := h.page("POST", "/meg/sikkerhet/totp/fjern", adminA, url.Values{"code": {adminCode}}); res.status != http.StatusForbidden {
			t.Errorf("an administrator turning the factor off = %d, want 403", res.status)
		}
		if on, _ := h.db.TOTPEnabled(ctx, fx.AdminA.ID); !on {
			t.Errorf("the administrator's second factor was turned off")
		}
	})
}

// TestSignInWithSecondFactor: someone with two-step verification on needs a code
// after the right password, through the API and the pages; a code works once, and a
// pending sign-in is used once.
func TestSignInWithSecondFactor(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		fx := h.fx
		api := func(code string) *response {
			body := map[string]string{"email": fx.AdminA.Email, "password": testPassword}
			if code != "" {
				body["totp"] = code
			}
			return h.do("POST", "/api/v1/session", "", body)
		}
		if res := api(""); res.status != http.StatusUnauthorized {
			t.Errorf("no code = %d, want 401", res.status)
		} else if _, fields := res.errorCode(t); fields["totp"] != "required" {
			t.Errorf("no code: fields = %v, want totp required", fields)
		}
		if res := api("123456"); res.status != http.StatusUnauthorized {
			t.Errorf("wrong code = %d, want 401", res.status)
		}
		h.clock.Add(30 * 1e9)
		code := h.totpCode()
		if res := api(code); res.status != http.StatusOK {
			t.Fatalf("right code = %d %s", res.status, res.body)
		}
		if res := api(code); res.status != http.StatusUnauthorized {
			t.Errorf("the same code again = %d, want 401", res.status)
		}
		if res := api(h.recoveryCode(fx.AdminA.ID)); res.status != http.StatusOK {
			t.Errorf("recovery code = %d, want 200", res.status)
		}

		// The pages: password, then the code on its own page.
		post := func(path string, form url.Values, cookie *http.Cookie) *response {
			req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			if cookie != nil {
				req.AddCookie(cookie)
			}
			return h.serve(req)
		}
		cookie := func(res *response, name string) *http.Cookie {
			for _, c := range (&http.Response{Header: res.header}).Cookies() {
				if c.Name == name {
					return c
				}
			}
			return nil
		}
		res := post("/innlogging", url.Values{"email": {fx.AdminA.Email}, "password": {testPassword}, "neste": {"/admin"}}, nil)
		pending := cookie(res, codeCookie)
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/innlogging/kode" || pending == nil || cookie(res, sessionCookie) != nil {
			t.Fatalf("password step = %d %s, code cookie %v; want 303 to the code page and no session yet", res.status, res.header.Get("Location"), pending)
		}
		res = post("/innlogging/kode", url.Values{"code": {"000000"}}, pending)
		retry := cookie(res, codeCookie)
		if res.status != http.StatusUnauthorized || retry == nil || retry.Value == pending.Value || cookie(res, sessionCookie) != nil {
			t.Fatalf("wrong code = %d; want 401, a new pending sign-in and no session", res.status)
		}
		if !strings.Contains(string(res.body), "Koden stemmer ikke") {
			t.Errorf("the wrong-code page does not say so")
		}
		h.clock.Add(30 * 1e9)
		res = post("/innlogging/kode", url.Values{"code": {h.totpCode()}}, pending)
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/innlogging" || cookie(res, sessionCookie) != nil {
			t.Errorf("a used pending sign-in = %d %s, want 303 back to sign-in", res.status, res.header.Get("Location"))
		}
		res = post("/innlogging/kode", url.Values{"code": {h.totpCode()}}, retry)
		session := cookie(res, sessionCookie)
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/admin" || session == nil {
			t.Fatalf("right code = %d %s; want 303 to /admin with a session", res.status, res.header.Get("Location"))
		}
		if res := h.page("GET", "/admin", session.Value, nil); res.status != http.StatusOK {
			t.Errorf("admin page after two-step sign-in = %d", res.status)
		}
		events, err := h.db.SecurityEvents(context.Background(), fx.AdminA.ID, 20)
		if err != nil {
			t.Fatal(err)
		}
		failed := 0
		for _, e := range events {
			if e.Kind == store.SecSignInFailed && e.Detail == "totp" {
				failed++
			}
		}
		if failed != 3 {
			t.Errorf("%d failed-code events, want 3 (API wrong, API replay, page wrong)", failed)
		}
	})
}
