package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"stafett/internal/web/ui/i18n"
	"strings"
	"testing"
)

// TestCatalogCoversTemplates checks that every text key the templ components and
// the page handlers name (m.T("key", ...), l.N("key", n)) exists in all three languages.
func TestCatalogCoversTemplates(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`\.(T|N)\("([a-z0-9_.]*[a-z0-9_])"`)
	files, err := filepath.Glob("*.templ")
	if err != nil {
		t.Fatal(err)
	}
	handlers, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range handlers {
		if !strings.HasSuffix(p, "_templ.go") && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
	}
	if len(files) < 20 {
		t.Fatalf("only %d files to check", len(files))
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkKeys(t, c, p, string(b), key)
	}
}

// checkKeys reports the keys that text (from file p) names through key, whose
// submatches are the function (T, or N for a plural) and the key, and that the
// catalog c lacks.
func checkKeys(t *testing.T, c *i18n.Catalog, p, text string, key *regexp.Regexp) {
	t.Helper()
	for _, m := range key.FindAllStringSubmatch(text, -1) {
		keys := []string{m[2]}
		if m[1] == "N" {
			keys = []string{m[2] + ".one", m[2] + ".other"}
		}
		for _, k := range keys {
			if !c.Has(k) {
				t.Errorf("%s uses %q, which the catalog lacks", p, k)
			}
		}
	}
}
