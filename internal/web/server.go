// Package web serves Stafett over HTTP: the JSON API under /api/v1 and the HTML
// pages, over the same store, policy and audit.
package web

import (
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/auth"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
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
	// HSTS sends Strict-Transport-Security; set when the public base URL is https.
	HSTS bool
	// Limits bound sign-in attempts, exports and searches; unset ones take
	// ratelimit.Defaults.
	Limits ratelimit.Limits
	// TrustedProxies are the peers whose X-Forwarded-For names the client; from
	// any other peer the header is ignored.
	TrustedProxies []netip.Prefix
	// Providers are the identity providers people may sign in through, already
	// discovered; nil when there are none.
	Providers *auth.Providers
	// BaseURL is Stafett's public URL, where identity providers send people back
	// after signing them out.
	BaseURL string
}

// DefaultMaxBodyBytes caps JSON bodies at 1 MiB.
const DefaultMaxBodyBytes = 1 << 20

// Server holds the dependencies of every handler.
type Server struct {
	db      *store.DB
	hasher  *auth.Hasher
	totp    auth.TOTP
	log     *slog.Logger
	cfg     Config
	metrics *metrics
	catalog *i18n.Catalog
	views   *views
	static  *staticFiles
	mux     *http.ServeMux
	handler http.Handler
	// formAction extends the Content-Security-Policy's form-action with the
	// identity providers' origins (see providerOrigins).
	formAction string
}

// New returns a server. reg receives the server's metrics (a new registry when nil).
func New(db *store.DB, hasher *auth.Hasher, log *slog.Logger, cfg Config, reg *prometheus.Registry) *Server {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Sessions == (people.SessionPolicy{}) {
		cfg.Sessions = people.DefaultSessionPolicy
	}
	cfg.Limits = cfg.Limits.WithDefaults()
	s := &Server{db: db, hasher: hasher, log: log, cfg: cfg, metrics: newMetrics(reg, db)}
	// The catalogs, templates and static files are embedded in the binary: a failure
	// here is a defect of the build, which every test catches, not a runtime condition.
	var err error
	if s.catalog, err = i18n.Load(); err != nil {
		panic(err)
	}
	if s.views, err = parseViews(s.catalog); err != nil {
		panic(err)
	}
	if s.static, err = newStaticFiles(); err != nil {
		panic(err)
	}
	s.formAction = providerOrigins(cfg.Providers, log)
	s.mux = s.routes()
	s.handler = s.middleware(s.mux)
	return s
}

// ServeHTTP serves a request through the whole middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
