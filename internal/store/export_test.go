package store

import (
	"context"

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
			`SELECT `+auditCols+` FROM audit WHERE seq > ? ORDER BY seq`, seq)
		return err
	})
	return out, err
}
