package ui

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
)

// renderer writes pages whole or not at all: each is rendered into a buffer first,
// so an error never leaves half a page, and the answer carries its length.
type renderer struct {
	// buffers keeps the buffers pages are rendered into: a log page is some 30 KB,
	// and a new buffer grows to that through a dozen copies on every view.
	buffers sync.Pool
}

// render writes component c with status.
func (v *renderer) render(ctx context.Context, w http.ResponseWriter, status int, c templ.Component) error {
	buf, _ := v.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer v.putBuffer(buf)
	if err := c.Render(ctx, buf); err != nil {
		return fmt.Errorf("render: %w", err)
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
func (v *renderer) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	v.buffers.Put(buf)
}

// show renders page c for r with status, and drops the flash it has shown.
func (s *Server) show(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	s.clearFlash(w, r)
	return s.pages.render(r.Context(), w, status, c)
}
