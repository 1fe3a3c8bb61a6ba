package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
)

//go:embed migrations
var migrationFS embed.FS

// migration is one numbered migration as a dialect runs it. Its name (the file name,
// "0001_org.sql") is what schema_migrations records.
type migration struct {
	name string
	sql  string
}

// MigrationFiles lists the migration names of a dialect ("sqlite" or "postgres"), in
// the order they are applied.
func MigrationFiles(dialect string) ([]string, error) {
	d, err := dialectNamed(dialect)
	if err != nil {
		return nil, err
	}
	ms, err := loadMigrations(migrationFS, d)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.name
	}
	return names, nil
}

// loadMigrations reads d's migrations from fsys, in order. A migration is either one
// portable file, migrations/NNNN_name.sql, from which renderMigration derives each
// dialect's SQL, or the older pair migrations/sqlite/NNNN_name.sql and
// migrations/postgres/NNNN_name.sql, each run as written. A name must have one form
// only, and a pair must be whole, so both dialects always have the same list.
func loadMigrations(fsys fs.FS, d dialect) ([]migration, error) {
	portable, err := sqlFiles(fsys, "migrations")
	if err != nil {
		return nil, err
	}
	lite, err := sqlFiles(fsys, "migrations/sqlite")
	if err != nil {
		return nil, err
	}
	pg, err := sqlFiles(fsys, "migrations/postgres")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range portable {
		if slices.Contains(lite, name) || slices.Contains(pg, name) {
			return nil, fmt.Errorf("migration %s is both portable and per dialect", name)
		}
		src, err := fs.ReadFile(fsys, path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		body, err := d.renderMigration(name, string(src))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{name: name, sql: body})
	}
	own := lite
	if d.name == "postgres" {
		own = pg
	}
	if !slices.Equal(lite, pg) {
		return nil, fmt.Errorf("migration pairs incomplete: sqlite has %v, postgres has %v", lite, pg)
	}
	for _, name := range own {
		body, err := fs.ReadFile(fsys, path.Join("migrations", d.name, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{name: name, sql: string(body)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return strings.Compare(a.name, b.name) })
	return ms, nil
}

// sqlFiles lists the .sql files directly in dir, sorted; none when dir is missing.
func sqlFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".sql" {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// renderMigration derives d's SQL from a portable migration. The file is a
// text/template whose functions are d.migrationFuncs: {{TIME}}, {{BOOL}} and the
// other words where the dialects' types differ, and {{if sqlite}} … {{else}} … {{end}}
// around a statement written twice.
func (d dialect) renderMigration(name, src string) (string, error) {
	t, err := template.New(name).Funcs(d.migrationFuncs()).Parse(src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, nil); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Migrate applies every migration not yet recorded, each in its own transaction,
// then publishes the national action guide for any municipality without a guide and
// folds for search the names stored without it (foldNames), and reads the system
// entries stored without an event back into events (readEvents).
// On PostgreSQL an advisory lock keeps several servers starting at once from
// migrating twice: the first migrates, and the others wait for it and then find
// nothing left to do.
func (db *DB) Migrate(ctx context.Context) error {
	return db.exclusively(ctx, lockMigrate, func() error { return db.migrate(ctx, migrationFS) })
}

func (db *DB) migrate(ctx context.Context, fsys fs.FS) error {
	ms, err := loadMigrations(fsys, db.dialect)
	if err != nil {
		return fmt.Errorf("store: load migrations: %w", err)
	}
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`
	if _, err := db.write.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if err := db.migrateOne(ctx, m); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	if err := db.backfillGuides(ctx); err != nil {
		return fmt.Errorf("store: publish national guides: %w", err)
	}
	if err := db.foldNames(ctx); err != nil {
		return fmt.Errorf("store: fold names for search: %w", err)
	}
	if err := db.readEvents(ctx); err != nil {
		return fmt.Errorf("store: read old system entries into events: %w", err)
	}
	return nil
}

func (db *DB) migrateOne(ctx context.Context, m migration) error {
	return db.update(ctx, func(tx *tx) error {
		if db.dialect.name == "postgres" {
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(7301)`); err != nil {
				return err
			}
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, m.name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`,
			m.name, tx.now.Format(sqliteTime))
		return err
	})
}
