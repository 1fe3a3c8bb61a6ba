package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"stafett/internal/fault"
)

// Messages of the database's faults; safe to show.
const (
	msgStorageFull = "the database's storage is full; nothing was saved"
	msgUnavailable = "the database is busy or cannot be reached; nothing was saved"
)

// dbFault turns the driver errors that mean "the database cannot take this now" into
// their fault: storage_full for a full disk, unavailable for a database that stays
// locked past the busy timeout or whose connection is gone. They are told apart by
// code, never by message. Other errors, and errors that already carry a code other
// than internal, pass unchanged.
func dbFault(err error) error {
	if err == nil {
		return nil
	}
	if c := fault.CodeOf(err); c != fault.Internal {
		return err
	}
	switch {
	case isStorageFull(err):
		return fault.Wrap(fault.StorageFull, err, msgStorageFull)
	case isUnavailable(err):
		return fault.Wrap(fault.Unavailable, err, msgUnavailable)
	}
	return err
}

// isStorageFull reports a full disk. SQLite's unix VFS answers ENOSPC with
// SQLITE_FULL; a file that may not grow (EFBIG, a file-size limit) comes back as an
// I/O error on writing. modernc.org/sqlite does not pass on the OS errno
// (sqlite3_system_errno), so the I/O errors of the write path (write, truncate,
// fsync, growing the shared-memory file) all count as storage that cannot take
// more: to the person typing and to the operator, it is the same fault.
func isStorageFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_TRUNCATE, sqlite3.SQLITE_IOERR_FSYNC,
			sqlite3.SQLITE_IOERR_DIR_FSYNC, sqlite3.SQLITE_IOERR_SHMSIZE:
			return true
		}
		return se.Code()&0xff == sqlite3.SQLITE_FULL
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "53100" // disk_full
}

// isUnavailable reports a database that cannot serve now: SQLite still locked by
// another process when the busy timeout ends; PostgreSQL gone (connection refused,
// reset or closed, the server shutting down or starting, a read-only standby); or
// this store closed.
func isUnavailable(err error) bool {
	if errors.Is(err, errClosed) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the caller gave up; the database may be fine
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
			"25006", // read_only_sql_transaction: a standby
			"55P03": // lock_not_available
			return true
		}
		return strings.HasPrefix(pe.Code, "08") // connection_exception
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &ne)
}
