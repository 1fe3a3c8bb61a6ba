package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"
)

// Retrying a transaction the database aborted to break a deadlock or a serialization
// conflict (isBusy: 40P01, 40001, SQLITE_BUSY). The whole transaction is run again
// from its start, so what it reads is read anew; nothing of the aborted run was
// written. The tries are bounded and spaced by a random wait that grows, so two
// transactions that collided do not collide again in step.
const (
	maxTries   = 6
	retryFirst = 2 * time.Millisecond
	retryMax   = 100 * time.Millisecond
)

// conflicts counts transactions the database aborted as busy (seen) and how many of
// those were run again (retried); the difference reached their callers.
type conflicts struct {
	seen, retried atomic.Int64
}

// ConflictStats say how many transactions the database aborted for a deadlock,
// a serialization conflict or a lock (Seen), and how many of them were run again
// (Retried). Seen − Retried reached a caller, as an unavailable fault.
type ConflictStats struct {
	Seen, Retried int64
}

// ConflictStats returns the deadlocks and conflicts seen and retried so far.
func (db *DB) ConflictStats() ConflictStats {
	return ConflictStats{Seen: db.conflicts.seen.Load(), Retried: db.conflicts.retried.Load()}
}

// retry runs run, and runs it again while it fails as busy, up to maxTries in all.
// It is the one place that retries: run is a whole transaction.
func (db *DB) retry(ctx context.Context, run func() error) error {
	wait := retryFirst
	for try := 1; ; try++ {
		err := run()
		if err == nil || !isBusy(err) {
			return err
		}
		db.conflicts.seen.Add(1)
		if try == maxTries {
			return fmt.Errorf("store: still conflicting after %d tries: %w", try, err)
		}
		// Full jitter: anywhere up to the current bound.
		t := time.NewTimer(rand.N(wait) + time.Microsecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		db.conflicts.retried.Add(1)
		wait = min(2*wait, retryMax)
	}
}

// runTx runs f in a transaction of its own on the pool and commits it: PostgreSQL's
// way of writing, one transaction per request. PostgreSQL makes concurrent commits
// durable together by itself, so grouping unrelated requests into one transaction
// (the SQLite writer) would only make them share their locks and their failures.
func (db *DB) runTx(ctx context.Context, f func(*tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	t := &tx{Tx: sqlTx, d: db.dialect, now: db.now(), stmts: db.writeStmts, guides: &db.guides}
	ferr := call(f, t)
	if _, ok := ferr.(panicked); !ok {
		ferr = finish(ctx, t, ferr)
	}
	if ferr != nil {
		_ = sqlTx.Rollback()
		if p, ok := ferr.(panicked); ok {
			panic(p.v)
		}
		return inputFault(ferr)
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	db.writer.commits.Add(1)
	db.writer.writes.Add(1)
	return nil
}
