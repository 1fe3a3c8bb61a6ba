package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"

	"strings"
	"time"
)

//go:embed templates
var templateFS embed.FS

// views holds every page template, each parsed once at start with the layout and the
// partials.
type views struct {
	pages map[string]*template.Template
}

// templateFuncs are the language-independent helpers; text and dates come from the
// page's Localizer (its methods T, Date, DateTime and Day).
var templateFuncs = template.FuncMap{
	"join": strings.Join,
	"deref": func(t *time.Time) time.Time {
		if t == nil {
			return time.Time{}
		}
		return *t
	},
	"list": func(v ...string) []string { return v },
	"contains": func(list []string, s string) bool {
		for _, v := range list {
			if v == s {
				return true
			}
		}
		return false
	},
}

func parseViews() (*views, error) {
	base, err := template.New("layout").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, n := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		v.pages[strings.TrimSuffix(n[strings.LastIndex(n, "/")+1:], ".html")] = t
	}
	return v, nil
}

// render writes page name with data, whole or not at all: it renders to a buffer
// first, so a template error never leaves half a page.
func (v *views) render(w http.ResponseWriter, status int, name string, data any) error {
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
