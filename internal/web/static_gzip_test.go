package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"os"
	"testing"

	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// TestStaticGzip checks that CSS and scripts come gzip-compressed to a browser that
// accepts it and plain to one that does not, both with the long cache headers and
// Vary, and that fonts, compressed already, always come as they are.
func TestStaticGzip(t *testing.T) {
	const immutable = "public, max-age=31536000, immutable"
	h := webtest.New(t, storetest.DSN(t, "sqlite"))
	static := h.Srv.StaticPrefix()
	get := func(t *testing.T, method, file, acceptEncoding string) *httptest.ResponseRecorder {
		t.Helper()
		req := httptest.NewRequest(method, static+"/"+file, nil)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		rec := httptest.NewRecorder()
		h.Srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("%s %s = %d", method, file, rec.Code)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != immutable {
			t.Errorf("Cache-Control = %q, want %q", cc, immutable)
		}
		return rec
	}
	for _, c := range []struct{ file, contentType string }{
		{"app.css", "text/css; charset=utf-8"},
		{"vendor/designsystemet-css/index.css", "text/css; charset=utf-8"},
		{"vendor/htmx/htmx.min.js", "text/javascript; charset=utf-8"},
	} {
		want, err := os.ReadFile("ui/static/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("Gzip/"+c.file, func(t *testing.T) {
			rec := get(t, "GET", c.file, "br, gzip;q=0.8, deflate")
			hd := rec.Header()
			if hd.Get("Content-Encoding") != "gzip" || hd.Get("Vary") != "Accept-Encoding" || hd.Get("Content-Type") != c.contentType {
				t.Fatalf("Content-Encoding %q, Vary %q, Content-Type %q", hd.Get("Content-Encoding"), hd.Get("Vary"), hd.Get("Content-Type"))
			}
			if rec.Body.Len() >= len(want) {
				t.Errorf("compressed %d bytes, the file has %d", rec.Body.Len(), len(want))
			}
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decompressed body (%d bytes) differs from the file (%d bytes)", len(got), len(want))
			}
		})
		for _, ae := range []string{"", "identity", "gzip;q=0", "deflate, br"} {
			t.Run("Plain/"+c.file+"/"+ae, func(t *testing.T) {
				rec := get(t, "GET", c.file, ae)
				hd := rec.Header()
				if hd.Get("Content-Encoding") != "" || hd.Get("Vary") != "Accept-Encoding" || hd.Get("Content-Type") != c.contentType {
					t.Errorf("Content-Encoding %q, Vary %q, Content-Type %q", hd.Get("Content-Encoding"), hd.Get("Vary"), hd.Get("Content-Type"))
				}
				if !bytes.Equal(rec.Body.Bytes(), want) {
					t.Errorf("body (%d bytes) differs from the file (%d bytes)", rec.Body.Len(), len(want))
				}
			})
		}
	}
	t.Run("HeadGzip", func(t *testing.T) {
		rec := get(t, "HEAD", "app.css", "gzip")
		if rec.Header().Get("Content-Encoding") != "gzip" || rec.Body.Len() != 0 {
			t.Errorf("Content-Encoding %q, body %d bytes", rec.Header().Get("Content-Encoding"), rec.Body.Len())
		}
	})
	t.Run("FontAsIs", func(t *testing.T) {
		const file = "vendor/inter/inter-latin-wght-normal.woff2"
		want, err := os.ReadFile("ui/static/" + file)
		if err != nil {
			t.Fatal(err)
		}
		rec := get(t, "GET", file, "gzip")
		hd := rec.Header()
		if hd.Get("Content-Encoding") != "" || hd.Get("Vary") != "" || hd.Get("Content-Type") != "font/woff2" {
			t.Errorf("Content-Encoding %q, Vary %q, Content-Type %q", hd.Get("Content-Encoding"), hd.Get("Vary"), hd.Get("Content-Type"))
		}
		if !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("font body (%d bytes) differs from the file (%d bytes)", rec.Body.Len(), len(want))
		}
	})
}
