package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"stafett/internal/auth"
	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// BenchmarkLogPage is the log page for its holder on SQLite, a log of 20 entries
// (gen's average): "handler" is the whole request (session, audited read, page
// model, template); "template" is the template alone, on a model built once.
// `stafett bench` measures the same page under load; this isolates it.
func BenchmarkLogPage(b *testing.B) {
	h := webtest.New(b, storetest.DSN(b, "sqlite"))
	w := newPageWorld(b, h)
	o := logOps{b, h}
	for i := range 14 {
		o.note(w.tok.holder, w.id, fmt.Sprintf("Samtale nummer %d med Åse om hvordan dagene går, og hva som hjelper.", i))
	}
	path := "/logg/" + w.id
	if res := h.Page("GET", path, w.tok.holder, nil); res.Status != http.StatusOK {
		b.Fatalf("log page = %d", res.Status)
	}
	b.Run("handler", func(b *testing.B) {
		for b.Loop() {
			if res := h.Page("GET", path, w.tok.holder, nil); res.Status != http.StatusOK {
				b.Fatalf("log page = %d", res.Status)
			}
		}
	})
	b.Run("template", func(b *testing.B) {
		req := webtest.NewRequest("GET", path)
		req.SetPathValue("id", w.id)
		p, err := h.DB.Authenticate(req.Context(), auth.HashToken(w.tok.holder), h.Srv.Cfg.Sessions)
		if err != nil {
			b.Fatal(err)
		}
		render, err := h.Srv.UI().LogPageRenderer(req, p)
		if err != nil {
			b.Fatal(err)
		}
		var size int
		for b.Loop() {
			rec := discardWriter{h: http.Header{}}
			if err := render(&rec); err != nil {
				b.Fatal(err)
			}
			size = rec.n
		}
		b.ReportMetric(float64(size), "bytes/page")
	})
}

// discardWriter is a ResponseWriter that counts what is written.
type discardWriter struct {
	h http.Header
	n int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) WriteHeader(int)             {}
func (d *discardWriter) Write(p []byte) (int, error) { d.n += len(p); return len(p), nil }
