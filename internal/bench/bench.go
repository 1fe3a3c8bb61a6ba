// Package bench measures Stafett: it fills a database with generated data, starts
// the real server (the same handler and middleware as `stafett serve`) on a
// loopback listener, signs in real actors and drives a closed-loop HTTP load,
// op by op, next to a bare endpoint on the same server stack, so that every figure
// can be read as a ratio to what the machine does without Stafett's own work.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"stafett/internal/auth"
	"stafett/internal/gen"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/store"
	"stafett/internal/web"
)

// Options say what to measure.
type Options struct {
	Logs        int
	Seed        uint64
	Duration    time.Duration // per op
	Concurrency int           // virtual users
	// Warmup runs before each op's measured Duration; a tenth of Duration, at most
	// two seconds, when zero.
	Warmup time.Duration
	// Progress receives a line per phase; nil for none.
	Progress io.Writer
	// Log receives the server's own log (errors only); nil for none.
	Log io.Writer
	// Reuse measures a database that `stafett gen` (or an earlier bench) filled with
	// the same Logs and Seed, instead of generating into an empty one: the data is
	// described again without being written. At national scale that saves the
	// minutes of generating for each of the runs a median is taken over.
	Reuse bool
	// Ops names the ops to run, all when empty.
	Ops []string
	// BeforeLoad, when set, runs after the data is in place and before the load:
	// the command sets the garbage collector there as `stafett serve` does (while
	// generating, gen's own needs apply).
	BeforeLoad func()
}

// Report is the outcome of a run, as printed with --json.
type Report struct {
	Scale   Scale      `json:"scale"`
	BareRPS float64    `json:"bare_rps"`
	Ops     []OpResult `json:"ops"`
	Bare    OpResult   `json:"bare"`
	// PeakRSSMB is the process's peak resident memory while the load ran (server
	// and load generator; the generator's share is small), MiB.
	PeakRSSMB float64 `json:"peak_rss_mb"`
	// Errors is the sum of all ops' errors, the bare baseline's included.
	Errors int `json:"errors"`
}

// Scale describes the data and the load.
type Scale struct {
	Database       string  `json:"database"`
	Logs           int     `json:"logs"`
	Entries        int     `json:"entries"`
	Users          int     `json:"users"`
	Municipalities int     `json:"municipalities"`
	Units          int     `json:"units"`
	Audit          int     `json:"audit"`
	Concurrency    int     `json:"concurrency"`
	DurationS      float64 `json:"duration_s"`
	GenS           float64 `json:"gen_s"`
	CPUs           int     `json:"cpus"`
	// GCPercent is the garbage collector's GOGC while the load ran.
	GCPercent int     `json:"gogc"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
}

// barePath is where the bare baseline answers, beside the real routes on the
// bench's own listener only.
const barePath = "/__bench/bare"

// sessionPolicy keeps the bench's sessions alive for the whole run.
var sessionPolicy = people.SessionPolicy{Idle: 24 * time.Hour, Absolute: 24 * time.Hour}

// unlimited lifts every rate limit: the bench's actors send far more requests than
// any person would, and a 429 would count as an error.
var unlimited = ratelimit.Limits{
	SignInFailures:        ratelimit.Limit{N: 1 << 30, Per: time.Second},
	SignInAddressFailures: ratelimit.Limit{N: 1 << 30, Per: time.Second},
	SignInGlobal:          ratelimit.Limit{N: 1 << 30, Per: time.Second},
	Export:                ratelimit.Limit{N: 1 << 30, Per: time.Second},
	Search:                ratelimit.Limit{N: 1 << 30, Per: time.Second},
}

// Run generates opt.Logs logs into db (which must be empty and migrated), then
// measures the bare baseline and each op in turn.
func Run(ctx context.Context, db *store.DB, opt Options) (*Report, error) {
	if opt.Concurrency < 1 || opt.Duration <= 0 {
		return nil, errors.New("bench: concurrency and duration must be positive")
	}
	if opt.Warmup == 0 {
		opt.Warmup = min(opt.Duration/10, 2*time.Second)
	}
	progress := func(format string, args ...any) {
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, format+"\n", args...)
		}
	}
	hasher := auth.NewHasher(auth.OWASP)
	hash, err := hasher.Hash(gen.Password)
	if err != nil {
		return nil, err
	}
	var res *gen.Result
	if opt.Reuse {
		progress("bench: describing the %d logs already in the %s database", opt.Logs, db.Dialect())
		if ms, err := db.ListMunicipalities(ctx); err != nil {
			return nil, err
		} else if len(ms) == 0 {
			return nil, errors.New("bench: --reuse needs a database stafett gen has filled")
		}
		if res, err = gen.Describe(ctx, gen.Options{Logs: opt.Logs, Seed: opt.Seed}); err != nil {
			return nil, err
		}
		res.Elapsed = 0 // nothing was generated in this run
	} else {
		progress("bench: generating %d logs on %s", opt.Logs, db.Dialect())
		if res, err = gen.Run(ctx, db, gen.Options{Logs: opt.Logs, Seed: opt.Seed, PasswordHash: hash}); err != nil {
			return nil, err
		}
		progress("bench: generated %d rows in %s", res.Rows, res.Elapsed.Round(time.Millisecond))
	}
	ops, err := signIn(ctx, db, res.Sample)
	if err != nil {
		return nil, err
	}
	ind, err := indicatorOps(ctx, db, res.Sample)
	if err != nil {
		return nil, err
	}
	// Before the last op, the one that writes (see signIn).
	ops = slices.Insert(ops, len(ops)-1, ind...)
	if len(opt.Ops) > 0 {
		for _, name := range opt.Ops {
			if !slices.ContainsFunc(ops, func(o op) bool { return o.name == name }) {
				return nil, fmt.Errorf("bench: no op %q", name)
			}
		}
		ops = slices.DeleteFunc(ops, func(o op) bool { return !slices.Contains(opt.Ops, o.name) })
	}

	addr, stop, err := startServer(db, hasher, opt.Log)
	if err != nil {
		return nil, err
	}
	defer stop()

	if opt.BeforeLoad != nil {
		opt.BeforeLoad()
	}
	gogc := debug.SetGCPercent(-1)
	debug.SetGCPercent(gogc)
	// What gen and sign-in held is not the server's: give it back and measure the
	// peak from here on.
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()

	rep := &Report{Scale: Scale{
		Database: db.Dialect(), Logs: res.Counts.Logs, Entries: res.Counts.Entries, Users: res.Counts.Users,
		Municipalities: res.Counts.Municipalities, Units: res.Counts.Units, Audit: res.Counts.Audit,
		Concurrency: opt.Concurrency, DurationS: opt.Duration.Seconds(), GenS: res.Elapsed.Seconds(),
		CPUs: runtime.GOMAXPROCS(0), GCPercent: gogc,
	}}
	bare := op{name: "bare", reqs: []request{{method: "GET", path: barePath, want: http.StatusOK}}}
	progress("bench: bare baseline, %d virtual users for %s", opt.Concurrency, opt.Duration)
	rep.Bare = runOp(ctx, addr, bare, opt.Concurrency, opt.Warmup, opt.Duration)
	rep.Bare.BareRatio = 1
	rep.BareRPS, rep.Errors = rep.Bare.RPS, rep.Bare.Errors
	for _, o := range ops {
		progress("bench: %s (%d distinct requests)", o.name, len(o.reqs))
		before := db.WriterStats()
		r := runOp(ctx, addr, o, opt.Concurrency, opt.Warmup, opt.Duration)
		if after := db.WriterStats(); after.Commits > before.Commits {
			r.WritesPerCommit = float64(after.Writes-before.Writes) / float64(after.Commits-before.Commits)
		}
		if rep.BareRPS > 0 {
			r.BareRatio = r.RPS / rep.BareRPS
		}
		rep.Ops = append(rep.Ops, r)
		rep.Errors += r.Errors
	}
	rep.PeakRSSMB = peakRSSMiB()
	rep.Scale.PeakRSSMB = rep.PeakRSSMB
	return rep, ctx.Err()
}

// startServer serves Stafett as `stafett serve` does, with the rate limits lifted,
// on a loopback port, and the bare baseline beside it. It returns the address and
// a function that stops the server.
func startServer(db *store.DB, hasher *auth.Hasher, logw io.Writer) (string, func(), error) {
	if logw == nil {
		logw = io.Discard
	}
	log := slog.New(slog.NewTextHandler(logw, &slog.HandlerOptions{Level: slog.LevelError}))
	srv := web.New(db, hasher, log, web.Config{Sessions: sessionPolicy, Limits: unlimited}, nil)
	mux := http.NewServeMux()
	mux.Handle(barePath, srv.BareHandler())
	mux.Handle("/", srv)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("bench: listen: %w", err)
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second,
		MaxHeaderBytes: 64 << 10, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() { _ = hs.Serve(ln) }()
	return ln.Addr().String(), func() { _ = hs.Close() }, nil
}
