package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestDeadlockIsRetried makes two transactions lock two rows in opposite orders, so
// that on PostgreSQL one of them is aborted to break the deadlock (40P01). Neither
// caller sees it: the aborted one is run again whole, both commit, each row holds
// both increments, and the conflict is counted as seen and retried. On SQLite the
// writer runs them one after the other, and nothing conflicts.
func TestDeadlockIsRetried(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.ExecForTest(ctx, `CREATE TABLE lock_test (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `INSERT INTO lock_test (id, n) VALUES (1, 0), (2, 0)`); err != nil {
			t.Fatal(err)
		}
		pg := db.Dialect() == "postgres"
		// Each transaction, on its first run, waits after its first lock until the
		// other holds its own first lock: then each waits for the other.
		var firstLocks sync.WaitGroup
		firstLocks.Add(2)
		var runs atomic.Int32
		lockBoth := func(first, second int) error {
			var once atomic.Bool
			return db.UpdateForTest(ctx, func(exec func(string, ...any) error) error {
				runs.Add(1)
				if err := exec(`UPDATE lock_test SET n = n + 1 WHERE id = ?`, first); err != nil {
					return err
				}
				if pg && once.CompareAndSwap(false, true) {
					firstLocks.Done()
					firstLocks.Wait()
				}
				return exec(`UPDATE lock_test SET n = n + 1 WHERE id = ?`, second)
			})
		}
		before := db.ConflictStats()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		wg.Add(2)
		go func() { defer wg.Done(); errs[0] = lockBoth(1, 2) }()
		go func() { defer wg.Done(); errs[1] = lockBoth(2, 1) }()
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("transaction %d: %v", i, err)
			}
		}
		var n1, n2 int
		if err := db.QueryRowForTest(ctx, `SELECT (SELECT n FROM lock_test WHERE id = 1), (SELECT n FROM lock_test WHERE id = 2)`, &n1, &n2); err != nil {
			t.Fatal(err)
		}
		if n1 != 2 || n2 != 2 {
			t.Errorf("rows hold %d and %d, want 2 and 2: a write was lost or doubled", n1, n2)
		}
		got := db.ConflictStats()
		seen, retried := got.Seen-before.Seen, got.Retried-before.Retried
		if pg && (seen < 1 || retried != seen || runs.Load() != 2+int32(retried)) {
			t.Errorf("seen %d, retried %d in %d runs; want the deadlock seen, retried and run again", seen, retried, runs.Load())
		}
		if !pg && (seen != 0 || runs.Load() != 2) {
			t.Errorf("sqlite: seen %d conflicts in %d runs, want none in 2", seen, runs.Load())
		}
	})
}
