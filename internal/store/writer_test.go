package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// openTestDB opens a migrated SQLite database in a temporary directory.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// holdWriter makes the writer busy until the returned function is called, so that
// the writes queued meanwhile go into one group.
func holdWriter(t *testing.T, db *DB) (release func()) {
	t.Helper()
	started, gate := make(chan struct{}), make(chan struct{})
	go func() {
		_ = db.update(context.Background(), func(tx *tx) error {
			close(started)
			<-gate
			return nil
		})
	}()
	<-started
	return func() { close(gate) }
}

// waitQueued waits until n writes wait in the writer's queue.
func waitQueued(t *testing.T, db *DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); len(db.writer.reqs) < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d writes queued, want %d", len(db.writer.reqs), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func countRows(t *testing.T, db *DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWriterGroupUndoesOnlyTheFailedWrite puts three writes into one group, the
// middle one failing after it wrote: its row is gone, the others' rows are there,
// each caller gets its own answer, and the three took one commit.
func TestWriterGroupUndoesOnlyTheFailedWrite(t *testing.T) {
	db := openTestDB(t)
	release := holdWriter(t, db)
	before := db.WriterStats()
	insert := func(name string, fail error) func(*tx) error {
		return func(tx *tx) error {
			if _, err := tx.exec(context.Background(), `INSERT INTO municipalities (id, name, number, consent_age, created_at) VALUES (?, ?, ?, 15, ?)`,
				newID(), name, name, tx.now); err != nil {
				return err
			}
			return fail
		}
	}
	refused := errors.New("refused after writing")
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i, f := range []func(*tx) error{insert("A", nil), insert("B", refused), insert("C", nil)} {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = db.update(context.Background(), f) }()
		waitQueued(t, db, i+1) // keep the order A, B, C
	}
	release()
	wg.Wait()
	if errs[0] != nil || !errors.Is(errs[1], refused) || errs[2] != nil {
		t.Fatalf("answers %v, want nil, %v, nil", errs, refused)
	}
	for name, want := range map[string]int{"A": 1, "B": 0, "C": 1} {
		if got := countRows(t, db, `SELECT COUNT(*) FROM municipalities WHERE name = ?`, name); got != want {
			t.Errorf("municipality %s: %d rows, want %d", name, got, want)
		}
	}
	after := db.WriterStats()
	// The held write's commit, then one for A and C together.
	if c, w := after.Commits-before.Commits, after.Writes-before.Writes; c != 2 || w != 3 {
		t.Errorf("%d commits holding %d writes, want 2 holding 3", c, w)
	}
}

// TestWriterSkipsAbandonedWrites: a caller that gives up while its write waits is
// answered at once, and the write never runs.
func TestWriterSkipsAbandonedWrites(t *testing.T) {
	db := openTestDB(t)
	release := holdWriter(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	ran := false
	done := make(chan error)
	go func() { done <- db.update(ctx, func(*tx) error { ran = true; return nil }) }()
	waitQueued(t, db, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned write = %v, want context.Canceled", err)
	}
	release()
	if err := db.update(context.Background(), func(*tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if ran {
		t.Error("an abandoned write ran")
	}
}

// TestWriterFinishesStartedWrites: once a write has started, its caller's
// cancellation neither interrupts it nor lets the caller go before it is committed.
func TestWriterFinishesStartedWrites(t *testing.T) {
	db := openTestDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	err := db.update(ctx, func(tx *tx) error {
		cancel()
		_, err := tx.exec(ctx, `INSERT INTO municipalities (id, name, number, consent_age, created_at) VALUES (?, 'Sent', '9999', 15, ?)`, newID(), tx.now)
		return err
	})
	if err != nil {
		t.Fatalf("a started write whose caller gave up = %v, want it committed", err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM municipalities WHERE name = 'Sent'`); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
}

// TestWriterAfterClose: a write after Close is refused, not lost in a queue.
func TestWriterAfterClose(t *testing.T) {
	db := openTestDB(t)
	db.Close()
	if err := db.update(context.Background(), func(*tx) error { return nil }); !errors.Is(err, errClosed) {
		t.Errorf("write after close = %v, want %v", err, errClosed)
	}
}

// TestWriterPanicReachesItsCaller: a write function that panics is undone, its
// caller panics with the same value (so the web server's recovery answers it), and
// the writer and the rest of its group go on.
func TestWriterPanicReachesItsCaller(t *testing.T) {
	db := openTestDB(t)
	release := holdWriter(t, db)
	got := make(chan any, 1)
	go func() {
		defer func() { got <- recover() }()
		_ = db.update(context.Background(), func(tx *tx) error {
			if _, err := tx.exec(context.Background(), `INSERT INTO municipalities (id, name, number, consent_age, created_at) VALUES (?, 'Panikk', '0001', 15, ?)`, newID(), tx.now); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	waitQueued(t, db, 1)
	other := make(chan error, 1)
	go func() {
		other <- db.update(context.Background(), func(tx *tx) error {
			_, err := tx.exec(context.Background(), `INSERT INTO municipalities (id, name, number, consent_age, created_at) VALUES (?, 'Rolig', '0002', 15, ?)`, newID(), tx.now)
			return err
		})
	}()
	waitQueued(t, db, 2)
	release()
	if v := <-got; v != "boom" {
		t.Errorf("the caller recovered %v, want boom", v)
	}
	if err := <-other; err != nil {
		t.Errorf("the other write in the group = %v", err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM municipalities WHERE name = 'Panikk'`); n != 0 {
		t.Errorf("the panicking write left %d rows", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM municipalities WHERE name = 'Rolig'`); n != 1 {
		t.Errorf("the other write left %d rows, want 1", n)
	}
}
