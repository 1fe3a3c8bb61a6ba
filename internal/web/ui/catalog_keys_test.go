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
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
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
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The templ components name their keys as m.T("key") or m.T("key", args...) (or l.T).
	templKey := regexp.MustCompile(`\.(T|N)\("([a-z0-9_.]+)"\s*[,)]`)
	templs, err := filepath.Glob("*.templ")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range templs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templKey.FindAllStringSubmatch(string(b), -1) {
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
}
