// Command crashtest kills a running Stafett server with SIGKILL again and again while
// it takes concurrent writes and audited reads, and after every restart checks that
// nothing it acknowledged was lost: every log and entry answered 201 is in the log, and
// every log read answered 200 has its audit record for that reader and that log.
//
// It builds the stafett binary from ./cmd/stafett (or takes --stafett), runs it with
// `serve --demo` on a new SQLite file in a temporary directory (or --database, or the
// PostgreSQL database --postgres), signs in as demo staff, and repeats --cycles times:
// open one log per writer, run --writers writers adding notes and --readers unit leaders
// reading those logs for a random moment of at most --duration seconds, kill -9,
// restart, check everything acknowledged so far. It then runs `stafett audit verify`
// and prints a summary; it exits non-zero on any loss, any read without its audit
// record, any error answer under load, or a broken audit chain. Everything runs on
// 127.0.0.1.
//
// Usage: go run ./tools/crashtest [--cycles 10] [--writers 4] [--readers 4]
// [--duration 3] [--postgres URL | --database FILE] [--stafett BIN] [--seed S]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

type options struct {
	cycles, writers, readers int
	duration                 time.Duration
	postgres, database       string
	binary                   string
	seed                     uint64
}

func main() {
	var o options
	var seconds float64
	flag.IntVar(&o.cycles, "cycles", 10, "kill -9 cycles")
	flag.IntVar(&o.writers, "writers", 4, "concurrent writers, each adding notes to its own log")
	flag.IntVar(&o.readers, "readers", 4, "concurrent audited readers (unit leaders reading the writers' logs)")
	flag.Float64Var(&seconds, "duration", 3, "seconds of load at most before each kill; the kill comes at a random moment between a quarter of it and all of it")
	flag.StringVar(&o.postgres, "postgres", "", "run on this PostgreSQL database (a postgres:// URL) instead of SQLite")
	flag.StringVar(&o.database, "database", "", "run on this SQLite file (default: a new one in a temporary directory)")
	flag.StringVar(&o.binary, "stafett", "", "the stafett binary (default: built from ./cmd/stafett into the temporary directory)")
	flag.Uint64Var(&o.seed, "seed", 0, "seed of the kill moments (default: from the clock; printed, to repeat a run)")
	flag.Parse()
	o.duration = time.Duration(seconds * float64(time.Second))
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		stop()
		os.Exit(1)
	}
}

func (o *options) validate() error {
	var errs []error
	if o.cycles < 1 || o.cycles > 1000 {
		errs = append(errs, errors.New("--cycles must be 1 to 1000"))
	}
	if o.writers < 1 || o.writers > 64 {
		errs = append(errs, errors.New("--writers must be 1 to 64"))
	}
	if o.readers < 0 || o.readers > 64 {
		errs = append(errs, errors.New("--readers must be 0 to 64"))
	}
	if o.duration < 100*time.Millisecond || o.duration > 10*time.Minute {
		errs = append(errs, errors.New("--duration must be 0.1 to 600 seconds"))
	}
	if o.postgres != "" && o.database != "" {
		errs = append(errs, errors.New("give --postgres or --database, not both"))
	}
	if o.seed == 0 {
		o.seed = uint64(time.Now().UnixNano())
	}
	return errors.Join(errs...)
}

// run does the whole test. The temporary directory, with the server's output, is
// kept when the test fails, so that the failure can be looked into.
func run(ctx context.Context, o options, out io.Writer) (err error) {
	dir, err := os.MkdirTemp("", "stafett-crashtest-")
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			os.RemoveAll(dir)
		} else {
			err = fmt.Errorf("%w (server output and files kept in %s)", err, dir)
		}
	}()
	bin := o.binary
	if bin == "" {
		if bin, err = build(ctx, dir); err != nil {
			return err
		}
	}
	dsn, where := o.postgres, "PostgreSQL"
	if dsn == "" {
		dsn, where = o.database, "SQLite "+o.database
		if dsn == "" {
			dsn = filepath.Join(dir, "stafett.db")
			where = "SQLite (new file)"
		}
	}
	fmt.Fprintf(out, "crashtest: %s, %d cycles, %d writers, %d readers, at most %s of load per cycle, seed %d\n",
		where, o.cycles, o.writers, o.readers, o.duration, o.seed)
	srv := &server{bin: bin, dsn: dsn, dir: dir}
	if err := srv.start(ctx); err != nil {
		return err
	}
	defer srv.kill()
	t, err := newTester(ctx, srv, o)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(o.seed, o.seed>>32|1))
	for c := 1; c <= o.cycles; c++ {
		// The kill comes somewhere between a quarter of the duration and all of it.
		load := time.Duration(float64(o.duration) * (0.25 + 0.75*rng.Float64()))
		if err := t.cycle(ctx, c, load, out); err != nil {
			return fmt.Errorf("cycle %d: %w", c, err)
		}
	}
	srv.kill()
	fmt.Fprintln(out, t.summary())
	verify, verr := srv.auditVerify(ctx)
	fmt.Fprint(out, verify)
	switch {
	case verr != nil:
		return fmt.Errorf("audit verify: %w", verr)
	case t.failed():
		return errors.New(t.failure())
	}
	return nil
}
