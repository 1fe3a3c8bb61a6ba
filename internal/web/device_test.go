package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"stafett/internal/web/app"
	"stafett/internal/web/webtest"
)

// TestDeviceCookie: after a successful sign-in the browser gets a device cookie.
// Someone guessing the password from elsewhere fills the account's limit, which then
// refuses everyone without the cookie — but not the owner on their own device, nor
// colleagues behind the owner's address. The owner's own failures count on the
// device, and a cookie made for another account counts for nothing.
func TestDeviceCookie(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		signIn := func(addr, email, password string, cookie *http.Cookie) *webtest.Response {
			t.Helper()
			req := httptest.NewRequest("POST", "/api/v1/session", webtest.JSONBody(map[string]string{"email": email, "password": password}))
			req.Header.Set("Content-Type", "application/json")
			req.RemoteAddr = addr + ":40000"
			if cookie != nil {
				req.AddCookie(cookie)
			}
			return h.Serve(req)
		}
		deviceOf := func(res *webtest.Response) *http.Cookie {
			t.Helper()
			for _, c := range (&http.Response{Header: res.Header}).Cookies() {
				if c.Name == app.DeviceCookie {
					if !c.HttpOnly || c.MaxAge <= 0 {
						t.Errorf("device cookie %+v is not HttpOnly and long-lived", c)
					}
					return c
				}
			}
			t.Fatalf("no device cookie in %v", res.Header)
			return nil
		}
		school := "192.0.2.10"
		owner := fx.EmployeeA.Email
		res := signIn(school, owner, webtest.Password, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("first sign-in: %d %s", res.Status, res.Body)
		}
		device := deviceOf(res)

		// Guessing from ten other addresses fills the account's limit.
		for i := range 10 {
			if res := signIn("198.51.100."+strconv.Itoa(i+1), owner, "feil-passord", nil); res.Status != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d", i+1, res.Status)
			}
		}
		if res := signIn("198.51.100.99", owner, webtest.Password, nil); res.Status != http.StatusTooManyRequests {
			t.Errorf("without the device cookie, the right password after the guesses = %d, want 429", res.Status)
		}
		// The owner's device is not locked out, and gets its cookie again.
		res = signIn(school, owner, webtest.Password, device)
		if res.Status != http.StatusOK {
			t.Fatalf("the owner on their device = %d %s, want 200", res.Status, res.Body)
		}
		if again := deviceOf(res); again.Value != device.Value {
			t.Errorf("the device got a new cookie %q, want %q", again.Value, device.Value)
		}
		// A colleague behind the same address is not locked out either.
		if res := signIn(school, fx.LeaderA.Email, webtest.Password, nil); res.Status != http.StatusOK {
			t.Errorf("a colleague behind the school's address = %d", res.Status)
		}
		// The cookie is for its account only: for another account it counts for nothing,
		// so that account's limit applies as to anyone.
		other := fx.EmployeeA2.Email
		for i := range 10 {
			if res := signIn("203.0.113."+strconv.Itoa(i+1), other, "feil-passord", nil); res.Status != http.StatusUnauthorized {
				t.Fatalf("guess at the other account %d: %d", i+1, res.Status)
			}
		}
		if res := signIn(school, other, webtest.Password, device); res.Status != http.StatusTooManyRequests {
			t.Errorf("another account's right password with this device's cookie = %d, want 429", res.Status)
		}
		forged := &http.Cookie{Name: app.DeviceCookie, Value: device.Value[:22] + ".AAAA"}
		if res := signIn(school, owner, webtest.Password, forged); res.Status != http.StatusTooManyRequests {
			t.Errorf("a forged device cookie = %d, want 429", res.Status)
		}
		// The owner's own typing errors count on the device: ten, and the device waits.
		for i := range 10 {
			if res := signIn(school, owner, "skrivefeil", device); res.Status != http.StatusUnauthorized {
				t.Fatalf("owner's mistake %d: %d", i+1, res.Status)
			}
		}
		if res := signIn(school, owner, webtest.Password, device); res.Status != http.StatusTooManyRequests {
			t.Errorf("after ten mistakes on the device = %d, want 429", res.Status)
		}
	})
}
