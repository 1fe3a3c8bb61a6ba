package web

import (
	"bytes"
	"net/http"
)

// BareBodyBytes is the size of the bare handler's answer: about what a small JSON
// answer or a compressed page is.
const BareBodyBytes = 2048

var bareBody = bytes.Repeat([]byte("stafett "), BareBodyBytes/8)

// BareHandler returns a handler that answers 2 KB of text through the same
// middleware as every route (cross-origin protection, body limit, panic recovery,
// metrics, security headers) but without authentication, database or templates.
// `stafett bench` measures it beside the real routes, so that its figures are a
// ratio to what this server stack can do at all on the machine. It is not among
// the routes.
func (s *Server) BareHandler() http.Handler {
	return s.outer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write(bareBody)
	}))
}
