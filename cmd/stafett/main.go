// Command stafett runs Stafett: the server and its administrative subcommands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stafett:", err)
		os.Exit(1)
	}
}

const usage = `Usage: stafett [command] [flags]

Commands:
  serve [--demo] [--addr A] [--database D]   run the server (the default)
  migrate [--database D]                      bring the database schema up to date
  admin create --email E --name N             create a system administrator; password on stdin
  audit verify [--head SEQ:HASH | --manifest FILE.json] [--database D]
                                              check integrity and the audit hash chain (and that it holds the
                                              given head); fails naming the first problem
  backup --out FILE [--database D]            take a verified online copy of the SQLite database, manifest in FILE.json
  backup verify FILE                          check a copy against its manifest
  gen [--logs N] [--seed S] [--database D]    fill an empty database with synthetic data at a chosen scale
  bench [--logs N] [--duration D] [--concurrency C] [--database D] [--json]
                                              generate data, load the real server and a bare baseline, report

Settings come from STAFETT_* environment variables; see README.md.
`

// run is the whole program; tests start it on 127.0.0.1:0 with a temp data dir.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout)
	case "migrate":
		return runMigrate(ctx, args, getenv, stdout)
	case "admin":
		return runAdmin(ctx, args, getenv, stdin, stdout)
	case "audit":
		return runAudit(ctx, args, getenv, stdout)
	case "backup":
		return runBackup(ctx, args, getenv, stdout)
	case "gen":
		return runGen(ctx, args, getenv, stdout)
	case "bench":
		return runBench(ctx, args, getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
}
