package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/config"
	"stafett/internal/store"
)

// postgresBackup is what `stafett backup` prints on PostgreSQL, where the
// database's own tools make the copy.
const postgresBackup = `stafett: the database is PostgreSQL; back it up with PostgreSQL's own tools:

  A logical copy (any size up to some tens of GB), consistent while the server runs:
    pg_dump --format=custom --file=stafett-$(date -u +%Y%m%dT%H%M%SZ).dump "$STAFETT_DATABASE"
  Restore into a new, empty database:
    createdb stafett_restored
    pg_restore --no-owner --dbname=stafett_restored stafett-….dump

  A physical copy of the whole cluster, for point-in-time recovery with WAL archiving:
    pg_basebackup --pgdata=/backup/base-$(date -u +%Y%m%d) --format=tar --gzip --wal-method=stream --checkpoint=fast

  After any restore, before serving, check it:
    STAFETT_DATABASE=postgres://…/stafett_restored stafett audit verify --head SEQ:HASH
  with the chain head noted when the copy was taken:
    psql "$STAFETT_DATABASE" -Atc "SELECT seq || ':' || hash FROM audit_head"
`

// runBackup handles "backup --out FILE" and "backup verify FILE".
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "verify" {
		return runBackupVerify(ctx, args[1:], stdout)
	}
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("out", "", "the new file the copy is written to; FILE.json gets its manifest")
	cfg, err := loadConfig(fs, args, getenv)
	if err != nil {
		return err
	}
	if store.IsPostgres(cfg.Database) {
		_, err := io.WriteString(stdout, postgresBackup)
		return err
	}
	if *out == "" {
		return errors.New("usage: stafett backup --out FILE [--database D]")
	}
	m, err := store.Backup(ctx, cfg.Database, *out, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "stafett: backup %s verified: audit chain head %s, %d bytes, sha256 %s; manifest %s\n",
		*out, m.Head, m.Size, m.SHA256, store.ManifestPath(*out))
	return nil
}

func runBackupVerify(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: stafett backup verify FILE")
	}
	m, err := store.VerifyBackup(ctx, args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "stafett: backup %s matches its manifest: taken %s, audit chain head %s, %d tables\n",
		args[0], m.Time.Format(time.RFC3339), m.Head, len(m.Tables))
	return nil
}

// backups are the server's own: every cfg.Every into cfg.Dir, keeping the newest
// cfg.Keep. A ticker in the server process for now; the job queue takes this over
// when it comes, so that only one server takes them.
type backups struct {
	cfg  config.Backup
	src  string // the SQLite database
	now  func() time.Time
	log  *slog.Logger
	last prometheus.Gauge // stafett_backup_last_success_timestamp_seconds
}

// backupPrefix and backupExt name the server's backups: stafett-20261207T155300Z.db.
const (
	backupPrefix = "stafett-"
	backupExt    = ".db"
	backupStamp  = "20060102T150405Z"
)

func newBackupGauge(reg prometheus.Registerer) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "stafett_backup_last_success_timestamp_seconds",
		Help: "When the server's last backup was taken and verified, as a Unix time; 0 before the first.",
	})
	reg.MustRegister(g)
	return g
}

// run catches up, then takes a backup at every tick, until ctx ends.
func (b *backups) run(ctx context.Context, ticks <-chan time.Time) {
	b.catchUp(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case t := <-ticks:
			b.tick(ctx, t)
		}
	}
}

// catchUp takes a backup now if the newest is older than one interval, or none
// exists, so that a server restarted more often than the interval still takes
// them; otherwise the metric starts at the newest one's time.
func (b *backups) catchUp(ctx context.Context) {
	now := b.now()
	if newest, ok := b.newest(); ok && now.Sub(newest) < b.cfg.Every {
		b.last.Set(float64(newest.Unix()))
		return
	}
	b.tick(ctx, now)
}

// tick takes one backup, named by now, and prunes the old ones, logging what
// happened.
func (b *backups) tick(ctx context.Context, now time.Time) {
	path, m, err := b.take(ctx, now)
	if err != nil {
		if ctx.Err() == nil {
			b.log.Error("backup failed", "err", err)
		}
		return
	}
	b.last.Set(float64(m.Time.Unix()))
	b.log.Info("backup taken and verified", "file", path, "head", m.Head.String(), "bytes", m.Size)
	if err := b.prune(); err != nil {
		b.log.Error("backup: pruning old backups", "err", err)
	}
}

func (b *backups) take(ctx context.Context, now time.Time) (string, *store.Manifest, error) {
	if err := os.MkdirAll(b.cfg.Dir, 0o700); err != nil {
		return "", nil, fmt.Errorf("backup: %w", err)
	}
	now = now.UTC()
	path := filepath.Join(b.cfg.Dir, backupPrefix+now.Format(backupStamp)+backupExt)
	m, err := store.Backup(ctx, b.src, path, now)
	return path, m, err
}

// list returns the server's backups with a manifest, oldest first, with when each
// was taken (from its name).
func (b *backups) list() ([]string, []time.Time) {
	ents, err := os.ReadDir(b.cfg.Dir)
	if err != nil {
		return nil, nil
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupExt) {
			names = append(names, n)
		}
	}
	slices.Sort(names) // the stamp sorts by time
	var paths []string
	var times []time.Time
	for _, n := range names {
		t, err := time.Parse(backupStamp, strings.TrimSuffix(strings.TrimPrefix(n, backupPrefix), backupExt))
		if err != nil {
			continue
		}
		if _, err := os.Stat(store.ManifestPath(filepath.Join(b.cfg.Dir, n))); err != nil {
			continue // unfinished: Backup writes the manifest last
		}
		paths = append(paths, filepath.Join(b.cfg.Dir, n))
		times = append(times, t)
	}
	return paths, times
}

func (b *backups) newest() (time.Time, bool) {
	_, times := b.list()
	if len(times) == 0 {
		return time.Time{}, false
	}
	return times[len(times)-1], true
}

// prune removes all but the newest Keep backups, each with its manifest.
func (b *backups) prune() error {
	paths, _ := b.list()
	var errs []error
	for _, p := range paths[:max(0, len(paths)-b.cfg.Keep)] {
		errs = append(errs, os.Remove(store.ManifestPath(p)), os.Remove(p))
	}
	return errors.Join(errs...)
}
