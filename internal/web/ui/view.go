package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"stafett/internal/web/ui/i18n"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed templates
var templateFS embed.FS

// views holds every page template in every UI language, each parsed once at start
// with the layout and the partials, and its fixed texts put in (see inlineTexts).
type views struct {
	pages map[i18n.Lang]map[string]*template.Template
	// buffers keeps the buffers pages are rendered into: a log page is some 30 KB,
	// and a new buffer grows to that through a dozen copies on every view.
	buffers sync.Pool
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

func parseViews(c *i18n.Catalog) (*views, error) { return parseViewsWith(c, inlineTexts) }

// parseViewsWith parses the pages for every language and hands each to prepare.
func parseViewsWith(c *i18n.Catalog, prepare func(*template.Template, *i18n.Localizer) error) (*views, error) {
	base, err := template.New("layout").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[i18n.Lang]map[string]*template.Template{}}
	for _, lang := range i18n.Langs() {
		v.pages[lang] = map[string]*template.Template{}
		for _, n := range names {
			t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
			if err != nil {
				return nil, fmt.Errorf("templates: %w", err)
			}
			if err := prepare(t, c.Localizer(lang)); err != nil {
				return nil, fmt.Errorf("templates: %s: %w", n, err)
			}
			v.pages[lang][strings.TrimSuffix(n[strings.LastIndex(n, "/")+1:], ".html")] = t
		}
	}
	return v, nil
}

// render writes page name with data, whole or not at all: it renders to a buffer
// first, so a template error never leaves half a page.
func (v *views) render(w http.ResponseWriter, status int, name string, data any) error {
	lp, ok := data.(interface{ language() i18n.Lang })
	if !ok {
		return fmt.Errorf("render %s: the model has no language", name)
	}
	t, ok := v.pages[lp.language()][name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	buf, _ := v.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer v.putBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// putBuffer keeps buf for the next page, unless an unusually large page made it too
// big to keep.
func (v *views) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	v.buffers.Put(buf)
}

// UseInlinedTexts chooses between the pages with their fixed texts put in at start
// (on, the default) and the same pages parsed plainly (off), for the test that proves
// both render the same bytes. It is not safe while requests are served.
func (s *Server) UseInlinedTexts(on bool) error {
	prepare := inlineTexts
	if !on {
		prepare = func(*template.Template, *i18n.Localizer) error { return nil }
	}
	v, err := parseViewsWith(s.catalog, prepare)
	if err != nil {
		return err
	}
	s.views = v
	return nil
}
