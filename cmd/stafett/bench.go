package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"stafett/internal/bench"
	"stafett/internal/config"
)

// runBench handles "bench": data at a chosen scale, the real server, a closed-loop
// load op by op beside a bare baseline, a table and, with --json, one JSON line
// last. It fails when any request failed.
func runBench(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stdout)
	logs := fs.Int("logs", 1000, "how many logs to generate; 100000 is national scale")
	seed := fs.Uint64("seed", 1, "the generator's seed")
	duration := fs.Duration("duration", 10*time.Second, "how long each op runs (after a short warm-up)")
	concurrency := fs.Int("concurrency", 32, "virtual users, each sending its next request when the last is answered")
	asJSON := fs.Bool("json", false, "print the results as one JSON line, last")
	database := fs.String("database", "", "SQLite path or postgres:// URL of an empty database; a temporary SQLite file when unset")
	reuse := fs.Bool("reuse", false, "measure a database stafett gen filled before with the same --logs and --seed (needs --database)")
	only := fs.String("ops", "", "comma-separated ops to run (all when empty); the bare baseline always runs")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run (server and load) to this file, for go tool pprof")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *reuse && *database == "" {
		return errors.New("bench: --reuse needs --database")
	}
	var ops []string
	if *only != "" {
		ops = strings.Split(*only, ",")
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	dsn := *database
	if dsn == "" {
		dir, err := os.MkdirTemp("", "stafett-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "stafett.db")
	}
	cfg, err := loadConfig(flag.NewFlagSet("bench", flag.ContinueOnError), []string{"--database", dsn}, getenv)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := bench.Run(ctx, db, bench.Options{Logs: *logs, Seed: *seed, Duration: *duration,
		Concurrency: *concurrency, Progress: stdout, Log: stdout, Reuse: *reuse, Ops: ops,
		BeforeLoad: func() { config.ServerGC(getenv) }})
	if err != nil {
		return err
	}
	rep.WriteTable(stdout)
	if *asJSON {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
	}
	if rep.Errors > 0 {
		return fmt.Errorf("bench: %d requests failed", rep.Errors)
	}
	return nil
}
