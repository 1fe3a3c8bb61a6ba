package auth

import "testing"

// TestVerifications checks that Verify counts one hash for a right password, a wrong
// one and a user without a password (the dummy hash), and that Hash is not counted.
func TestVerifications(t *testing.T) {
	h := NewHasher(Params{Memory: 64, Time: 1, Threads: 1})
	hash, err := h.Hash("korrekt hest batteri")
	if err != nil {
		t.Fatal(err)
	}
	if n := h.Verifications(); n != 0 {
		t.Fatalf("%d verifications before any Verify", n)
	}
	for i, c := range []struct{ hash, password string }{
		{hash, "korrekt hest batteri"}, {hash, "feil"}, {"", "feil"},
	} {
		h.Verify(c.hash, c.password)
		if n := h.Verifications(); n != int64(i+1) {
			t.Errorf("after Verify(%q, %q): %d verifications, want %d", c.hash, c.password, n, i+1)
		}
	}
}
