package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
)

//go:embed migrations
var migrations embed.FS

// MigrationFiles lists the migration files of a dialect ("sqlite" or "postgres"),
// in the order they are applied.
func MigrationFiles(dialect string) ([]string, error) {
	entries, err := fs.ReadDir(migrations, path.Join("migrations", dialect))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if path.Ext(e.Name()) == ".sql" {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// Migrate applies every migration not yet recorded, each in its own transaction,
// then publishes the national action guide for any municipality without a guide and
// folds for search the names stored without it (foldNames), and reads the system
// entries stored without an event back into events (readEvents).
// On PostgreSQL an advisory lock keeps several servers starting at once from
// migrating twice.
func (db *DB) Migrate(ctx context.Context) error {
	names, err := MigrationFiles(db.dialect.name)
	if err != nil {
		return fmt.Errorf("store: list migrations: %w", err)
	}
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`
	if _, err := db.write.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, name := range names {
		if err := db.migrateOne(ctx, name); err != nil {
			return fmt.Errorf("store: migration %s: %w", name, err)
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

func (db *DB) migrateOne(ctx context.Context, name string) error {
	body, err := migrations.ReadFile(path.Join("migrations", db.dialect.name, name))
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if db.dialect.name == "postgres" {
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(7301)`); err != nil {
				return err
			}
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`,
			name, tx.now.Format(sqliteTime))
		return err
	})
}
