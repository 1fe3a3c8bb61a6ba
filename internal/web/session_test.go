package web

import (
	"net/http"
	"sort"
	"testing"
	"time"

	"stafett/internal/auth"
	"stafett/internal/ratelimit"
)

func TestSessionLogin(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		t.Run("OK", func(t *testing.T) {
			res := h.do("POST", "/api/v1/session", "", map[string]string{"email": "LARER@skien.no", "password": testPassword})
			if res.status != http.StatusOK {
				t.Fatalf("status = %d %s", res.status, res.body)
			}
			m := res.json(t)
			user := m["user"].(map[string]any)
			if m["token"] == "" || user["id"] != h.fx.EmployeeA.ID || user["name"] != "Lars Lærer" || user["email"] != "larer@skien.no" {
				t.Errorf("body = %v", m)
			}
			cookie := (&http.Response{Header: res.header}).Cookies()
			if len(cookie) != 1 || cookie[0].Name != sessionCookie || !cookie[0].HttpOnly || cookie[0].SameSite != http.SameSiteLaxMode || cookie[0].Value != m["token"] {
				t.Errorf("cookie = %+v", cookie)
			}
			me := h.do("GET", "/api/v1/me", m["token"].(string), nil).json(t)
			roles := me["roles"].([]any)
			if me["id"] != h.fx.EmployeeA.ID || len(roles) != 1 || roles[0].(map[string]any)["role"] != "employee" ||
				roles[0].(map[string]any)["unit_id"] != h.fx.UnitA.ID || roles[0].(map[string]any)["municipality_id"] != h.fx.A.ID {
				t.Errorf("me = %v", me)
			}
		})
		t.Run("CookieWorks", func(t *testing.T) {
			tok := h.login(h.fx.LeaderA)
			req := newRequest("GET", "/api/v1/me")
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
			if res := h.serve(req); res.status != http.StatusOK {
				t.Errorf("cookie session: %d", res.status)
			}
		})
		t.Run("WrongPasswordAndUnknownEmailAlike", func(t *testing.T) {
			wrong := h.do("POST", "/api/v1/session", "", map[string]string{"email": h.fx.EmployeeA.Email, "password": "feil-passord"})
			unknown := h.do("POST", "/api/v1/session", "", map[string]string{"email": "ingen@skien.no", "password": "feil-passord"})
			if wrong.status != 401 || unknown.status != 401 || string(wrong.body) != string(unknown.body) {
				t.Errorf("wrong password %d %s; unknown e-mail %d %s", wrong.status, wrong.body, unknown.status, unknown.body)
			}
		})
		t.Run("ErrMissingFields", func(t *testing.T) {
			res := h.do("POST", "/api/v1/session", "", map[string]string{})
			code, fields := res.errorCode(t)
			if res.status != 422 || code != "invalid" || fields["email"] != "required" || fields["password"] != "required" {
				t.Errorf("= %d %s", res.status, res.body)
			}
		})
		t.Run("ErrGarbageToken", func(t *testing.T) {
			res := h.do("GET", "/api/v1/me", "not-a-token", nil)
			if code, _ := res.errorCode(t); res.status != 401 || code != "unauthenticated" {
				t.Errorf("= %d %s", res.status, res.body)
			}
		})
		t.Run("NewSignInRotatesToken", func(t *testing.T) {
			old := h.login(h.fx.LeaderA)
			req := newRequest("POST", "/api/v1/session")
			req.Body = jsonBody(map[string]string{"email": h.fx.LeaderA.Email, "password": testPassword})
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: old})
			if res := h.serve(req); res.status != http.StatusOK {
				t.Fatalf("sign in again: %d", res.status)
			}
			if res := h.do("GET", "/api/v1/me", old, nil); res.status != 401 {
				t.Errorf("old token after new sign-in: %d, want 401", res.status)
			}
		})
	})
}

func TestSessionLogout(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		tok := h.login(h.fx.EmployeeA)
		other := h.login(h.fx.EmployeeA)
		res := h.do("DELETE", "/api/v1/session", tok, nil)
		if res.status != http.StatusNoContent {
			t.Fatalf("logout = %d", res.status)
		}
		cookies := (&http.Response{Header: res.header}).Cookies()
		if len(cookies) != 1 || cookies[0].MaxAge >= 0 {
			t.Errorf("logout cookie = %+v, want it cleared", cookies)
		}
		if res := h.do("GET", "/api/v1/me", tok, nil); res.status != 401 {
			t.Errorf("token after logout: %d, want 401", res.status)
		}
		if res := h.do("DELETE", "/api/v1/session", tok, nil); res.status != 401 {
			t.Errorf("second logout: %d, want 401", res.status)
		}
		if res := h.do("GET", "/api/v1/me", other, nil); res.status != 200 {
			t.Errorf("other session of the same user: %d, want 200", res.status)
		}
	})
}

func TestSessionExpiry(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		tok := h.login(h.fx.EmployeeA)
		h.clock.Add(29 * time.Minute)
		if res := h.do("GET", "/api/v1/me", tok, nil); res.status != 200 {
			t.Fatalf("after 29 idle minutes: %d, want 200", res.status)
		}
		h.clock.Add(31 * time.Minute)
		if res := h.do("GET", "/api/v1/me", tok, nil); res.status != 401 {
			t.Errorf("after 31 idle minutes: %d, want 401", res.status)
		}
	})
}

// TestLoginTiming checks that an unknown e-mail costs as much as a wrong password:
// both run one argon2id hash with the production parameters.
func TestLoginTiming(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	h := newHarness(t, t.TempDir()+"/t.db")
	h.srv.hasher = auth.NewHasher(auth.OWASP)
	// Fourteen failures from one address: more than the sign-in limit allows, which
	// is not what this test is about.
	h.srv.cfg.Limits.SignInFailures = ratelimit.Limit{N: 100, Per: time.Minute}
	h.srv.cfg.Limits.SignInAddressFailures = h.srv.cfg.Limits.SignInFailures
	hash, err := h.srv.hasher.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.SetPassword(t.Context(), h.fx.EmployeeA.ID, hash); err != nil {
		t.Fatal(err)
	}
	median := func(email string) time.Duration {
		var ds []time.Duration
		for range 7 {
			start := time.Now()
			res := h.do("POST", "/api/v1/session", "", map[string]string{"email": email, "password": "feil-passord"})
			ds = append(ds, time.Since(start))
			if res.status != 401 {
				t.Fatalf("status %d", res.status)
			}
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2]
	}
	known, unknown := median(h.fx.EmployeeA.Email), median("ingen@skien.no")
	if ratio := float64(unknown) / float64(known); ratio < 0.5 || ratio > 2 {
		t.Errorf("unknown e-mail took %v, wrong password %v (ratio %.2f), want alike", unknown, known, ratio)
	}
}
