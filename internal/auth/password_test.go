package auth

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h := NewHasher(Params{Memory: 64, Time: 1, Threads: 1})
	hash, err := h.Hash("korrekt hest batteri")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash = %q, want PHC argon2id form with its parameters", hash)
	}
	if !h.Verify(hash, "korrekt hest batteri") {
		t.Error("right password refused")
	}
	if h.Verify(hash, "korrekt hest batteri ") {
		t.Error("wrong password accepted")
	}
	again, _ := h.Hash("korrekt hest batteri")
	if again == hash {
		t.Error("two hashes of one password are equal: salt missing")
	}
	// A hash made with other parameters still verifies: parameters travel with it.
	if !NewHasher(OWASP).Verify(hash, "korrekt hest batteri") {
		t.Error("verification depends on the hasher's own parameters")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=x$a$b", "$bcrypt$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5"} {
		if h.Verify(bad, "x") {
			t.Errorf("malformed hash %q verified", bad)
		}
	}
}

func TestOWASPParameters(t *testing.T) {
	if OWASP.Memory < 19*1024 || OWASP.Time < 2 || OWASP.Threads < 1 {
		t.Errorf("OWASP = %+v, below the cheat sheet's m=19 MiB, t=2, p=1", OWASP)
	}
}

func TestToken(t *testing.T) {
	a, ha := NewToken()
	b, hb := NewToken()
	if len(a) != 43 || a == b || ha == hb || HashToken(a) != ha || ha == a {
		t.Errorf("tokens %q %q hashes %q %q", a, b, ha, hb)
	}
}
