package store

import (
	"context"
	"path/filepath"
	"syscall"
)

// ProbeWrite commits one small write (the row of health_probe) through the writer,
// so that a readiness check knows whether the database takes writes now. Its error
// carries the fault (storage_full, unavailable) of any other write.
func (db *DB) ProbeWrite(ctx context.Context) error {
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at`, tx.now)
		return err
	})
}

// FreeBytes returns the free space, for unprivileged users, on the volume holding
// the SQLite database. ok is false on PostgreSQL, whose disk is not this machine's
// to measure (its own disk_full still answers storage_full).
func (db *DB) FreeBytes() (free uint64, ok bool, err error) {
	if db.path == "" {
		return 0, false, nil
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(db.path), &st); err != nil {
		return 0, true, err
	}
	return st.Bavail * uint64(st.Bsize), true, nil
}

// WriterPragmaForTest runs PRAGMA pragma on the SQLite writer connection: tests make
// the disk "full" with max_page_count, or a lock's wait short with busy_timeout.
// Both last for the connection only. It does nothing on PostgreSQL.
func (db *DB) WriterPragmaForTest(ctx context.Context, pragma string) error {
	if db.path == "" {
		return nil
	}
	_, err := db.write.ExecContext(ctx, `PRAGMA `+pragma)
	return err
}
