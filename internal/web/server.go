// Package web serves Stafett over HTTP: the JSON API (web/api) and the HTML pages
// (web/ui) over the same store, policy and audit. It holds the server, the middleware,
// the mapping of errors to answers and routes.go, which lists every route.
package web

import (
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/auth"
	"stafett/internal/store"
	"stafett/internal/web/api"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
)

// Config holds the settings the web layer needs.
type Config = app.Config

// DefaultMaxBodyBytes caps JSON bodies at 1 MiB.
const DefaultMaxBodyBytes = app.DefaultMaxBodyBytes

// Server holds the dependencies of every handler.
type Server struct {
	*app.App
	api     *api.Server
	ui      *ui.Server
	metrics *metrics
	mux     *http.ServeMux
	handler http.Handler
	// formAction extends the Content-Security-Policy's form-action with the
	// identity providers' origins (see ui.ProviderOrigins).
	formAction string
	// ready caches /readyz's write check.
	ready readiness
}

// New returns a server. reg receives the server's metrics (a new registry when nil).
func New(db *store.DB, hasher *auth.Hasher, log *slog.Logger, cfg Config, reg *prometheus.Registry) *Server {
	a := app.New(db, hasher, log, cfg)
	s := &Server{App: a, api: api.New(a), ui: ui.New(a), metrics: newMetrics(reg, db)}
	s.formAction = ui.ProviderOrigins(a.Cfg.Providers, log)
	s.mux = s.routes()
	s.handler = s.middleware(s.mux)
	return s
}

// ServeHTTP serves a request through the whole middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Middleware wraps h in the chain every route is served through (security headers,
// panic recovery, metrics, sign-in); tests use it to see how a failing handler is answered.
func (s *Server) Middleware(h http.Handler) http.Handler { return s.middleware(h) }

// StaticPrefix is the path the static files are served under.
func (s *Server) StaticPrefix() string { return s.ui.StaticPrefix() }

// UI is the page handlers, for tests and benchmarks that render pages directly.
func (s *Server) UI() *ui.Server { return s.ui }
