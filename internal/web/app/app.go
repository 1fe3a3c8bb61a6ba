// Package app holds what the JSON API (web/api) and the pages (web/ui) both do on a
// request: who is asking (the principal in the request's context), signing in within
// the rate limits, sessions, and the administrative checks. It keeps api and ui thin
// and independent: neither imports the other.
package app

import (
	"log/slog"
	"net/netip"

	"stafett/internal/auth"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/store"
	"stafett/internal/web/ui/i18n"
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
	// MinFree is the free space, in bytes, the database's volume must keep for
	// /readyz to answer 200 (DefaultMinFree when 0).
	MinFree int64
}

// DefaultMinFree is STAFETT_MIN_FREE's default: 256 MiB.
const DefaultMinFree = 256 << 20

// DefaultMaxBodyBytes caps JSON bodies at 1 MiB.
const DefaultMaxBodyBytes = 1 << 20

// App holds the dependencies the API and the pages share.
type App struct {
	DB     *store.DB
	Hasher *auth.Hasher
	TOTP   auth.TOTP
	Log    *slog.Logger
	Cfg    Config
	// Texts are the UI texts in every language (for pages, and for the sentences
	// of system entries in the API).
	Texts *i18n.Catalog
}

// New returns the shared part of the handlers, with cfg's unset values defaulted.
func New(db *store.DB, hasher *auth.Hasher, log *slog.Logger, cfg Config) *App {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Sessions == (people.SessionPolicy{}) {
		cfg.Sessions = people.DefaultSessionPolicy
	}
	cfg.Limits = cfg.Limits.WithDefaults()
	if cfg.MinFree == 0 {
		cfg.MinFree = DefaultMinFree
	}
	texts, err := i18n.Load()
	if err != nil {
		panic(err) // the catalogs are embedded: a defect of the build, which every test catches
	}
	return &App{DB: db, Hasher: hasher, Log: log, Cfg: cfg, Texts: texts}
}
