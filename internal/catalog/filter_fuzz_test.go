package catalog

import (
	"testing"
	"unicode/utf8"
)

// FuzzParseFilter feeds the public search's query parameters anything: the parser
// never panics, and a filter it accepts is within the limits the store relies on.
func FuzzParseFilter(f *testing.F) {
	f.Add("7", "1", "søvn", "")
	f.Add("", "", "", "")
	f.Add("-1", "4", "%_\\", "u1")
	f.Add("99999999999999999999", "x", "a b c d e f g h i", "\x00")
	f.Add(" 25 ", "03", "ÆØÅ æøå", "\xff")
	f.Fuzz(func(t *testing.T, age, level, q, unit string) {
		params := map[string]string{"age": age, "level": level, "q": q, "unit": unit}
		flt, err := ParseFilter(func(k string) string { return params[k] })
		if err != nil {
			return
		}
		if flt.Age != nil && (*flt.Age < MinAge || *flt.Age > MaxAge) {
			t.Errorf("age %d accepted", *flt.Age)
		}
		if flt.Level != 0 && (flt.Level < MinLevel || flt.Level > MaxLevel) {
			t.Errorf("level %d accepted", flt.Level)
		}
		if !utf8.ValidString(flt.Query) || utf8.RuneCountInString(flt.Query) > MaxQueryLen || len(flt.Words()) > MaxQueryWords {
			t.Errorf("query %q accepted", flt.Query)
		}
		if len(flt.UnitID) > MaxIDLen {
			t.Errorf("unit %q accepted", flt.UnitID)
		}
		if err := flt.Check(); err != nil {
			t.Errorf("an accepted filter fails its check: %v", err)
		}
	})
}
