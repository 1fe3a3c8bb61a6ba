package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pquerna/otp/totp"

	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// TestSecurityPage covers "my security": people see and end only their own sessions,
// set up and turn off a second factor, see what happened to their account; and
// administrators cannot reach the administration pages, nor turn the factor off,
// without one.
func TestSecurityPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		ctx := context.Background()
		phone, laptop := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA)
		other := h.Login(fx.EmployeeA2)

		res := h.Page("GET", "/meg/sikkerhet", laptop, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("security page = %d", res.Status)
		}
		doc := res.Doc(t)
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
		if res := h.Page("POST", phoneAction, other, url.Values{}); res.Status != http.StatusNotFound {
			t.Errorf("ending another person's session = %d, want 404", res.Status)
		}
		if res := h.Page("GET", "/", phone, nil); res.Status != http.StatusOK {
			t.Fatalf("Lars's phone session stopped working after Hege's attempt: %d", res.Status)
		}
		res = h.Page("POST", phoneAction, laptop, url.Values{})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/meg/sikkerhet" {
			t.Fatalf("ending own session = %d %s", res.Status, res.Header.Get("Location"))
		}
		if res := h.Page("GET", "/", phone, nil); res.Status != http.StatusSeeOther {
			t.Errorf("the ended session still opens the overview: %d", res.Status)
		}

		// Setting up a second factor: a wrong code re-shows the key with a message,
		// the right code shows ten recovery codes once.
		res = h.Page("POST", "/meg/sikkerhet/totp/ny", laptop, url.Values{})
		secret := strings.TrimSpace(res.Doc(t).Find("code.secret").Text())
		if res.Status != http.StatusOK || len(secret) < 32 {
			t.Fatalf("enrolment = %d, secret %q", res.Status, secret)
		}
		if src, _ := res.Doc(t).Find(`#h-totp ~ img, #h-totp + p + img`).Attr("src"); !strings.HasPrefix(src, "data:image/png;base64,") {
			t.Errorf("QR code src = %.40q", src)
		}
		res = h.Page("POST", "/meg/sikkerhet/totp", laptop, url.Values{"code": {"000000"}})
		if res.Status != http.StatusUnprocessableEntity || strings.TrimSpace(res.Doc(t).Find("code.secret").Text()) != secret {
			t.Fatalf("wrong code = %d; the same key must be shown again", res.Status)
		}
		if _, ok := res.Doc(t).Find("#totp-code").Attr("aria-invalid"); !ok {
			t.Errorf("the code field is not marked invalid")
		}
		code, err := totp.GenerateCode(secret, h.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		res = h.Page("POST", "/meg/sikkerhet/totp", laptop, url.Values{"code": {code}})
		if n := res.Doc(t).Find("#h-codes ~ ul li code").Length(); res.Status != http.StatusOK || n != 10 {
			t.Fatalf("confirm = %d with %d recovery codes, want 200 and 10", res.Status, n)
		}
		if on, _ := h.DB.TOTPEnabled(ctx, fx.EmployeeA.ID); !on {
			t.Fatalf("TOTP is not on after confirming")
		}
		// Turning it off needs a current code; a code already used is refused.
		res = h.Page("POST", "/meg/sikkerhet/totp/fjern", laptop, url.Values{"code": {code}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("turning off with a used code = %d, want 422", res.Status)
		}
		h.Clock.Add(30 * 1e9)
		next, _ := totp.GenerateCode(secret, h.Clock.Now())
		res = h.Page("POST", "/meg/sikkerhet/totp/fjern", laptop, url.Values{"code": {next}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("turning off = %d", res.Status)
		}
		events, err := h.DB.SecurityEvents(ctx, fx.EmployeeA.ID, 20)
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
		hash, _ := webtest.Hasher.Hash(webtest.Password)
		if err := h.DB.CreateUser(ctx, people.System(), &admin, hash); err != nil {
			t.Fatal(err)
		}
		if err := h.DB.GrantRole(ctx, people.System(), admin.ID, &people.Role{Role: people.MunicipalityAdmin, MunicipalityID: fx.A.ID}); err != nil {
			t.Fatal(err)
		}
		tok := h.Login(admin)
		res = h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/brukere", tok, nil)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/meg/sikkerhet" {
			t.Errorf("admin without TOTP on an admin page = %d %s, want 303 to /meg/sikkerhet", res.Status, res.Header.Get("Location"))
		}
		// An administrator with one gets in, and may not turn it off.
		adminA := h.Login(fx.AdminA)
		if res := h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/brukere", adminA, nil); res.Status != http.StatusOK {
			t.Errorf("admin with TOTP on an admin page = %d", res.Status)
		}
		res = h.Page("GET", "/meg/sikkerhet", adminA, nil)
		if n := res.Doc(t).Find(`form[action="/meg/sikkerhet/totp/fjern"]`).Length(); n != 0 {
			t.Errorf("an administrator is offered to turn the second factor off")
		}
		h.Clock.Add(30 * 1e9)
		adminCode, _ := totp.GenerateCode(webtest.TOTPSecret, h.Clock.Now())
		if res := h.Page("POST", "/meg/sikkerhet/totp/fjern", adminA, url.Values{"code": {adminCode}}); res.Status != http.StatusForbidden {
			t.Errorf("an administrator turning the factor off = %d, want 403", res.Status)
		}
		if on, _ := h.DB.TOTPEnabled(ctx, fx.AdminA.ID); !on {
			t.Errorf("the administrator's second factor was turned off")
		}
	})
}

// TestSignInWithSecondFactor: someone with two-step verification on needs a code
// after the right password, through the API and the pages; a code works once, and a
// pending sign-in is used once.
func TestSignInWithSecondFactor(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		api := func(code string) *webtest.Response {
			body := map[string]string{"email": fx.AdminA.Email, "password": webtest.Password}
			if code != "" {
				body["totp"] = code
			}
			return h.Do("POST", "/api/v1/session", "", body)
		}
		if res := api(""); res.Status != http.StatusUnauthorized {
			t.Errorf("no code = %d, want 401", res.Status)
		} else if _, fields := res.ErrorCode(t); fields["totp"] != "required" {
			t.Errorf("no code: fields = %v, want totp required", fields)
		}
		if res := api("123456"); res.Status != http.StatusUnauthorized {
			t.Errorf("wrong code = %d, want 401", res.Status)
		}
		h.Clock.Add(30 * 1e9)
		code := h.TOTPCode()
		if res := api(code); res.Status != http.StatusOK {
			t.Fatalf("right code = %d %s", res.Status, res.Body)
		}
		if res := api(code); res.Status != http.StatusUnauthorized {
			t.Errorf("the same code again = %d, want 401", res.Status)
		}
		if res := api(h.RecoveryCode(fx.AdminA.ID)); res.Status != http.StatusOK {
			t.Errorf("recovery code = %d, want 200", res.Status)
		}

		// The pages: password, then the code on its own page.
		post := func(path string, form url.Values, cookie *http.Cookie) *webtest.Response {
			req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			if cookie != nil {
				req.AddCookie(cookie)
			}
			return h.Serve(req)
		}
		cookie := func(res *webtest.Response, name string) *http.Cookie {
			for _, c := range (&http.Response{Header: res.Header}).Cookies() {
				if c.Name == name {
					return c
				}
			}
			return nil
		}
		res := post("/innlogging", url.Values{"email": {fx.AdminA.Email}, "password": {webtest.Password}, "neste": {"/admin"}}, nil)
		pending := cookie(res, ui.CodeCookie)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging/kode" || pending == nil || cookie(res, app.SessionCookie) != nil {
			t.Fatalf("password step = %d %s, code cookie %v; want 303 to the code page and no session yet", res.Status, res.Header.Get("Location"), pending)
		}
		res = post("/innlogging/kode", url.Values{"code": {"000000"}}, pending)
		retry := cookie(res, ui.CodeCookie)
		if res.Status != http.StatusUnauthorized || retry == nil || retry.Value == pending.Value || cookie(res, app.SessionCookie) != nil {
			t.Fatalf("wrong code = %d; want 401, a new pending sign-in and no session", res.Status)
		}
		if !strings.Contains(string(res.Body), "Koden stemmer ikke") {
			t.Errorf("the wrong-code page does not say so")
		}
		h.Clock.Add(30 * 1e9)
		res = post("/innlogging/kode", url.Values{"code": {h.TOTPCode()}}, pending)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" || cookie(res, app.SessionCookie) != nil {
			t.Errorf("a used pending sign-in = %d %s, want 303 back to sign-in", res.Status, res.Header.Get("Location"))
		}
		res = post("/innlogging/kode", url.Values{"code": {h.TOTPCode()}}, retry)
		session := cookie(res, app.SessionCookie)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin" || session == nil {
			t.Fatalf("right code = %d %s; want 303 to /admin with a session", res.Status, res.Header.Get("Location"))
		}
		if res := h.Page("GET", "/admin", session.Value, nil); res.Status != http.StatusOK {
			t.Errorf("admin page after two-step sign-in = %d", res.Status)
		}
		events, err := h.DB.SecurityEvents(context.Background(), fx.AdminA.ID, 20)
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
