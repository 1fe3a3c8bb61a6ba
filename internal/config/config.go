// Package config reads Stafett's settings from the environment and validates all of
// them at once, so a misconfigured start reports every problem in one go.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"stafett/internal/people"
)

// Config is every setting of the server.
type Config struct {
	Addr          string
	Database      string
	AdminEmail    string
	AdminPassword string
	BaseURL       string
	OIDC          OIDC
	Sessions      people.SessionPolicy
}

// OIDC configures an OpenID Connect identity provider.
type OIDC struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	ACRValues    string
	IDClaim      string
}

// Enabled reports whether an identity provider is configured.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// Defaults for unset variables.
const (
	DefaultAddr     = "127.0.0.1:8080"
	DefaultDatabase = "data/stafett.db"
	DefaultIDClaim  = "pid"
)

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
	c := Config{
		Addr:          get("STAFETT_ADDR", DefaultAddr),
		Database:      get("STAFETT_DATABASE", DefaultDatabase),
		AdminEmail:    get("STAFETT_ADMIN_EMAIL", ""),
		AdminPassword: getenv("STAFETT_ADMIN_PASSWORD"),
		BaseURL:       get("STAFETT_BASE_URL", ""),
		OIDC: OIDC{
			Issuer:       get("STAFETT_OIDC_ISSUER", ""),
			ClientID:     get("STAFETT_OIDC_CLIENT_ID", ""),
			ClientSecret: getenv("STAFETT_OIDC_CLIENT_SECRET"),
			ACRValues:    get("STAFETT_OIDC_ACR_VALUES", ""),
			IDClaim:      get("STAFETT_OIDC_ID_CLAIM", DefaultIDClaim),
		},
		Sessions: people.SessionPolicy{
			Idle:     duration("STAFETT_SESSION_IDLE", people.DefaultSessionPolicy.Idle),
			Absolute: duration("STAFETT_SESSION_MAX", people.DefaultSessionPolicy.Absolute),
		},
	}
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
	if c.OIDC.Enabled() || c.OIDC.ClientID != "" {
		if u, err := url.Parse(c.OIDC.Issuer); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("STAFETT_OIDC_ISSUER: %q is not an http(s) URL", c.OIDC.Issuer)
		}
		if c.OIDC.ClientID == "" {
			bad("STAFETT_OIDC_CLIENT_ID: required with STAFETT_OIDC_ISSUER")
		}
	}
	if c.Sessions.Idle > c.Sessions.Absolute {
		bad("STAFETT_SESSION_IDLE: must not be longer than STAFETT_SESSION_MAX")
	}
	return errs
}

// SecureCookies reports whether the public URL is https, so cookies get Secure.
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }
