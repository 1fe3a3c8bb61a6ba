package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"stafett/internal/store"
)

// runAudit handles "audit verify": on SQLite it runs the integrity check, then it
// walks the whole audit chain, and, given a chain head (--head, or a backup's
// --manifest), checks that the chain holds it: a chain check alone cannot see a
// missing tail, so a stale copy passes it. It fails naming the first problem.
func runAudit(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	const use = "usage: stafett audit verify [--head SEQ:HASH | --manifest FILE.json] [--database D]"
	if len(args) == 0 || args[0] != "verify" {
		return errors.New(use)
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stdout)
	headFlag := fs.String("head", "", "a chain head SEQ:HASH the chain must hold, e.g. from a backup's manifest")
	manifest := fs.String("manifest", "", "a backup's FILE.json, whose chain head the chain must hold")
	cfg, err := loadConfig(fs, args[1:], getenv)
	if err != nil {
		return err
	}
	var want, checkpoint *store.Head
	switch {
	case *headFlag != "" && *manifest != "":
		return errors.New("audit verify: give --head or --manifest, not both")
	case *headFlag != "":
		h, err := store.ParseHead(*headFlag)
		if err != nil {
			return fmt.Errorf("audit verify: --head: %w", err)
		}
		want = &h
	case *manifest != "":
		m, err := store.ReadManifest(*manifest)
		if err != nil {
			return fmt.Errorf("audit verify: %w", err)
		}
		want, checkpoint = &m.Head, &m.Checkpoint
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CheckIntegrity(ctx); err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	n, err := db.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: %w (%d records before it are intact)", err, n)
	}
	if want != nil {
		if err := db.HasHead(ctx, *want); err != nil {
			return fmt.Errorf("audit verify: %w", err)
		}
		// The manifest's checkpoint names every chain's end when the copy was
		// taken: a chain cut short since then fails VerifyAudit against it,
		// unless the checkpoints after it were taken away too.
		if checkpoint != nil {
			if err := db.HasCheckpoint(ctx, *checkpoint); err != nil {
				return fmt.Errorf("audit verify: %w", err)
			}
		}
		fmt.Fprintf(stdout, "stafett: audit chain intact, %d records, holding the head %s\n", n, want)
		return nil
	}
	fmt.Fprintf(stdout, "stafett: audit chain intact, %d records (every chain and checkpoint)\n", n)
	return nil
}
