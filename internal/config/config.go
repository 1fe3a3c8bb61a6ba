// Package config reads Stafett's settings from the environment and validates all of
// them at once, so a misconfigured start reports every problem in one go.
package config

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"stafett/internal/people"
	"stafett/internal/ratelimit"
)

// Config is every setting of the server.
type Config struct {
	Addr string
	// MetricsAddr is where Prometheus metrics are served, apart from the public
	// listener; empty means no metrics listener.
	MetricsAddr   string
	Database      string
	AdminEmail    string
	AdminPassword string
	BaseURL       string
	OIDC          []OIDC // identity providers, in the order of the sign-in buttons
	Sessions      people.SessionPolicy
	Limits        ratelimit.Limits
	// TrustedProxies are the peers (addresses or CIDR prefixes) whose
	// X-Forwarded-For header is believed; from anyone else it is ignored.
	TrustedProxies []netip.Prefix
	// ShutdownTimeout is how long a stop waits for requests in flight before it
	// closes the connections that remain.
	ShutdownTimeout time.Duration
	// MinFree is the free space in bytes below which /readyz answers 503.
	MinFree int64
	// Backup is the server's own backups of its SQLite database; off when Dir is
	// empty.
	Backup Backup
}

// Backup says where and how often the server backs its SQLite database up.
type Backup struct {
	Dir   string        // STAFETT_BACKUP_DIR; empty: no backups by the server
	Every time.Duration // STAFETT_BACKUP_EVERY
	Keep  int           // STAFETT_BACKUP_KEEP: the newest this many are kept
}

// Defaults for unset variables.
const (
	DefaultAddr     = "127.0.0.1:8080"
	DefaultDatabase = "data/stafett.db"
	DefaultIDClaim  = "pid"
	// DefaultBackupEvery and DefaultBackupKeep: a backup a day, a week of them.
	DefaultBackupEvery = 24 * time.Hour
	DefaultBackupKeep  = 7
)

// DefaultShutdownTimeout is STAFETT_SHUTDOWN_TIMEOUT's default.
const DefaultShutdownTimeout = 30 * time.Second

// DefaultMinFree is STAFETT_MIN_FREE's default: 256 MiB.
const DefaultMinFree = 256 << 20

// ParseBytes reads a size such as 256MiB, 1GiB, 500MB or 1048576 (bytes).
func ParseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		n      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	num, mult := s, int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size such as 256MiB, 1GiB or 1048576", s)
	}
	return n * mult, nil
}

// Load reads the STAFETT_* variables through getenv and validates them. Every problem
// is reported in the returned error, one per line.
func Load(getenv func(string) string) (Config, error) {
	var errs []error
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	duration := func(name string, def time.Duration) time.Duration {
		v := getenv(name)
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a positive duration such as 30m or 12h", name, v))
			return def
		}
		return d
	}
	limit := func(name string, def ratelimit.Limit) ratelimit.Limit {
		v := getenv(name)
		if v == "" {
			return def
		}
		l, err := ratelimit.Parse(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			return def
		}
		return l
	}
	signIn := limit("STAFETT_LIMIT_SIGNIN", ratelimit.Defaults.SignInFailures)
	c := Config{
		Addr:          get("STAFETT_ADDR", DefaultAddr),
		MetricsAddr:   get("STAFETT_METRICS_ADDR", ""),
		Database:      get("STAFETT_DATABASE", DefaultDatabase),
		AdminEmail:    get("STAFETT_ADMIN_EMAIL", ""),
		AdminPassword: getenv("STAFETT_ADMIN_PASSWORD"),
		BaseURL:       get("STAFETT_BASE_URL", ""),
		Sessions: people.SessionPolicy{
			Idle:     duration("STAFETT_SESSION_IDLE", people.DefaultSessionPolicy.Idle),
			Absolute: duration("STAFETT_SESSION_MAX", people.DefaultSessionPolicy.Absolute),
		},
		Limits: ratelimit.Limits{
			SignInFailures:        signIn,
			SignInAddressFailures: limit("STAFETT_LIMIT_SIGNIN_ADDRESS", signIn),
			SignInGlobal:          limit("STAFETT_LIMIT_SIGNIN_GLOBAL", ratelimit.Defaults.SignInGlobal),
			Export:                limit("STAFETT_LIMIT_EXPORT", ratelimit.Defaults.Export),
			Search:                limit("STAFETT_LIMIT_SEARCH", ratelimit.Defaults.Search),
		},
	}
	c.ShutdownTimeout = duration("STAFETT_SHUTDOWN_TIMEOUT", DefaultShutdownTimeout)
	c.MinFree = DefaultMinFree
	if v := strings.TrimSpace(getenv("STAFETT_MIN_FREE")); v != "" {
		var err error
		if c.MinFree, err = ParseBytes(v); err != nil {
			errs = append(errs, fmt.Errorf("STAFETT_MIN_FREE: %w", err))
		}
	}
	c.Backup = Backup{
		Dir:   get("STAFETT_BACKUP_DIR", ""),
		Every: duration("STAFETT_BACKUP_EVERY", DefaultBackupEvery),
		Keep:  DefaultBackupKeep,
	}
	if v := strings.TrimSpace(getenv("STAFETT_BACKUP_KEEP")); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			errs = append(errs, fmt.Errorf("STAFETT_BACKUP_KEEP: %q is not a whole number of at least 1", v))
		} else {
			c.Backup.Keep = n
		}
	}
	proxies, err := ParsePrefixes(getenv("STAFETT_TRUSTED_PROXIES"))
	if err != nil {
		errs = append(errs, fmt.Errorf("STAFETT_TRUSTED_PROXIES: %w", err))
	}
	c.TrustedProxies = proxies
	var oidcErrs []error
	c.OIDC, oidcErrs = loadOIDC(getenv)
	errs = append(errs, oidcErrs...)
	errs = append(errs, c.Validate()...)
	return c, errors.Join(errs...)
}

// Validate checks the settings and returns every problem found. It also fills in
// BaseURL from Addr when unset.
func (c *Config) Validate() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		bad("STAFETT_ADDR: %q is not host:port", c.Addr)
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || port == "" {
			bad("STAFETT_METRICS_ADDR: %q is not host:port", c.MetricsAddr)
		}
	}
	if strings.Contains(c.Database, "://") {
		if u, err := url.Parse(c.Database); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			bad("STAFETT_DATABASE: a URL must be postgres://user@host/db")
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	} else if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("STAFETT_BASE_URL: %q is not an http(s) URL", c.BaseURL)
	} else {
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		bad("STAFETT_ADMIN_EMAIL and STAFETT_ADMIN_PASSWORD must be set together")
	}
	if c.AdminPassword != "" && len([]rune(c.AdminPassword)) < people.MinPasswordLen {
		bad("STAFETT_ADMIN_PASSWORD: must be at least %d characters", people.MinPasswordLen)
	}
	if c.Backup.Dir != "" && c.Backup.Every < time.Minute {
		bad("STAFETT_BACKUP_EVERY: %s is too often; at least 1m", c.Backup.Every)
	}
	errs = append(errs, c.validateOIDC()...)
	if c.Sessions.Idle > c.Sessions.Absolute {
		bad("STAFETT_SESSION_IDLE: must not be longer than STAFETT_SESSION_MAX")
	}
	return errs
}

// ParsePrefixes reads a comma- or space-separated list of IP addresses and CIDR
// prefixes; a single address becomes a prefix of its full length.
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	var bad []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
		} else if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
		} else {
			bad = append(bad, fmt.Sprintf("%q", f))
		}
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("%s: not an IP address or prefix such as 10.0.0.1 or 10.0.0.0/8", strings.Join(bad, ", "))
	}
	return out, nil
}

// SecureCookies reports whether the public URL is https, so cookies get Secure.
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }
