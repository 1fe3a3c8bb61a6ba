// Command multiserver runs two Stafett servers as separate processes on one
// PostgreSQL database and loads them as a load balancer without sticky sessions
// does: every request goes to the next server in turn. Writers add notes to logs of
// their own, unit leaders read those logs (audited reads) and staff sign in with the
// right password. It runs the same load first on one server, then on both, and
// prints each phase's throughput, the answers 5xx and other errors, the deadlocks
// and serialization conflicts the servers saw and retried (their metrics), then
// checks that no acknowledged write was lost, that no right password left a failure
// count, and runs `stafett audit verify`. It exits non-zero on any 5xx, conflict
// reaching a request, lost write, failure count or broken chain.
//
// Usage: go run ./tools/multiserver --postgres URL [--duration 12] [--writers 8]
// [--readers 4] [--signers 1] [--stafett BIN]
//
// The database must be empty (a new one): the first server fills it with the demo.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"stafett/internal/demo"
)

type options struct {
	postgres, binary          string
	duration                  time.Duration
	writers, readers, signers int
}

func main() {
	var o options
	var seconds float64
	flag.StringVar(&o.postgres, "postgres", "", "the PostgreSQL database (a postgres:// URL of a new, empty database)")
	flag.StringVar(&o.binary, "stafett", "", "the stafett binary (default: built from ./cmd/stafett)")
	flag.Float64Var(&seconds, "duration", 12, "seconds of load in each phase (one server, then two)")
	flag.IntVar(&o.writers, "writers", 8, "concurrent writers, each adding notes to a log of its own")
	flag.IntVar(&o.readers, "readers", 4, "concurrent audited readers")
	flag.IntVar(&o.signers, "signers", 1, "concurrent sign-ins with the right password")
	flag.Parse()
	o.duration = time.Duration(seconds * float64(time.Second))
	if o.postgres == "" || o.writers < 1 || o.writers > 8 || o.readers < 0 || o.signers < 0 || o.duration < time.Second {
		fmt.Fprintln(os.Stderr, "multiserver: needs --postgres URL, 1 to 8 writers and a duration of at least 1 s")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "multiserver:", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, out io.Writer) (err error) {
	dir, err := os.MkdirTemp("", "stafett-multiserver-")
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			os.RemoveAll(dir)
		} else {
			err = fmt.Errorf("%w (server output kept in %s)", err, dir)
		}
	}()
	bin := o.binary
	if bin == "" {
		bin = filepath.Join(dir, "stafett")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "stafett/cmd/stafett")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build stafett/cmd/stafett (run multiserver inside the module): %w", err)
		}
	}
	// The first server migrates and seeds the demo; the second starts after it.
	servers := make([]*server, 2)
	for i := range servers {
		s := &server{bin: bin, dsn: o.postgres, log: filepath.Join(dir, fmt.Sprintf("server%d.log", i+1))}
		if err := s.start(ctx); err != nil {
			return fmt.Errorf("server %d: %w", i+1, err)
		}
		defer s.stop()
		servers[i] = s
	}
	l, err := newLoad(ctx, o, servers)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "multiserver: PostgreSQL, %d writers, %d audited readers, %d signers, %s per phase\n",
		o.writers, o.readers, o.signers, o.duration)
	one := l.phase(ctx, servers[:1])
	fmt.Fprintln(out, one.line("one server "))
	two := l.phase(ctx, servers)
	fmt.Fprintln(out, two.line("two servers"))
	var seen, retried float64
	for _, s := range servers {
		m, err := s.metrics(ctx)
		if err != nil {
			return err
		}
		seen, retried = seen+m["stafett_db_conflicts_total"], retried+m["stafett_db_retries_total"]
	}
	ratio := 0.0
	if one.writes > 0 {
		ratio = two.writesPerSec() / one.writesPerSec()
	}
	fmt.Fprintf(out, "two servers do %.0f %% of one server's writes\n", 100*ratio)
	fmt.Fprintf(out, "deadlocks and conflicts: %.0f seen, %.0f retried, %.0f reached a request\n", seen, retried, seen-retried)
	lost, err := l.lost(ctx, servers[1].base)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "lost writes: %d of %d acknowledged\n", lost, l.acked())
	counts, err := failureCounts(ctx, o.postgres)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "failure counts left by right passwords: %d\n", counts)
	for _, s := range servers {
		s.stop()
	}
	verify, verr := exec.CommandContext(ctx, bin, "audit", "verify", "--database", o.postgres).CombinedOutput()
	fmt.Fprintf(out, "audit verify: %s", verify)
	var problems []string
	if n := one.errors5xx + two.errors5xx; n > 0 {
		problems = append(problems, fmt.Sprintf("%d answers 5xx", n))
	}
	if n := one.other + two.other; n > 0 {
		problems = append(problems, fmt.Sprintf("%d other unexpected answers (first: %s)", n, l.firstErr))
	}
	if seen > retried {
		problems = append(problems, "a conflict reached a request")
	}
	if lost > 0 {
		problems = append(problems, fmt.Sprintf("%d acknowledged writes lost", lost))
	}
	if counts > 0 {
		problems = append(problems, "right passwords left failure counts")
	}
	if verr != nil {
		problems = append(problems, "audit verify failed")
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// failureCounts sums the sign-in failure counters: the load only ever uses the
// right password.
func failureCounts(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT COALESCE(SUM(hits), 0) FROM rate_limits
		WHERE bucket IN ('signin_account', 'signin_address', 'signin_device')`).Scan(&n)
	return n, err
}

// server is one stafett server process.
type server struct {
	bin, dsn, log  string
	cmd            *exec.Cmd
	base, metricsU string
	exited         chan struct{}
}

// start runs `stafett serve --demo` on free loopback ports, with its metrics
// listener, and waits until it listens. Sign-ins are not capped beyond their
// failures: the load signs in far more often than people do.
func (s *server) start(ctx context.Context) error {
	logf, err := os.Create(s.log)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--database", s.dsn)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "STAFETT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "STAFETT_METRICS_ADDR=127.0.0.1:0", "STAFETT_LIMIT_SIGNIN_GLOBAL=1000000/1m")
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logf, line)
			if a, ok := strings.CutPrefix(line, "stafett: metrics on "); ok {
				s.metricsU = a
			}
			if a, ok := strings.CutPrefix(line, "stafett: listening on "); ok {
				s.base = a
				close(ready)
			}
		}
		_ = cmd.Wait()
		logf.Close()
		close(s.exited)
	}()
	select {
	case <-ready:
		return nil
	case <-s.exited:
		return errors.New("the server stopped before it listened; see " + s.log)
	case <-time.After(2 * time.Minute):
		return errors.New("the server did not listen within 2 minutes")
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends the server with SIGTERM and waits for it.
func (s *server) stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd = nil
}

// metrics reads the server's counters without labels.
func (s *server) metrics(ctx context.Context) (map[string]float64, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", s.metricsU+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") || strings.Contains(name, "{") {
			continue
		}
		if f, err := strconv.ParseFloat(val, 64); err == nil {
			out[name] = f
		}
	}
	return out, sc.Err()
}

// The demo's staff (internal/demo): employees who open and write a log each, and
// the leaders of their units, who may read them.
var staffPairs = [][2]string{
	{"ole.berg", "hanne.lie"}, {"amir.hassan", "tone.moen"}, {"marte.lund", "per.strand"},
	{"magnus.vik", "eva.nilsen"}, {"nina.eide", "randi.holm"}, {"ida.sande", "knut.bakke"},
	{"linn.aune", "geir.hauge"}, {"fatima.noor", "bjorn.tangen"},
}

const demoDomain = "@fjordvik.example"

// load is the clients and what the servers acknowledged.
type load struct {
	o       options
	http    *http.Client
	writers []writer
	next    atomic.Uint64 // round robin over the phase's servers
	mu      sync.Mutex
	// firstErr is the first unexpected answer.
	firstErr string
}

type writer struct {
	token, leader, log string
	entries            []string // acknowledged
}

func newLoad(ctx context.Context, o options, servers []*server) (*load, error) {
	l := &load{o: o, http: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	base := servers[0].base
	for i := range o.writers {
		p := staffPairs[i]
		var w writer
		var unit string
		var err error
		if w.token, err = l.signIn(ctx, base, p[0]+demoDomain); err != nil {
			return nil, err
		}
		if w.leader, err = l.signIn(ctx, base, p[1]+demoDomain); err != nil {
			return nil, err
		}
		var me struct {
			Roles []struct {
				Role   string  `json:"role"`
				UnitID *string `json:"unit_id"`
			} `json:"roles"`
		}
		if _, err := l.do(ctx, base, "GET", "/api/v1/me", w.token, nil, &me); err != nil {
			return nil, err
		}
		for _, r := range me.Roles {
			if r.UnitID != nil && r.Role == "employee" {
				unit = *r.UnitID
			}
		}
		var created struct {
			ID string `json:"id"`
		}
		in := map[string]any{"unit_id": unit, "child": map[string]string{"initials": "MS", "birth_date": "2016-05-17"},
			"concern": "multiserver"}
		if st, err := l.do(ctx, base, "POST", "/api/v1/logs", w.token, in, &created); err != nil || st != 201 {
			return nil, fmt.Errorf("open a log as %s: %d %v", p[0], st, err)
		}
		w.log = created.ID
		l.writers = append(l.writers, w)
	}
	return l, nil
}

func (l *load) signIn(ctx context.Context, base, email string) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	st, err := l.do(ctx, base, "POST", "/api/v1/session", "", map[string]string{"email": email, "password": demo.Password}, &out)
	if err == nil && st != 200 {
		err = fmt.Errorf("sign in as %s: %d", email, st)
	}
	return out.Token, err
}

// do sends one request and decodes a 2xx answer into out.
func (l *load) do(ctx context.Context, base, method, path, token string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, body)
	if err != nil {
		return 0, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := l.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode/100 == 2 && out != nil {
		err = json.Unmarshal(b, out)
	}
	return resp.StatusCode, err
}

// result is one phase's counts.
type result struct {
	d                      time.Duration
	writes, reads, signIns int64
	errors5xx, other, cut  int64
}

func (r result) writesPerSec() float64 { return float64(r.writes) / r.d.Seconds() }

func (r result) line(name string) string {
	s := r.d.Seconds()
	return fmt.Sprintf("%s: %7.1f writes/s, %7.1f audited reads/s, %5.1f sign-ins/s; %d answers 5xx, %d other errors, %d without an answer",
		name, float64(r.writes)/s, float64(r.reads)/s, float64(r.signIns)/s, r.errors5xx, r.other, r.cut)
}

// phase runs the load on servers for the duration, each request to the next server.
func (l *load) phase(ctx context.Context, servers []*server) result {
	ctx, cancel := context.WithTimeout(ctx, l.o.duration)
	defer cancel()
	var r result
	pick := func() string { return servers[l.next.Add(1)%uint64(len(servers))].base }
	count := func(st int, err error, ok *int64, want int) {
		switch {
		case err != nil && ctx.Err() != nil:
		case err != nil:
			atomic.AddInt64(&r.cut, 1)
		case st == want:
			atomic.AddInt64(ok, 1)
		case st >= 500:
			atomic.AddInt64(&r.errors5xx, 1)
			l.noteErr(fmt.Sprintf("%d", st))
		default:
			atomic.AddInt64(&r.other, 1)
			l.noteErr(fmt.Sprintf("%d", st))
		}
	}
	var wg sync.WaitGroup
	start := time.Now()
	for i := range l.writers {
		w := &l.writers[i]
		wg.Go(func() {
			for n := 0; ctx.Err() == nil; n++ {
				var e struct {
					ID string `json:"id"`
				}
				st, err := l.do(ctx, pick(), "POST", "/api/v1/logs/"+w.log+"/entries", w.token,
					map[string]string{"kind": "note", "text": "notat " + strconv.Itoa(n)}, &e)
				if err == nil && st == 201 {
					w.entries = append(w.entries, e.ID)
				}
				count(st, err, &r.writes, 201)
			}
		})
	}
	for i := range l.o.readers {
		wg.Go(func() {
			for n := i; ctx.Err() == nil; n++ {
				w := &l.writers[n%len(l.writers)]
				st, err := l.do(ctx, pick(), "GET", "/api/v1/logs/"+w.log, w.leader, nil, nil)
				count(st, err, &r.reads, 200)
			}
		})
	}
	for i := range l.o.signers {
		wg.Go(func() {
			for n := i; ctx.Err() == nil; n++ {
				email := staffPairs[n%len(staffPairs)][n/len(staffPairs)%2] + demoDomain
				st, err := l.do(ctx, pick(), "POST", "/api/v1/session", "",
					map[string]string{"email": email, "password": demo.Password}, nil)
				count(st, err, &r.signIns, 200)
			}
		})
	}
	wg.Wait()
	r.d = time.Since(start)
	return r
}

func (l *load) noteErr(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.firstErr == "" {
		l.firstErr = s
	}
}

func (l *load) acked() int {
	n := 0
	for _, w := range l.writers {
		n += len(w.entries)
	}
	return n
}

// lost reads every log whole and counts the acknowledged entries not in it.
func (l *load) lost(ctx context.Context, base string) (int, error) {
	lost := 0
	for _, w := range l.writers {
		have := map[string]bool{}
		path := "/api/v1/logs/" + w.log
		for path != "" {
			var page struct {
				Entries []struct {
					ID string `json:"id"`
				} `json:"entries"`
				Next string `json:"entries_next"`
			}
			st, err := l.do(ctx, base, "GET", path, w.token, nil, &page)
			if err != nil || st != 200 {
				return 0, fmt.Errorf("read back log %s: %d %v", w.log, st, err)
			}
			for _, e := range page.Entries {
				have[e.ID] = true
			}
			path = page.Next
		}
		for _, id := range w.entries {
			if !have[id] {
				lost++
			}
		}
	}
	return lost, nil
}
