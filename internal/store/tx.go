package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"stafett/internal/fault"
)

// tx is a transaction with the dialect applied to every statement and one clock
// reading for everything it writes.
type tx struct {
	*sql.Tx
	d   dialect
	now time.Time
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.ExecContext(ctx, t.d.rebind(q), t.d.args(args)...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(ctx, t.d.rebind(q), t.d.args(args)...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.QueryRowContext(ctx, t.d.rebind(q), t.d.args(args)...)
}

// update runs f in a write transaction and commits it. SQLite begins it IMMEDIATE, so
// it holds the write lock from the start and never fails half-way on lock upgrade.
func (db *DB) update(ctx context.Context, f func(*tx) error) error {
	return db.run(ctx, db.write, false, f)
}

// view runs f in a read-only transaction on the reader pool.
func (db *DB) view(ctx context.Context, f func(*tx) error) error {
	return db.run(ctx, db.read, true, f)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, readOnly bool, f func(*tx) error) error {
	opts := &sql.TxOptions{ReadOnly: readOnly && db.dialect.name == "postgres"}
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	t := &tx{Tx: sqlTx, d: db.dialect, now: db.now()}
	if err := f(t); err != nil {
		_ = sqlTx.Rollback()
		if isBadText(err) {
			// A NUL or invalid UTF-8 in some value: PostgreSQL refuses to store or
			// compare it. It is the input's fault, and nothing was written.
			return fault.Wrap(fault.Invalid, err, "the text contains characters that cannot be stored")
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// notFound maps sql.ErrNoRows to a not-found error naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fault.New(fault.NotFound, "%s not found", what)
	}
	return err
}
