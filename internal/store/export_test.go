package store

import (
	"context"
	"time"

	"stafett/internal/audit"
)

// ExecForTest runs raw SQL on the writer, for tests that tamper with stored data.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(q), db.dialect.args(args)...)
	return err
}

// AuditAfterForTest returns the audit records after seq, oldest first.
func (db *DB) AuditAfterForTest(ctx context.Context, seq int64) ([]audit.Event, error) {
	var out []audit.Event
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, e *audit.Event) error { return scanAudit(s, e) },
			`SELECT `+auditChainCols+` FROM audit WHERE seq > ? ORDER BY seq`, seq)
		return err
	})
	return out, err
}

// UpdateForTest runs f in a write transaction, as a store method runs its own: through
// the writer on SQLite, on its own on PostgreSQL, retried when the database aborts it
// as busy. exec runs one raw statement in it.
func (db *DB) UpdateForTest(ctx context.Context, f func(exec func(q string, args ...any) error) error) error {
	return db.update(ctx, func(tx *tx) error {
		return f(func(q string, args ...any) error {
			_, err := tx.exec(ctx, q, args...)
			return err
		})
	})
}

// QueryRowForTest runs one raw query on the writer and scans its row into dest.
func (db *DB) QueryRowForTest(ctx context.Context, q string, dest ...any) error {
	return db.write.QueryRowContext(ctx, db.dialect.rebind(q)).Scan(dest...)
}

// FirstEvaluationForTest returns entry id's first_evaluation_at, nil when none.
func (db *DB) FirstEvaluationForTest(ctx context.Context, id string) (*time.Time, error) {
	var at *time.Time
	err := db.view(ctx, func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT first_evaluation_at FROM entries WHERE id = ?`, id).Scan(nullTimeCol{&at})
	})
	return at, err
}
