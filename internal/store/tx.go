package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"stafett/internal/audit"
	"stafett/internal/fault"
)

// tx is a transaction with the dialect applied to every statement and one clock
// reading for everything it writes.
type tx struct {
	*sql.Tx
	d     dialect
	now   time.Time
	stmts *stmtCache // the pool's prepared statements; nil for none
	// ctx, when set, is the context every statement runs under, whatever the
	// caller passed: the writer's, which the caller cannot cancel.
	ctx context.Context
	// guides holds the published guides parsed so far (DB.guides); nil for none.
	guides *sync.Map
	// audits are the records appendAudit gathered, written by flushAudit.
	audits []*audit.Event
}

// prepared picks the context q runs under (the transaction's own, if set), rebinds
// q for the dialect and finds its prepared statement, nil when there is none yet.
func (t *tx) prepared(ctx context.Context, q string) (context.Context, string, *sql.Stmt) {
	if t.ctx != nil {
		ctx = t.ctx
	}
	q = t.d.rebind(q)
	return ctx, q, t.stmts.get(q)
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx, q, st := t.prepared(ctx, q)
	if st != nil {
		return t.StmtContext(ctx, st).ExecContext(ctx, t.d.args(args)...)
	}
	return t.ExecContext(ctx, q, t.d.args(args)...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx, q, st := t.prepared(ctx, q)
	if st != nil {
		return t.StmtContext(ctx, st).QueryContext(ctx, t.d.args(args)...)
	}
	return t.QueryContext(ctx, q, t.d.args(args)...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	ctx, q, st := t.prepared(ctx, q)
	if st != nil {
		return t.StmtContext(ctx, st).QueryRowContext(ctx, t.d.args(args)...)
	}
	return t.QueryRowContext(ctx, q, t.d.args(args)...)
}

// update runs f in a write transaction and returns when its commit is durable. On
// SQLite it goes through the writer, which begins it IMMEDIATE (it holds the write
// lock from the start and never fails half-way on lock upgrade) and commits it with
// others; on PostgreSQL it is a transaction of its own. A transaction the database
// aborts as busy (a deadlock, a serialization conflict) is run again whole (retry),
// so f must leave nothing behind outside the transaction that a second run would
// double. Inside Atomic, f runs in Atomic's transaction.
func (db *DB) update(ctx context.Context, f func(*tx) error) error {
	if db.scope != nil {
		return dbFault(db.inScope(ctx, f))
	}
	if db.dialect.name == "postgres" {
		return dbFault(db.retry(ctx, func() error { return db.runTx(ctx, f) }))
	}
	return dbFault(db.retry(ctx, func() error { return db.writer.do(ctx, f) }))
}

// view runs f in a read-only transaction on the reader pool.
func (db *DB) view(ctx context.Context, f func(*tx) error) error {
	if db.scope != nil {
		return db.inScope(ctx, f) // reads see what the scope has written
	}
	sqlTx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.dialect.name == "postgres"})
	if err != nil {
		return dbFault(fmt.Errorf("store: begin: %w", err))
	}
	defer sqlTx.Rollback()
	t := &tx{Tx: sqlTx, d: db.dialect, now: db.now(), stmts: db.readStmts, guides: &db.guides}
	if err := f(t); err != nil {
		return dbFault(inputFault(err))
	}
	if len(t.audits) > 0 {
		return errors.New("store: an audit record in a read transaction would be lost")
	}
	return dbFault(sqlTx.Commit())
}

// inputFault turns a refusal of the text itself into the input's fault: a NUL or
// invalid UTF-8 in some value, which PostgreSQL refuses to store or compare.
// Nothing was written.
func inputFault(err error) error {
	if isBadText(err) {
		return fault.Wrap(fault.Invalid, err, "the text contains characters that cannot be stored")
	}
	return err
}

// notFound maps sql.ErrNoRows to a not-found error naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fault.New(fault.NotFound, "%s not found", what)
	}
	return err
}
