package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/auth"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/web/app"
	"stafett/internal/web/webtest"
)

func TestSessionLogin(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		t.Run("OK", func(t *testing.T) {
			res := h.Do("POST", "/api/v1/session", "", map[string]string{"email": "LARER@skien.no", "password": webtest.Password})
			if res.Status != http.StatusOK {
				t.Fatalf("status = %d %s", res.Status, res.Body)
			}
			m := webtest.Decode[webtest.Session](t, res)
			if m.Token == "" || m.User.ID != h.Fx.EmployeeA.ID || m.User.Name != "Lars Lærer" || m.User.Email != "larer@skien.no" {
				t.Errorf("body = %s", res.Body)
			}
			// The session cookie, and the device cookie (API.md: Session).
			cookie := (&http.Response{Header: res.Header}).Cookies()
			if len(cookie) != 2 || cookie[0].Name != app.SessionCookie || !cookie[0].HttpOnly || cookie[0].SameSite != http.SameSiteLaxMode || cookie[0].Value != m.Token ||
				cookie[1].Name != app.DeviceCookie || !cookie[1].HttpOnly {
				t.Errorf("cookies = %+v", cookie)
			}
			mres := h.Do("GET", "/api/v1/me", m.Token, nil)
			me := webtest.Decode[webtest.Me](t, mres)
			if me.ID != h.Fx.EmployeeA.ID || len(me.Roles) != 1 || me.Roles[0].Role != "employee" ||
				me.Roles[0].UnitID == nil || *me.Roles[0].UnitID != h.Fx.UnitA.ID ||
				me.Roles[0].MunicipalityID == nil || *me.Roles[0].MunicipalityID != h.Fx.A.ID {
				t.Errorf("me = %s", mres.Body)
			}
		})
		t.Run("CookieWorks", func(t *testing.T) {
			tok := h.Login(h.Fx.LeaderA)
			req := webtest.NewRequest("GET", "/api/v1/me")
			req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: tok})
			if res := h.Serve(req); res.Status != http.StatusOK {
				t.Errorf("cookie session: %d", res.Status)
			}
		})
		t.Run("WrongPasswordAndUnknownEmailAlike", func(t *testing.T) {
			wrong := h.Do("POST", "/api/v1/session", "", map[string]string{"email": h.Fx.EmployeeA.Email, "password": "feil-passord"})
			unknown := h.Do("POST", "/api/v1/session", "", map[string]string{"email": "ingen@skien.no", "password": "feil-passord"})
			if wrong.Status != 401 || unknown.Status != 401 || string(wrong.Body) != string(unknown.Body) {
				t.Errorf("wrong password %d %s; unknown e-mail %d %s", wrong.Status, wrong.Body, unknown.Status, unknown.Body)
			}
		})
		t.Run("ErrMissingFields", func(t *testing.T) {
			res := h.Do("POST", "/api/v1/session", "", map[string]string{})
			code, fields := res.ErrorCode(t)
			if res.Status != 422 || code != "invalid" || fields["email"] != "required" || fields["password"] != "required" {
				t.Errorf("= %d %s", res.Status, res.Body)
			}
		})
		t.Run("ErrGarbageToken", func(t *testing.T) {
			res := h.Do("GET", "/api/v1/me", "not-a-token", nil)
			if code, _ := res.ErrorCode(t); res.Status != 401 || code != "unauthenticated" {
				t.Errorf("= %d %s", res.Status, res.Body)
			}
		})
		t.Run("NewSignInRotatesToken", func(t *testing.T) {
			old := h.Login(h.Fx.LeaderA)
			req := webtest.NewRequest("POST", "/api/v1/session")
			req.Body = webtest.JSONBody(map[string]string{"email": h.Fx.LeaderA.Email, "password": webtest.Password})
			req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: old})
			if res := h.Serve(req); res.Status != http.StatusOK {
				t.Fatalf("sign in again: %d", res.Status)
			}
			if res := h.Do("GET", "/api/v1/me", old, nil); res.Status != 401 {
				t.Errorf("old token after new sign-in: %d, want 401", res.Status)
			}
		})
	})
}

func TestSessionLogout(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok := h.Login(h.Fx.EmployeeA)
		other := h.Login(h.Fx.EmployeeA)
		res := h.Do("DELETE", "/api/v1/session", tok, nil)
		if res.Status != http.StatusNoContent {
			t.Fatalf("logout = %d", res.Status)
		}
		cookies := (&http.Response{Header: res.Header}).Cookies()
		if len(cookies) != 1 || cookies[0].MaxAge >= 0 {
			t.Errorf("logout cookie = %+v, want it cleared", cookies)
		}
		if res := h.Do("GET", "/api/v1/me", tok, nil); res.Status != 401 {
			t.Errorf("token after logout: %d, want 401", res.Status)
		}
		if res := h.Do("DELETE", "/api/v1/session", tok, nil); res.Status != 401 {
			t.Errorf("second logout: %d, want 401", res.Status)
		}
		if res := h.Do("GET", "/api/v1/me", other, nil); res.Status != 200 {
			t.Errorf("other session of the same user: %d, want 200", res.Status)
		}
	})
}

func TestSessionExpiry(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok := h.Login(h.Fx.EmployeeA)
		h.Clock.Add(29 * time.Minute)
		if res := h.Do("GET", "/api/v1/me", tok, nil); res.Status != 200 {
			t.Fatalf("after 29 idle minutes: %d, want 200", res.Status)
		}
		h.Clock.Add(31 * time.Minute)
		if res := h.Do("GET", "/api/v1/me", tok, nil); res.Status != 401 {
			t.Errorf("after 31 idle minutes: %d, want 401", res.Status)
		}
	})
}

// TestLoginWork checks that a failed sign-in costs the same work whatever the reason,
// so that its answer time does not tell whether an e-mail has an account: an unknown
// e-mail, an inactive account (with its right password) and a wrong password each run
// exactly one password hash, as a successful sign-in does, through the API and the page.
func TestLoginWork(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		hasher := auth.NewHasher(auth.Params{Memory: 64, Time: 1, Threads: 1})
		h.Srv.Hasher = hasher
		if _, err := h.DB.ChangeUserActive(t.Context(), people.System(), h.Fx.EmployeeB.ID, false); err != nil {
			t.Fatal(err)
		}
		signIns := map[string]func(email, password string) int{
			"API": func(email, password string) int {
				return h.Do("POST", "/api/v1/session", "", map[string]string{"email": email, "password": password}).Status
			},
			"Page": func(email, password string) int {
				req := httptest.NewRequest("POST", "/innlogging", strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
				formType(req)
				rec := httptest.NewRecorder()
				h.Srv.ServeHTTP(rec, req)
				return rec.Code
			},
		}
		cases := []struct {
			name, email, password string
			status                int
		}{
			{"UnknownEmail", "ingen@skien.no", "feil-passord", http.StatusUnauthorized},
			{"Inactive", h.Fx.EmployeeB.Email, webtest.Password, http.StatusUnauthorized},
			{"WrongPassword", h.Fx.EmployeeA.Email, "feil-passord", http.StatusUnauthorized},
		}
		for _, via := range []string{"API", "Page"} {
			for _, c := range cases {
				t.Run(via+"/"+c.name, func(t *testing.T) {
					before := hasher.Verifications()
					if got := signIns[via](c.email, c.password); got != c.status {
						t.Fatalf("status %d, want %d", got, c.status)
					}
					if n := hasher.Verifications() - before; n != 1 {
						t.Errorf("%d password hashes, want exactly 1", n)
					}
				})
			}
		}
		t.Run("API/OK", func(t *testing.T) {
			before := hasher.Verifications()
			if got := signIns["API"](h.Fx.EmployeeA.Email, webtest.Password); got != http.StatusOK {
				t.Fatalf("status %d, want 200", got)
			}
			if n := hasher.Verifications() - before; n != 1 {
				t.Errorf("%d password hashes, want exactly 1", n)
			}
		})
	})
}

// BenchmarkLoginFailure measures a failed sign-in with the production hash parameters,
// for an unknown e-mail and for a wrong password; the two should take about as long
// (TestLoginWork proves they do the same work).
func BenchmarkLoginFailure(b *testing.B) {
	h := webtest.New(b, b.TempDir()+"/t.db")
	h.Srv.Hasher = auth.NewHasher(auth.OWASP)
	// Far more failures than the sign-in limits allow, which is not what this measures.
	h.Srv.Cfg.Limits.SignInFailures = ratelimit.Limit{N: 1 << 30, Per: time.Minute}
	h.Srv.Cfg.Limits.SignInAddressFailures = h.Srv.Cfg.Limits.SignInFailures
	h.Srv.Cfg.Limits.SignInGlobal = h.Srv.Cfg.Limits.SignInFailures
	hash, err := h.Srv.Hasher.Hash(webtest.Password)
	if err != nil {
		b.Fatal(err)
	}
	if err := h.DB.SetPassword(b.Context(), h.Fx.EmployeeA.ID, hash); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, email string }{{"UnknownEmail", "ingen@skien.no"}, {"WrongPassword", h.Fx.EmployeeA.Email}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if res := h.Do("POST", "/api/v1/session", "", map[string]string{"email": c.email, "password": "feil-passord"}); res.Status != 401 {
					b.Fatalf("status %d", res.Status)
				}
			}
		})
	}
}
