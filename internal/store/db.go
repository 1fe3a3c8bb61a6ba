package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is Stafett's database. On SQLite it keeps one writer connection beside a pool of
// readers; on PostgreSQL both are the same pool.
type DB struct {
	write   *sql.DB
	read    *sql.DB
	dialect dialect
	// writeStmts and readStmts are the pools' prepared statements (SQLite only).
	writeStmts, readStmts *stmtCache
	// writer runs every write transaction, committing them in groups.
	writer *writer
	// guides caches published action guides by "municipality/version": they never
	// change once published.
	guides sync.Map
	// Now is the clock; tests replace it. Every transaction reads it once.
	Now func() time.Time
	// conflicts counts transactions aborted as busy, and their retries.
	conflicts conflicts
	// limits caches the rate-limit key and when counters were last pruned.
	limits rateState
	// path is the SQLite file; empty on PostgreSQL.
	path string
	// scope, on a DB made by Atomic, is the one transaction every read and write
	// runs in.
	scope *tx
}

// IsPostgres reports whether dsn selects PostgreSQL.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating if needed) the database named by dsn: a SQLite file path or a
// postgres:// URL. It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{Now: time.Now}
	var err error
	if IsPostgres(dsn) {
		err = db.openPostgres(dsn)
	} else {
		err = db.openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	db.writer = newWriter(db)
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	return db, nil
}

func (db *DB) openPostgres(dsn string) error {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("store: open postgres: %w", err)
	}
	pool.SetMaxOpenConns(32)
	pool.SetMaxIdleConns(32)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db.write, db.read, db.dialect = pool, pool, postgresDialect
	return nil
}

// sqlitePragmas make every connection durable and safe: WAL with a full fsync on
// each commit (an acknowledged write survives a machine crash), foreign keys on, and
// a busy timeout instead of immediate "database is locked" errors.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"

// sqliteCacheKiB is each connection's page cache: SQLite's default (cache_size =
// -2000). A 16 MB cache per connection was measured (docs/performance.md): at 1,000
// logs the overview lost a third of its throughput and the server's peak RSS
// doubled, and at 100,000 logs no op gained beyond the noise.
const sqliteCacheKiB = 2000

func (db *DB) openSQLite(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("store: create data dir: %w", err)
		}
	}
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas
	write, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	// One writer: SQLite serialises writes anyway, and a single connection avoids
	// busy-waiting between our own goroutines.
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	db.write, db.read, db.dialect, db.path = write, read, sqliteDialect, path
	db.writeStmts, db.readStmts = newStmtCache(write), newStmtCache(read)
	return nil
}

// Close closes all connections.
func (db *DB) Close() error {
	db.writer.stop()
	db.writeStmts.close()
	db.readStmts.close()
	err := db.write.Close()
	if db.read != db.write {
		if rerr := db.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.name }

// Pools returns the writer and reader pools, for pool statistics.
func (db *DB) Pools() (write, read *sql.DB) { return db.write, db.read }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// newID returns a random 128-bit identifier, hex-encoded. IDs appear in URLs, so they
// must not be guessable or enumerable.
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails on supported platforms
	return hex.EncodeToString(b)
}
