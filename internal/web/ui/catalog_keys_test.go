package ui

import (
	"io/fs"
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
}
