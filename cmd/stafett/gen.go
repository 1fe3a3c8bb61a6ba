package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"stafett/internal/auth"
	"stafett/internal/gen"
	"stafett/internal/store"
)

// runGen handles "gen": synthetic data at a chosen scale into an empty database.
func runGen(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stdout)
	logs := fs.Int("logs", 1000, "how many logs; 100000 is national scale")
	seed := fs.Uint64("seed", 1, "the same seed gives the same data")
	verbose := fs.Bool("v", false, "report each municipality")
	txRows := fs.Int("tx-rows", gen.DefaultTxRows, "rows per transaction")
	cfg, err := loadConfig(fs, args, getenv)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := generate(ctx, db, gen.Options{Logs: *logs, Seed: *seed, TxRows: *txRows, Progress: progressTo(stdout, *verbose)})
	if err != nil {
		return err
	}
	printGen(stdout, db, res)
	return nil
}

// generate hashes the shared password once and runs the generator.
func generate(ctx context.Context, db *store.DB, opt gen.Options) (*gen.Result, error) {
	hash, err := auth.NewHasher(auth.OWASP).Hash(gen.Password)
	if err != nil {
		return nil, err
	}
	opt.PasswordHash = hash
	return gen.Run(ctx, db, opt)
}

func progressTo(w io.Writer, on bool) io.Writer {
	if on {
		return w
	}
	return nil
}

func printGen(w io.Writer, db *store.DB, res *gen.Result) {
	c := res.Counts
	fmt.Fprintf(w, "stafett: generated on %s in %s (%d rows, %.0f rows/s)\n", db.Dialect(),
		res.Elapsed.Round(time.Millisecond), res.Rows, float64(res.Rows)/res.Elapsed.Seconds())
	fmt.Fprintf(w, "  %d municipalities, %d units, %d users (%d staff, %d guardians and youth)\n",
		c.Municipalities, c.Units, c.Users, c.Staff, c.Family)
	fmt.Fprintf(w, "  %d logs: %d undring, %d at level 1, %d at level 2, %d at level 3, %d closed\n",
		c.Logs, c.Levels[0], c.Levels[1], c.Levels[2], c.Levels[3], c.Closed)
	fmt.Fprintf(w, "  %d entries (%.1f per log), %d consents, %d participants, %d guardian links, %d transfers, %d audit records\n",
		c.Entries, float64(c.Entries)/float64(max(1, c.Logs)), c.Consents, c.Participants, c.Guardians, c.Transfers, c.Audit)
	fmt.Fprintf(w, "  %d networks, %d competences, %d competence needs; %d courses with %d sessions and %d participants\n",
		c.Networks, c.Competences, c.Needs, c.Courses, c.CourseSessions, c.CourseSeats)
	fmt.Fprintf(w, "  every user has the password %q\n", gen.Password)
}
