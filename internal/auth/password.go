// Package auth holds password hashing, session tokens and (later) second factors and
// identity providers.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// OWASP is the OWASP Password Storage Cheat Sheet recommendation for argon2id:
// 19 MiB of memory, two iterations, one degree of parallelism.
var OWASP = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// Hasher hashes and verifies passwords. Tests may use cheaper parameters; every hash
// records its own parameters, so verification does not depend on the Hasher's.
type Hasher struct {
	Params Params
	dummy  string
	// verifications counts the argon2id computations Verify has run (see Verifications).
	verifications atomic.Int64
}

// NewHasher returns a Hasher with p. It precomputes a hash used to spend the same time
// on unknown accounts as on known ones.
func NewHasher(p Params) *Hasher {
	h := &Hasher{Params: p}
	h.dummy, _ = h.Hash("stafett-dummy-password")
	return h
}

const keyLen = 32

// Hash returns the PHC-formatted argon2id hash of password.
func (h *Hasher) Hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	p := h.Params
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether password matches hash. An empty hash (a user without a
// password) is checked against a dummy hash so that the answer takes the same time.
func (h *Hasher) Verify(hash, password string) bool {
	if hash == "" {
		h.verify(h.dummy, password)
		return false
	}
	ok, err := h.verify(hash, password)
	return err == nil && ok
}

// Verifications returns how many password hashes Verify has computed with h, the work
// that makes a sign-in slow. Tests use it to prove that a sign-in costs the same work
// whether the account is unknown, inactive or known with a wrong password.
func (h *Hasher) Verifications() int64 { return h.verifications.Load() }

var errBadHash = errors.New("malformed password hash")

func (h *Hasher) verify(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	var p Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, errBadHash
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errBadHash
	}
	h.verifications.Add(1)
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
