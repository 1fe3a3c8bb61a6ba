package auth_test

import (
	"bytes"
	"image/png"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"stafett/internal/auth"
)

// codeAt returns the code of secret at t, as an authenticator app would show it.
func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTOTPEnrol(t *testing.T) {
	e, err := auth.TOTP{}.Enrol("kari@example.no")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(e.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Stafett:kari@example.no" || q.Get("issuer") != "Stafett" ||
		q.Get("secret") != e.Secret || q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("otpauth URL = %s", e.URL)
	}
	if len(e.Secret) != 32 { // 160 bits in base32
		t.Errorf("secret %q: want 32 base32 characters", e.Secret)
	}
	img, err := png.Decode(bytes.NewReader(e.PNG))
	if err != nil {
		t.Fatalf("QR code is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Errorf("QR code is %v, want 256×256", b)
	}
	other, _ := auth.TOTP{Issuer: "Stafett test"}.Enrol("kari@example.no")
	if other.Secret == e.Secret || !strings.Contains(other.URL, "issuer=Stafett%20test") {
		t.Errorf("second enrolment %+v: want a new secret and its own issuer", other.URL)
	}
}

func TestTOTPCheck(t *testing.T) {
	e, err := auth.TOTP{}.Enrol("kari@example.no")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 10, 0, 15, 0, time.UTC)
	step := auth.Step(now)
	if step != now.Unix()/30 {
		t.Fatalf("Step = %d", step)
	}
	var c auth.TOTP
	for _, tc := range []struct {
		name     string
		code     string
		after    int64
		wantStep int64
		wantOK   bool
	}{
		{"OK", codeAt(t, e.Secret, now), 0, step, true},
		{"Spaces", " " + codeAt(t, e.Secret, now)[:3] + " " + codeAt(t, e.Secret, now)[3:], 0, step, true},
		{"OneStepBehind", codeAt(t, e.Secret, now.Add(-30*time.Second)), 0, step - 1, true},
		{"OneStepAhead", codeAt(t, e.Secret, now.Add(30*time.Second)), 0, step + 1, true},
		{"TwoStepsBehind", codeAt(t, e.Secret, now.Add(-60*time.Second)), 0, 0, false},
		{"TwoStepsAhead", codeAt(t, e.Secret, now.Add(60*time.Second)), 0, 0, false},
		{"Replayed", codeAt(t, e.Secret, now), step, 0, false},
		{"OlderThanUsed", codeAt(t, e.Secret, now.Add(-30*time.Second)), step, 0, false},
		{"NewerThanUsed", codeAt(t, e.Secret, now.Add(30*time.Second)), step, step + 1, true},
		{"Wrong", wrong(codeAt(t, e.Secret, now)), 0, 0, false},
		{"TooShort", codeAt(t, e.Secret, now)[:5], 0, 0, false},
		{"Empty", "", 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := c.Check(e.Secret, tc.code, now, tc.after)
			if ok != tc.wantOK || got != tc.wantStep {
				t.Errorf("Check(%q, after %d) = %d, %v; want %d, %v", tc.code, tc.after, got, ok, tc.wantStep, tc.wantOK)
			}
		})
	}
	t.Run("BadSecret", func(t *testing.T) {
		if _, ok := c.Check("not base32!", "123456", now, 0); ok {
			t.Error("a malformed secret matched")
		}
	})
}

// wrong returns another six-digit code.
func wrong(code string) string {
	b := []byte(code)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes := auth.NewRecoveryCodes()
	if len(codes) != auth.RecoveryCodes || len(hashes) != auth.RecoveryCodes {
		t.Fatalf("%d codes, %d hashes; want %d", len(codes), len(hashes), auth.RecoveryCodes)
	}
	form := regexp.MustCompile(`^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$`)
	seen := map[string]bool{}
	for i, c := range codes {
		if !form.MatchString(c) || seen[c] {
			t.Errorf("code %q: want a new xxxx-xxxx-xxxx-xxxx base32 code", c)
		}
		seen[c] = true
		if hashes[i] != auth.HashRecoveryCode(c) || len(hashes[i]) != 64 || strings.Contains(hashes[i], strings.ReplaceAll(c, "-", "")) {
			t.Errorf("hash %q of %q: want the SHA-256 form, not the code", hashes[i], c)
		}
	}
	typed := strings.ToUpper(strings.ReplaceAll(codes[0], "-", " "))
	if auth.HashRecoveryCode(typed) != hashes[0] {
		t.Errorf("code typed as %q does not match: case and separators must not matter", typed)
	}
	if auth.HashRecoveryCode(codes[0]+"a") == hashes[0] {
		t.Error("a different code has the same hash")
	}
}
