package ui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded CSS, scripts and vendored front-end files under a
// path that carries a hash of their content, so browsers may cache them for good and
// still get a new version with a new binary. Text files (CSS, scripts) are also kept
// gzip-compressed, compressed once at start, for browsers that accept gzip.
type staticFiles struct {
	prefix  string // "/static/<version>"
	handler http.Handler
}

// compressible are the extensions worth gzip: text. Fonts (woff2) and images are
// compressed already.
var compressible = map[string]bool{".css": true, ".js": true, ".svg": true, ".json": true, ".txt": true, ".html": true}

func newStaticFiles() (*staticFiles, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	gz := map[string][]byte{} // by path within sub: the compressed file, when smaller
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write(b)
		if compressible[path.Ext(p)] {
			if z, err := gzipBytes(b); err != nil {
				return err
			} else if len(z) < len(b) {
				gz[p] = z
			}
		}
		return nil
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
		z, ok := gz[rest]
		if ok {
			w.Header().Add("Vary", "Accept-Encoding") // plain or gzip, by the request
		}
		if ok && acceptsGzip(r.Header) {
			w.Header().Set("Content-Encoding", "gzip")
			// ServeContent types the answer by the file's name, not by the gzip bytes.
			http.ServeContent(&cacheWriter{ResponseWriter: w}, r2, rest, time.Time{}, bytes.NewReader(z))
			return
		}
		files.ServeHTTP(&cacheWriter{ResponseWriter: w}, r2)
	})}, nil
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip: named (or
// "*" when gzip is not named) with a quality above zero.
func acceptsGzip(h http.Header) bool {
	star := false
	for _, v := range h.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			ok := true
			for _, p := range strings.Split(params, ";") {
				if name, q, found := strings.Cut(strings.TrimSpace(p), "="); found && strings.EqualFold(strings.TrimSpace(name), "q") {
					f, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
					ok = err == nil && f > 0
				}
			}
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip", "x-gzip":
				return ok
			case "*":
				star = ok
			}
		}
	}
	return star
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
