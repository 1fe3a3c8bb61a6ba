package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Head is the end of the audit chain: the last record's sequence number and hash.
type Head struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// String gives the head as SEQ:HASH, the form `audit verify --head` takes.
func (h Head) String() string { return strconv.FormatInt(h.Seq, 10) + ":" + h.Hash }

// ParseHead reads a head written as SEQ:HASH.
func ParseHead(s string) (Head, error) {
	seq, hash, ok := strings.Cut(s, ":")
	n, err := strconv.ParseInt(seq, 10, 64)
	if !ok || err != nil || n < 0 || hash == "" {
		return Head{}, fmt.Errorf("%q is not a chain head SEQ:HASH", s)
	}
	return Head{Seq: n, Hash: hash}, nil
}

// Manifest describes a backup, in FILE.json beside the copy FILE.
type Manifest struct {
	Time     time.Time `json:"time"`     // when the copy was taken
	Database string    `json:"database"` // the database it was taken from
	Head     Head      `json:"head"`     // the audit chain's head in the copy
	// Checkpoint is the last audit checkpoint in the copy, written just before it
	// was taken: it holds the head of every chain then.
	Checkpoint Head             `json:"checkpoint"`
	Tables     map[string]int64 `json:"tables"` // rows per table in the copy
	Size       int64            `json:"size"`   // bytes of FILE
	SHA256     string           `json:"sha256"` // of FILE, hex
}

// ManifestPath is where the manifest of the backup at path is written.
func ManifestPath(path string) string { return path + ".json" }

// ReadManifest reads the manifest at path (a FILE.json).
func ReadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("backup: manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("backup: manifest %s: %w", path, err)
	}
	return &m, nil
}

// Backup takes a consistent copy of the SQLite database at src into the new file
// dst, beside a server that goes on writing, and proves it before it answers: the
// copy is fsynced, passes PRAGMA integrity_check, its audit chain verifies, and it
// holds the chain head the database had when the copy began (so every write
// acknowledged before then is in it). It writes the manifest to dst.json last.
//
// The copy is made by VACUUM INTO, which reads one snapshot through SQLite's own
// locking; a file copy of a live database is not consistent and is often corrupt.
func Backup(ctx context.Context, src, dst string, now time.Time) (*Manifest, error) {
	if IsPostgres(src) {
		return nil, errors.New("backup: PostgreSQL is backed up with pg_dump or pg_basebackup")
	}
	if _, err := os.Stat(src); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("backup: there is no database at %s (set STAFETT_DATABASE or --database)", src)
		}
		return nil, fmt.Errorf("backup: %w", err)
	}
	for _, p := range []string{dst, ManifestPath(dst)} {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("backup: %s already exists; a backup never overwrites, choose a new file", p)
		}
	}
	// mode=rw: a missing file is an error, never a new empty database.
	conn, err := sql.Open("sqlite", "file:"+(&url.URL{Path: src}).EscapedPath()+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("backup: open %s: %w", src, err)
	}
	defer conn.Close()
	var before Head
	if err := conn.QueryRowContext(ctx, lastRecord).Scan(&before.Seq, &before.Hash); err != nil {
		return nil, fmt.Errorf("backup: %s is not a Stafett database: %w", src, err)
	}
	// A checkpoint of every chain's head just before the copy, so that the copy
	// and its manifest name where each chain ended.
	if err := checkpointFile(ctx, src); err != nil {
		return nil, fmt.Errorf("backup: checkpoint: %w", err)
	}
	tmp := dst + ".partial"
	_ = os.Remove(tmp) // left by a backup that was killed
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return nil, fmt.Errorf("backup: copy: %w", err)
	}
	fail := func(err error) (*Manifest, error) {
		_ = os.Remove(tmp)
		return nil, err
	}
	if err := syncFile(tmp); err != nil {
		return fail(err)
	}
	m, err := inspectCopy(ctx, tmp)
	if err != nil {
		return fail(err)
	}
	if err := containsHead(ctx, tmp, before); err != nil {
		return fail(fmt.Errorf("backup: the copy lacks what the database held when it began: %w", err))
	}
	m.Time, m.Database = now.UTC(), src
	// Link refuses an existing dst, so a backup started at the same time by
	// someone else is never overwritten either.
	if err := os.Link(tmp, dst); err != nil {
		return fail(fmt.Errorf("backup: %w", err))
	}
	_ = os.Remove(tmp)
	if err := writeManifest(ManifestPath(dst), m); err != nil {
		return nil, err
	}
	return m, syncDir(filepath.Dir(dst))
}

// VerifyBackup checks the copy at path against its manifest: the checksum, the
// integrity check, the audit chain, its head and the rows of every table. It
// returns the manifest, or an error naming the first difference.
func VerifyBackup(ctx context.Context, path string) (*Manifest, error) {
	want, err := ReadManifest(ManifestPath(path))
	if err != nil {
		return nil, err
	}
	sum, size, err := fileSum(path)
	if err != nil {
		return nil, err
	}
	if sum != want.SHA256 || size != want.Size {
		return nil, fmt.Errorf("backup: %s has changed since its manifest was written (sha256 %s, manifest %s)", path, sum, want.SHA256)
	}
	got, err := inspectCopy(ctx, path)
	if err != nil {
		return nil, err
	}
	if got.Head != want.Head {
		return nil, fmt.Errorf("backup: the copy's chain head is %s, the manifest says %s", got.Head, want.Head)
	}
	if got.Checkpoint != want.Checkpoint {
		return nil, fmt.Errorf("backup: the copy's last checkpoint is %s, the manifest says %s", got.Checkpoint, want.Checkpoint)
	}
	for _, t := range sortedKeys(want.Tables, got.Tables) {
		if got.Tables[t] != want.Tables[t] {
			return nil, fmt.Errorf("backup: table %s has %d rows, the manifest says %d", t, got.Tables[t], want.Tables[t])
		}
	}
	return want, nil
}

// inspectCopy checks a copy read-only (immutable: nothing beside it is created or
// changed) and describes it: integrity, the whole audit chain, rows per table and
// checksum.
func inspectCopy(ctx context.Context, path string) (*Manifest, error) {
	db, err := openCopy(path)
	if err != nil {
		return nil, err
	}
	defer db.read.Close()
	if err := db.CheckIntegrity(ctx); err != nil {
		return nil, fmt.Errorf("backup: %s: %w", path, err)
	}
	if n, err := db.VerifyAudit(ctx); err != nil {
		return nil, fmt.Errorf("backup: %s: audit chain: %w (%d records before it are intact)", path, err, n)
	}
	m := &Manifest{Tables: map[string]int64{}}
	if m.Head, err = db.AuditHead(ctx); err != nil {
		return nil, err
	}
	if m.Checkpoint, err = db.LatestCheckpoint(ctx); err != nil {
		return nil, err
	}
	if m.Tables, err = db.countRows(ctx); err != nil {
		return nil, err
	}
	if m.SHA256, m.Size, err = fileSum(path); err != nil {
		return nil, err
	}
	return m, nil
}

// containsHead checks that the chain in the copy at path holds head.
func containsHead(ctx context.Context, path string, head Head) error {
	db, err := openCopy(path)
	if err != nil {
		return err
	}
	defer db.read.Close()
	return db.HasHead(ctx, head)
}

// openCopy opens a SQLite file read-only and immutable, as a DB that can only read.
func openCopy(path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	conn, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return nil, fmt.Errorf("backup: open %s: %w", path, err)
	}
	conn.SetMaxOpenConns(1)
	return &DB{read: conn, write: conn, dialect: sqliteDialect, Now: time.Now}, nil
}

// CheckIntegrity runs PRAGMA integrity_check on SQLite and returns its first
// complaint as an error; on PostgreSQL there is nothing to run.
func (db *DB) CheckIntegrity(ctx context.Context) error {
	if db.dialect.name != "sqlite" {
		return nil
	}
	rows, err := db.read.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		problems = append(problems, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	if len(problems) == 0 {
		return errors.New("integrity check: no answer")
	}
	return fmt.Errorf("integrity check failed: %s (%d problems)", problems[0], len(problems))
}

// lastRecord selects the number and hash of the audit's last record, (0, ”) when
// there is none.
const lastRecord = `SELECT COALESCE(MAX(seq), 0), COALESCE((SELECT hash FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)), '') FROM audit`

// AuditHead returns the audit's head: its last record, of all chains, by Seq.
func (db *DB) AuditHead(ctx context.Context) (Head, error) {
	var h Head
	err := db.read.QueryRowContext(ctx, lastRecord).Scan(&h.Seq, &h.Hash)
	if err != nil {
		return Head{}, fmt.Errorf("audit head: %w", err)
	}
	return h, nil
}

// HasHead checks that the audit chain reaches head and holds it: a database whose
// chain ends before head.Seq is stale (it lacks records written since), and one
// with a different record at head.Seq is another history.
func (db *DB) HasHead(ctx context.Context, head Head) error {
	cur, err := db.AuditHead(ctx)
	if err != nil {
		return err
	}
	if cur.Seq < head.Seq {
		return fmt.Errorf("stale: the audit chain ends at record %d, before the expected head %s; %d records are missing",
			cur.Seq, head, head.Seq-cur.Seq)
	}
	if head.Seq == 0 {
		return nil
	}
	var hash string
	err = db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT hash FROM audit WHERE seq = ?`), head.Seq).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("the audit chain has no record %d, the expected head %s", head.Seq, head)
	}
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	if hash != head.Hash {
		return fmt.Errorf("record %d has hash %s, not the expected head's %s: another history", head.Seq, hash, head.Hash)
	}
	return nil
}

// countRows counts the rows of every table (SQLite).
func (db *DB) countRows(ctx context.Context) (map[string]int64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("backup: tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(names))
	for _, n := range names {
		var c int64
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM "`+n+`"`).Scan(&c); err != nil {
			return nil, fmt.Errorf("backup: count %s: %w", n, err)
		}
		counts[n] = c
	}
	return counts, nil
}

func writeManifest(path string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: manifest: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("backup: manifest: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("backup: manifest: %w", err)
	}
	return f.Close()
}

func fileSum(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("backup: read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("backup: fsync %s: %w", path, err)
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("backup: fsync %s: %w", dir, err)
	}
	return nil
}

// sortedKeys returns the keys of a and b, each once, in order.
func sortedKeys(a, b map[string]int64) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]int64{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// checkpointFile writes an audit checkpoint in the SQLite database at src.
func checkpointFile(ctx context.Context, src string) error {
	db, err := Open(ctx, src)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Checkpoint(ctx)
	return err
}
