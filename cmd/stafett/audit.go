package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// runAudit handles "audit verify": it walks the whole audit chain and fails naming
// the first broken record.
func runAudit(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: stafett audit verify [--database D]")
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stdout)
	cfg, err := loadConfig(fs, args[1:], getenv)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: %w (%d records before it are intact)", err, n)
	}
	fmt.Fprintf(stdout, "stafett: audit chain intact, %d records\n", n)
	return nil
}
