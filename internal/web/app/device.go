package app

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"stafett/internal/people"
)

// DeviceCookie remembers, after a successful sign-in, the account that signed in on
// this browser (OWASP's device cookie): its failed sign-ins then count in the
// device's own bucket, so that someone guessing the password from elsewhere locks
// out neither the owner on their own computer nor the colleagues behind the same
// address. Its value is a random device id and an HMAC of the id and the account
// under a server key: it cannot be made for another account or device.
const DeviceCookie = "stafett_device"

// deviceLifetime is how long a device is remembered after its last sign-in.
const deviceLifetime = 180 * 24 * time.Hour

// deviceMAC is the HMAC that binds device id to the account with e-mail email.
func (s *App) deviceMAC(r *http.Request, id, email string) ([]byte, error) {
	key, err := s.DB.ServerKey(r.Context(), "device")
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write([]byte(people.NormalizeEmail(email)))
	return m.Sum(nil), nil
}

// Device returns the id of r's device cookie when it is valid for the account
// with e-mail email, else "".
func (s *App) Device(r *http.Request, email string) string {
	c, err := r.Cookie(DeviceCookie)
	if err != nil {
		return ""
	}
	id, sig, ok := strings.Cut(c.Value, ".")
	if !ok || len(id) != 22 || len(sig) > 64 {
		return ""
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		return ""
	}
	want, err := s.deviceMAC(r, id, email)
	if err != nil || !hmac.Equal(got, want) {
		return ""
	}
	return id
}

// RememberDevice sets the device cookie for the account that has just signed in
// with e-mail email, keeping the device's id when it already had one.
func (s *App) RememberDevice(w http.ResponseWriter, r *http.Request, email string) error {
	id := s.Device(r, email)
	if id == "" {
		b := make([]byte, 16)
		rand.Read(b)
		id = base64.RawURLEncoding.EncodeToString(b)
	}
	mac, err := s.deviceMAC(r, id, email)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: DeviceCookie, Value: id + "." + base64.RawURLEncoding.EncodeToString(mac),
		Path: "/", MaxAge: int(deviceLifetime.Seconds()), HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	return nil
}
