package gen

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
)

// randomID returns a 128-bit ID, hex-encoded like the store's own, from rng, so that
// the same seed gives the same IDs.
func randomID(rng *rand.Rand) string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return hex.EncodeToString(b[:])
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// sentences returns n sentences from xs, none twice in a row.
func sentences(rng *rand.Rand, xs []string, n int) string {
	var b strings.Builder
	last := -1
	for i := range n {
		j := rng.IntN(len(xs))
		if j == last {
			j = (j + 1) % len(xs)
		}
		last = j
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(xs[j])
	}
	return b.String()
}

var asciiFold = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "ae", "Ø", "o", "Å", "a", "á", "a", "Á", "a",
	"š", "s", "č", "c", "đ", "d", "ŋ", "n", "ŧ", "t", "ž", "z", "é", "e", "ü", "u", "ö", "o", "ä", "a")

// ascii lower-cases s and folds Norwegian and Sami letters, for e-mail addresses.
func ascii(s string) string {
	s = asciiFold.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slug makes a domain label of a municipality's name: "Herøy (Nordland)" becomes
// "heroy-nordland", "Deatnu – Tana" "deatnu-tana".
func slug(name string) string {
	parts := strings.FieldsFunc(asciiFold.Replace(strings.ToLower(name)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z') && !(r >= '0' && r <= '9')
	})
	return strings.Join(parts, "-")
}

// syntheticNationalID turns n (unique among generated people) into an 11-digit
// number shaped like a fødselsnummer with 80 added to the month, the mark of the
// synthetic national IDs of Norway's test registers, so it can never be a real
// person's.
func syntheticNationalID(n int) string {
	day := 1 + n%28
	month := 81 + (n/28)%12
	year := (n / 336) % 100
	individual := (n / 33600) % 100000
	return fmt.Sprintf("%02d%02d%02d%05d", day, month, year, individual)
}

// initials returns the initials of a first and last name, e.g. "EH".
func initials(first, last string) string {
	f, l := []rune(first), []rune(last)
	return strings.ToUpper(string(f[0]) + string(l[0]))
}
