package store

import "context"

// ExecForTest runs raw SQL on the writer, for tests that tamper with stored data.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(q), db.dialect.args(args)...)
	return err
}
