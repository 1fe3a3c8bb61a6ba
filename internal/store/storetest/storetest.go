// Package storetest opens real, migrated databases for tests: a fresh SQLite file per
// test, and — when STAFETT_TEST_POSTGRES holds a postgres:// URL — a fresh schema in
// that PostgreSQL database. Each runs a test body on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"stafett/internal/store"
)

// PostgresEnv names the environment variable holding the PostgreSQL test URL.
const PostgresEnv = "STAFETT_TEST_POSTGRES"

// Dialects returns the dialects to test: always "sqlite", and "postgres" when
// STAFETT_TEST_POSTGRES is set.
func Dialects() []string {
	if os.Getenv(PostgresEnv) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// Each runs f as a subtest once per dialect, each with its own empty database DSN.
func Each(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) {
			// Each dialect has a database of its own, so the two run side by side
			// (the PostgreSQL round trips overlap SQLite's work).
			t.Parallel()
			f(t, DSN(t, d))
		})
	}
}

// EachDB is Each with the database opened and migrated.
func EachDB(t *testing.T, f func(t *testing.T, db *store.DB)) {
	t.Helper()
	Each(t, func(t *testing.T, dsn string) { f(t, Open(t, dsn)) })
}

// DSN returns a data source for a new, empty database of the dialect, removed when
// the test ends.
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return filepath.Join(sqliteDir(t), "stafett.db")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens and migrates the database at dsn, closing it when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// sqliteDir is a new directory for a test's SQLite files, removed after the test.
// Unlike t.TempDir, a removal that races a file SQLite creates as the last
// connection closes (seen once under load: "directory not empty") is tried again
// and, if it still fails, logged rather than failing a test that passed.
func sqliteDir(t testing.TB) string {
	dir, err := os.MkdirTemp("", "stafett-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var err error
		for range 5 {
			if err = os.RemoveAll(dir); err == nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Logf("could not remove %s: %v", dir, err)
	})
	return dir
}
