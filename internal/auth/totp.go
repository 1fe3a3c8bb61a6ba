package auth

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"image/png"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters: what every authenticator app supports (RFC 6238 defaults).
const (
	TOTPPeriod = 30 * time.Second
	TOTPDigits = 6
	// TOTPSkew is how many steps either side of now a code is accepted, for clocks
	// that drift and people who type slowly.
	TOTPSkew = 1
	// TOTPIssuer names Stafett in the authenticator app.
	TOTPIssuer = "Stafett"
)

// TOTP makes and checks time-based one-time passwords.
type TOTP struct {
	// Issuer is shown in the authenticator app; TOTPIssuer when empty (a test or
	// staging server may name itself differently).
	Issuer string
}

// Enrolment is a new TOTP secret as shown to the person enrolling: the otpauth://
// URL and the same as a QR code. Secret is stored as pending until confirmed.
type Enrolment struct {
	Secret string // base32, as authenticator apps take it when typed in
	URL    string
	PNG    []byte // QR code of URL
}

// Enrol makes a new random secret (160 bits, as RFC 4226 recommends) for account,
// usually the person's e-mail address.
func (t TOTP) Enrol(account string) (*Enrolment, error) {
	issuer := t.Issuer
	if issuer == "" {
		issuer = TOTPIssuer
	}
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer: issuer, AccountName: account, Period: uint(TOTPPeriod / time.Second),
		SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
	if err != nil {
		return nil, fmt.Errorf("totp: generate: %w", err)
	}
	return enrolment(key)
}

// Show rebuilds the enrolment of a pending secret, to show it again after a code
// was mistyped.
func (t TOTP) Show(account, secret string) (*Enrolment, error) {
	issuer := t.Issuer
	if issuer == "" {
		issuer = TOTPIssuer
	}
	v := url.Values{"secret": {secret}, "issuer": {issuer}, "algorithm": {"SHA1"}, "digits": {"6"},
		"period": {strconv.Itoa(int(TOTPPeriod / time.Second))}}
	key, err := otp.NewKeyFromURL((&url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + account, RawQuery: v.Encode()}).String())
	if err != nil {
		return nil, fmt.Errorf("totp: %w", err)
	}
	return enrolment(key)
}

func enrolment(key *otp.Key) (*Enrolment, error) {
	img, err := key.Image(256, 256)
	if err != nil {
		return nil, fmt.Errorf("totp: qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("totp: qr code: %w", err)
	}
	return &Enrolment{Secret: key.Secret(), URL: key.URL(), PNG: buf.Bytes()}, nil
}

// Step returns the TOTP time step that contains now.
func Step(now time.Time) int64 { return now.Unix() / int64(TOTPPeriod/time.Second) }

// Check reports whether code is the code of secret for a time step within TOTPSkew
// of now, and returns that step. Steps up to and including after — the last step
// already used — are refused, so a code cannot be used twice.
func (TOTP) Check(secret, code string, now time.Time, after int64) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != TOTPDigits {
		return 0, false
	}
	opts := totp.ValidateOpts{Period: uint(TOTPPeriod / time.Second), Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	cur := Step(now)
	for step := cur - TOTPSkew; step <= cur+TOTPSkew; step++ {
		if step <= after {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*int64(TOTPPeriod/time.Second), 0), opts)
		if err != nil {
			return 0, false // a malformed secret matches nothing
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// RecoveryCodes is how many recovery codes a person gets at enrolment.
const RecoveryCodes = 10

// NewRecoveryCodes returns RecoveryCodes fresh codes to show once, and the hashes
// to store. Each code carries 80 random bits, written as 16 base32 letters in
// groups of four.
//
// The hash is a plain SHA-256 rather than argon2id: the codes are random with 80
// bits of entropy, so trying them from a stolen hash is out of reach without a slow
// hash, and a fast unsalted hash lets the database find a code by its hash with no
// per-code work — where argon2id would cost 19 MiB and tens of milliseconds per
// stored code on every attempt.
func NewRecoveryCodes() (codes, hashes []string) {
	for range RecoveryCodes {
		b := make([]byte, 10)
		_, _ = rand.Read(b) // never fails on supported platforms
		s := strings.ToLower(base32.StdEncoding.EncodeToString(b))
		code := s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
		codes = append(codes, code)
		hashes = append(hashes, HashRecoveryCode(code))
	}
	return codes, hashes
}

// HashRecoveryCode returns the stored form of a recovery code as typed: case,
// spaces and dashes do not matter.
func HashRecoveryCode(code string) string {
	norm := strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}, strings.TrimSpace(code))
	sum := sha256.Sum256([]byte("stafett-recovery:" + norm))
	return hex.EncodeToString(sum[:])
}
