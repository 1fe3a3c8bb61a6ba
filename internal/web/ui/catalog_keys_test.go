package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"stafett/internal/web/ui/i18n"
	"testing"
)

// TestCatalogCoversTemplates checks that every text key the templates name exists
// in all three languages.
func TestCatalogCoversTemplates(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`\.(T|N) "([a-z0-9_.]+)"`)
	err = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(templateFS, p)
		checkKeys(t, c, p, string(b), key)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The templ components name their keys as calls: m.T("key", ...).
	templKey := regexp.MustCompile(`\.(T|N)\("([a-z0-9_.]+)"`)
	templs, err := filepath.Glob("*.templ")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range templs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkKeys(t, c, p, string(b), templKey)
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
