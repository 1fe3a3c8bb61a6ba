package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/auth"
	"stafett/internal/config"
	"stafett/internal/demo"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web"
)

// loadConfig reads the environment and lets flags override it.
func loadConfig(fs *flag.FlagSet, args []string, getenv func(string) string) (config.Config, error) {
	addr := fs.String("addr", "", "listen address (overrides STAFETT_ADDR)")
	database := fs.String("database", "", "SQLite path or postgres:// URL (overrides STAFETT_DATABASE)")
	if err := fs.Parse(args); err != nil {
		return config.Config{}, err
	}
	return config.Load(func(name string) string {
		switch {
		case name == "STAFETT_ADDR" && *addr != "":
			return *addr
		case name == "STAFETT_DATABASE" && *database != "":
			return *database
		}
		return getenv(name)
	})
}

// openStore opens and migrates the configured database.
func openStore(ctx context.Context, cfg config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if s, ok, err := db.UnfinishedSeeding(ctx); err != nil || ok {
		db.Close()
		if err == nil {
			err = fmt.Errorf("an unfinished %s (started %s) left part of its data in %s: remove the database and run %s again",
				s.What, s.StartedAt.Format(time.RFC3339), cfg.Database, s.What)
		}
		return nil, err
	}
	return db, nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stdout)
	withDemo := fs.Bool("demo", false, "fill an empty database with a demo municipality")
	cfg, err := loadConfig(fs, args, getenv)
	if err != nil {
		return err
	}
	providers, err := identityProviders(ctx, cfg.OIDC)
	if err != nil {
		return err
	}
	notifyCfg, err := loadNotify(getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, nil))
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	hasher := auth.NewHasher(auth.OWASP)
	if err := ensureAdmin(ctx, db, hasher, cfg); err != nil {
		return err
	}
	if *withDemo {
		hash, err := hasher.Hash(demo.Password)
		if err != nil {
			return err
		}
		res, err := demo.Seed(ctx, db, hash)
		if err != nil {
			return err
		}
		res.Print(stdout)
	}
	reg := prometheus.NewRegistry()
	srv := web.New(db, hasher, log, web.Config{
		SecureCookies: cfg.SecureCookies(), HSTS: cfg.SecureCookies(), Sessions: cfg.Sessions,
		Limits: cfg.Limits, TrustedProxies: cfg.TrustedProxies, Providers: providers, BaseURL: cfg.BaseURL,
		MinFree: cfg.MinFree,
	}, reg)
	stopBackups := startBackups(ctx, cfg, log, reg)
	defer stopBackups()
	stopNotifier := startNotifier(ctx, db, notifyCfg, cfg.BaseURL, log)
	defer stopNotifier()
	listeners := []listener{{name: "metrics", addr: cfg.MetricsAddr, h: metricsMux(srv)}, {name: "listening", addr: cfg.Addr, h: srv}}
	for i := range listeners {
		if listeners[i].addr == "" {
			continue // no metrics listener unless STAFETT_METRICS_ADDR asks for one
		}
		if listeners[i].ln, err = net.Listen("tcp", listeners[i].addr); err != nil {
			for _, l := range listeners[:i] {
				if l.ln != nil {
					l.ln.Close()
				}
			}
			return fmt.Errorf("listen: %w", err)
		}
	}
	config.ServerGC(getenv)
	return serve(ctx, log, stdout, cfg.ShutdownTimeout, listeners...)
}

// startBackups starts the server's own backups when STAFETT_BACKUP_DIR asks for
// them (SQLite only) and returns a function that stops them and waits.
func startBackups(ctx context.Context, cfg config.Config, log *slog.Logger, reg prometheus.Registerer) func() {
	gauge := newBackupGauge(reg)
	if cfg.Backup.Dir == "" {
		return func() {}
	}
	if store.IsPostgres(cfg.Database) {
		log.Warn("STAFETT_BACKUP_DIR is ignored on PostgreSQL: back it up with pg_dump or pg_basebackup (see `stafett backup`)")
		return func() {}
	}
	b := &backups{cfg: cfg.Backup, src: cfg.Database, now: time.Now, log: log, last: gauge}
	ctx, cancel := context.WithCancel(ctx)
	ticker := time.NewTicker(cfg.Backup.Every)
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.run(ctx, ticker.C)
	}()
	return func() {
		cancel()
		ticker.Stop()
		<-done
	}
}

// listener is one address the server answers on; the public one and, when
// configured, the metrics one.
type listener struct {
	name string // in the start message: "listening on …", "metrics on …"
	addr string
	ln   net.Listener // nil when addr is empty: not served
	h    http.Handler
}

// metricsMux serves the metrics at /metrics and nothing else.
func metricsMux(srv *web.Server) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", srv.MetricsHandler())
	return mux
}

// identityProviders sets up the configured identity providers and fetches each
// one's discovery document now, so that a wrong issuer, or one this server cannot
// reach, stops the start with a clear message instead of failing the first
// person who tries to sign in. Every provider's problem is reported at once.
func identityProviders(ctx context.Context, cfgs []config.OIDC) (*auth.Providers, error) {
	if len(cfgs) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var list []*auth.Provider
	var errs []error
	for _, c := range cfgs {
		p, err := auth.NewProvider(auth.ProviderConfig{
			Name: c.Name, Label: c.Label, Issuer: c.Issuer, ClientID: c.ClientID, ClientSecret: c.ClientSecret,
			RedirectURL: c.RedirectURL, ACRValues: c.ACRValues, IDClaim: c.IDClaim,
		})
		if err == nil {
			err = p.Discover(ctx)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%w (check the issuer %s and that this server can reach it)", err, c.Issuer))
			continue
		}
		list = append(list, p)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("identity providers:\n%w", err)
	}
	return auth.NewProviders(list...)
}

// serve runs an HTTP server on each listener until ctx ends or one of them fails,
// then shuts them all down gracefully, waiting at most timeout (see shutdown).
func serve(ctx context.Context, log *slog.Logger, stdout io.Writer, timeout time.Duration, listeners ...listener) error {
	errc := make(chan error, len(listeners))
	var servers []*http.Server
	var conns []*connCount
	for _, l := range listeners {
		if l.ln == nil {
			continue
		}
		hs := &http.Server{
			Handler:           l.h,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       60 * time.Second,
			WriteTimeout:      120 * time.Second,
			IdleTimeout:       120 * time.Second,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		cc := &connCount{}
		hs.ConnState = cc.track
		servers, conns = append(servers, hs), append(conns, cc)
		fmt.Fprintf(stdout, "stafett: %s on http://%s\n", l.name, l.ln.Addr())
		go func() { errc <- hs.Serve(l.ln) }()
	}
	var first error
	select {
	case first = <-errc:
	case <-ctx.Done():
	}
	errs := []error{shutdown(log, timeout, servers, conns)}
	// Every Serve returns once its server is shut down; only other errors count.
	for i := range servers {
		err := first
		if i > 0 || first == nil {
			err = <-errc
		}
		if !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ensureAdmin creates the system administrator named in the environment when no
// system administrator exists yet, on Stafett's own account (people.System).
func ensureAdmin(ctx context.Context, db *store.DB, hasher *auth.Hasher, cfg config.Config) error {
	if cfg.AdminEmail == "" {
		return nil
	}
	n, err := db.CountSystemAdmins(ctx)
	if err != nil || n > 0 {
		return err
	}
	return createAdmin(ctx, db, hasher, cfg.AdminEmail, "Systemadministrator", cfg.AdminPassword)
}

func createAdmin(ctx context.Context, db *store.DB, hasher *auth.Hasher, email, name, password string) error {
	u := people.User{Email: email, Name: name}
	if err := u.Validate(password); err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	hash, err := hasher.Hash(password)
	if err != nil {
		return err
	}
	if err := db.CreateSystemAdmin(ctx, people.System(), &u, hash); err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	return nil
}
