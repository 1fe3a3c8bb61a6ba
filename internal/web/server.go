// Package web serves Stafett over HTTP: the JSON API under /api/v1 and the HTML
// pages, over the same store, policy and audit.
package web

import (
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/auth"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/i18n"
)

// Config holds the settings the web layer needs.
type Config struct {
	// SecureCookies marks cookies Secure; set when the public base URL is https.
	SecureCookies bool
	// Sessions bounds session lifetimes.
	Sessions people.SessionPolicy
	// MaxBodyBytes caps request bodies; larger requests get 413.
	MaxBodyBytes int64
}

// DefaultMaxBodyBytes caps JSON bodies at 1 MiB.
const DefaultMaxBodyBytes = 1 << 20

// Server holds the dependencies of every handler.
type Server struct {
	db      *store.DB
	hasher  *auth.Hasher
	log     *slog.Logger
	cfg     Config
	metrics *metrics
	catalog *i18n.Catalog
	views   *views
	static  *staticFiles
	mux     *http.ServeMux
	handler http.Handler
}

// New returns a server. reg receives the server's metrics (a new registry when nil).
func New(db *store.DB, hasher *auth.Hasher, log *slog.Logger, cfg Config, reg *prometheus.Registry) *Server {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Sessions == (people.SessionPolicy{}) {
		cfg.Sessions = people.DefaultSessionPolicy
	}
	s := &Server{db: db, hasher: hasher, log: log, cfg: cfg, metrics: newMetrics(reg, db)}
	// The catalogs, templates and static files are embedded in the binary: a failure
	// here is a defect of the build, which every test catches, not a runtime condition.
	var err error
	if s.catalog, err = i18n.Load(); err != nil {
		panic(err)
	}
	if s.views, err = parseViews(); err != nil {
		panic(err)
	}
	if s.static, err = newStaticFiles(); err != nil {
		panic(err)
	}
	s.mux = s.routes()
	s.handler = s.middleware(s.mux)
	return s
}

// ServeHTTP serves a request through the whole middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
