package store

import (
	"context"
	"fmt"
)

// Atomic runs f with a DB on which every store method runs inside one write
// transaction: it commits when f returns nil and rolls back everything when f
// fails, panics, or ctx ends part-way, so a crash or an error never leaves half
// of what f wrote. It is for work that must be all or nothing, such as the demo
// seed. Each method still gets its own clock reading and a savepoint, so one that
// fails is undone alone and f may go on; the writer is held until f returns, so f
// must not wait for anything that writes through db.
func (db *DB) Atomic(ctx context.Context, f func(*DB) error) error {
	return db.update(ctx, func(t *tx) error {
		scoped := &DB{write: db.write, read: db.read, dialect: db.dialect, writeStmts: db.writeStmts, readStmts: db.readStmts,
			writer: db.writer, Now: db.Now}
		t.guides = &scoped.guides // guides read here are cached only if the whole commits
		scoped.scope = t
		return f(scoped)
	})
}

// inScope runs f in the transaction of Atomic, in a savepoint of its own.
func (db *DB) inScope(ctx context.Context, f func(*tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := *db.scope
	t.now, t.audits = db.now(), nil
	if _, err := t.Exec(`SAVEPOINT atomic`); err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	if err := finish(ctx, &t, f(&t)); err != nil {
		if _, rerr := t.Exec(`ROLLBACK TO SAVEPOINT atomic`); rerr != nil {
			return fmt.Errorf("store: %w (and rolling back: %v)", err, rerr)
		}
		_, _ = t.Exec(`RELEASE SAVEPOINT atomic`)
		return inputFault(err)
	}
	if _, err := t.Exec(`RELEASE SAVEPOINT atomic`); err != nil {
		return fmt.Errorf("store: release savepoint: %w", err)
	}
	return nil
}
