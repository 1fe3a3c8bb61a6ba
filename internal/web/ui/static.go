package ui

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded CSS, scripts and vendored front-end files under a
// path that carries a hash of their content, so browsers may cache them for good and
// still get a new version with a new binary.
type staticFiles struct {
	prefix  string // "/static/<version>"
	handler http.Handler
}

func newStaticFiles() (*staticFiles, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	prefix := "/static/" + hex.EncodeToString(h.Sum(nil))[:12]
	files := http.FileServerFS(sub)
	return &staticFiles{prefix: prefix, handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, prefix+"/")
		if !ok || strings.HasSuffix(rest, "/") || rest == "" {
			http.NotFound(w, r)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + rest
		if strings.HasSuffix(rest, ".woff2") { // not in Go's built-in MIME table
			w.Header().Set("Content-Type", "font/woff2")
		}
		files.ServeHTTP(&cacheWriter{ResponseWriter: w}, r2)
	})}, nil
}

// cacheWriter lets browsers keep a static file for good, but only a file actually
// served: a missing file or a redirect stays no-store.
type cacheWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *cacheWriter) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		if code == http.StatusOK || code == http.StatusNotModified || code == http.StatusPartialContent {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-store")
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *cacheWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *cacheWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
