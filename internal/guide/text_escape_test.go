package guide

import (
	"html/template"
	"testing"
)

// FuzzEscapeHTML: RenderText escapes exactly as html/template's HTMLEscapeString,
// which it used before it returned a plain string.
func FuzzEscapeHTML(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">'&'</a>`, "\x00\xff\xfe<", "æøå & \u2028", "&amp;&#34;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escapeHTML(s), template.HTMLEscapeString(s); got != want {
			t.Fatalf("escapeHTML(%q) = %q, want %q", s, got, want)
		}
	})
}
