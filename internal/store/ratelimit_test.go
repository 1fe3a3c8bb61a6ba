package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"stafett/internal/fault"
	"stafett/internal/ratelimit"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// rateClock is a settable clock for the store.
type rateClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *rateClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *rateClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// openRateDB opens a new database of the dialect with a test clock, and returns its
// DSN for raw reads and reopening.
func openRateDB(t *testing.T, dialect string) (*store.DB, *rateClock, string) {
	t.Helper()
	dsn := storetest.DSN(t, dialect)
	db := storetest.Open(t, dsn)
	c := &rateClock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	return db, c, dsn
}

// rawRows returns the rate_limits table as it is stored, bypassing the store.
func rawRows(t *testing.T, dsn string) map[string]int {
	t.Helper()
	driver := "sqlite"
	if store.IsPostgres(dsn) {
		driver = "pgx"
	}
	conn, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT bucket, subject, hits FROM rate_limits`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var bucket, subject string
		var hits int
		if err := rows.Scan(&bucket, &subject, &hits); err != nil {
			t.Fatal(err)
		}
		out[bucket+"|"+subject] = hits
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// exceeded returns the detail of a rate_limited error, failing the test for any
// other result.
func exceeded(t *testing.T, err error) *ratelimit.Exceeded {
	t.Helper()
	var ex *ratelimit.Exceeded
	if !fault.Is(err, fault.RateLimited) || !errors.As(err, &ex) {
		t.Fatalf("err = %v, want rate_limited with the detail", err)
	}
	return ex
}

func TestTakeRate(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) { testTakeRate(t, dialect) })
	}
}

func testTakeRate(t *testing.T, dialect string) {
	ctx := context.Background()
	three := ratelimit.Limit{N: 3, Per: 15 * time.Minute}
	t.Run("OK", func(t *testing.T) {
		db, c, _ := openRateDB(t, dialect)
		for i := range 3 {
			if _, err := db.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: "a@x.no", Limit: three}); err != nil {
				t.Fatalf("take %d: %v", i+1, err)
			}
			c.Add(time.Minute)
		}
		_, err := db.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: "a@x.no", Limit: three})
		if ex := exceeded(t, err); ex.Name != "signin" || ex.RetryAfter != 12*time.Minute || ex.Seconds() != 720 {
			t.Errorf("exceeded = %+v, want signin after 12m", ex)
		}
		// Another subject and another bucket have counters of their own.
		if _, err := db.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: "b@x.no", Limit: three}); err != nil {
			t.Errorf("other subject: %v", err)
		}
		if _, err := db.TakeRate(ctx, store.Counter{Bucket: "export", Subject: "a@x.no", Limit: three}); err != nil {
			t.Errorf("other bucket: %v", err)
		}
	})
	t.Run("WindowEnds", func(t *testing.T) {
		db, c, _ := openRateDB(t, dialect)
		take := func() error {
			_, err := db.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: "a@x.no", Limit: three})
			return err
		}
		for range 3 {
			if err := take(); err != nil {
				t.Fatal(err)
			}
		}
		c.Add(15*time.Minute - time.Second)
		if ex := exceeded(t, take()); ex.RetryAfter != time.Second {
			t.Errorf("retry after %v, want 1s", ex.RetryAfter)
		}
		c.Add(time.Second)
		for i := range 3 {
			if err := take(); err != nil {
				t.Fatalf("new window, take %d: %v", i+1, err)
			}
		}
		exceeded(t, take())
	})
	t.Run("RefusedIsNotCounted", func(t *testing.T) {
		db, c, _ := openRateDB(t, dialect)
		one := ratelimit.Limit{N: 1, Per: time.Minute}
		five := ratelimit.Limit{N: 5, Per: time.Minute}
		both := []store.Counter{{Bucket: "a", Subject: "s", Limit: one}, {Bucket: "b", Subject: "s", Limit: five}}
		if _, err := db.TakeRate(ctx, both...); err != nil {
			t.Fatal(err)
		}
		for range 10 {
			if ex := exceeded(t, func() error { _, err := db.TakeRate(ctx, both...); return err }()); ex.Name != "a" {
				t.Errorf("exceeded %q, want a", ex.Name)
			}
		}
		// b was counted once, not eleven times: four more fit.
		for i := range 4 {
			if _, err := db.TakeRate(ctx, both[1]); err != nil {
				t.Fatalf("b take %d: %v", i+2, err)
			}
		}
		exceeded(t, func() error { _, err := db.TakeRate(ctx, both[1]); return err }())
		c.Add(time.Minute)
		if _, err := db.TakeRate(ctx, both...); err != nil {
			t.Errorf("after the window: %v", err)
		}
	})
	t.Run("LongestWait", func(t *testing.T) {
		db, _, _ := openRateDB(t, dialect)
		short := store.Counter{Bucket: "short", Subject: "s", Limit: ratelimit.Limit{N: 1, Per: time.Minute}}
		long := store.Counter{Bucket: "long", Subject: "s", Limit: ratelimit.Limit{N: 1, Per: time.Hour}}
		if _, err := db.TakeRate(ctx, short, long); err != nil {
			t.Fatal(err)
		}
		_, err := db.TakeRate(ctx, short, long)
		if ex := exceeded(t, err); ex.Name != "long" || ex.RetryAfter != time.Hour {
			t.Errorf("exceeded = %+v, want long after 1h", ex)
		}
	})
	t.Run("CheckThenCount", func(t *testing.T) {
		db, c, dsn := openRateDB(t, dialect)
		acct := store.Counter{Bucket: "account", Subject: "a@x.no", Limit: three}
		// Checking counts nothing, however often.
		for range 5 {
			if err := db.CheckRate(ctx, acct); err != nil {
				t.Fatal(err)
			}
		}
		if rows := rawRows(t, dsn); len(rows) != 0 {
			t.Fatalf("checks wrote %v", rows)
		}
		for range 3 {
			if err := db.CountRate(ctx, acct); err != nil {
				t.Fatal(err)
			}
			c.Add(time.Minute)
		}
		// Three failures: the fourth attempt is refused before it is made.
		if ex := exceeded(t, db.CheckRate(ctx, acct)); ex.Name != "account" || ex.RetryAfter != 12*time.Minute {
			t.Errorf("exceeded = %+v, want account after 12m", ex)
		}
		if err := db.CheckRate(ctx, store.Counter{Bucket: "account", Subject: "b@x.no", Limit: three}); err != nil {
			t.Errorf("another account: %v", err)
		}
		c.Add(12 * time.Minute)
		if err := db.CheckRate(ctx, acct); err != nil {
			t.Errorf("after the window: %v", err)
		}
	})
	t.Run("Spread", func(t *testing.T) {
		db, _, dsn := openRateDB(t, dialect)
		g := store.Counter{Bucket: "global", Limit: ratelimit.Limit{N: 20, Per: time.Minute}, Spread: 4}
		for i := range 20 {
			if _, err := db.TakeRate(ctx, g); err != nil {
				t.Fatalf("take %d: %v", i+1, err)
			}
		}
		exceeded(t, func() error { _, err := db.TakeRate(ctx, g); return err }())
		exceeded(t, db.CheckRate(ctx, g))
		rows, sum := rawRows(t, dsn), 0
		for _, n := range rows {
			sum += n
		}
		// Twenty counted in more than one row (all in one would take 1 in 4^19).
		if sum != 20 || len(rows) < 2 || len(rows) > 4 {
			t.Errorf("rows %v: want 20 counted over 2 to 4 rows", rows)
		}
	})
	t.Run("SubjectsNotStoredInClear", func(t *testing.T) {
		db, _, dsn := openRateDB(t, dialect)
		for _, subject := range []string{"larer@skien.no", "192.0.2.7", "2001:db8::/64"} {
			if _, err := db.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: subject, Limit: three}); err != nil {
				t.Fatal(err)
			}
		}
		rows := rawRows(t, dsn)
		if len(rows) != 3 {
			t.Fatalf("rows = %v, want 3", rows)
		}
		for k := range rows {
			bucket, subject, _ := strings.Cut(k, "|")
			if bucket != "signin" || len(subject) != 64 || strings.ContainsAny(subject, "@.:/") {
				t.Errorf("stored subject %q in bucket %q is not an HMAC", subject, bucket)
			}
		}
	})
	t.Run("SurvivesReopen", func(t *testing.T) {
		db, c, dsn := openRateDB(t, dialect)
		for range 3 {
			if _, err := db.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: "a@x.no", Limit: three}); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		again, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		again.Now = c.Now
		exceeded(t, func() error {
			_, err := again.TakeRate(ctx, store.Counter{Bucket: "signin", Subject: "a@x.no", Limit: three})
			return err
		}())
	})
	t.Run("Pruned", func(t *testing.T) {
		db, c, dsn := openRateDB(t, dialect)
		minute := ratelimit.Limit{N: 5, Per: time.Minute}
		for _, s := range []string{"a", "b", "c"} {
			if _, err := db.TakeRate(ctx, store.Counter{Bucket: "search", Subject: s, Limit: minute}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.TakeRate(ctx, store.Counter{Bucket: "export", Subject: "a", Limit: ratelimit.Limit{N: 5, Per: time.Hour}}); err != nil {
			t.Fatal(err)
		}
		c.Add(2 * time.Minute)
		if _, err := db.TakeRate(ctx, store.Counter{Bucket: "search", Subject: "d", Limit: minute}); err != nil {
			t.Fatal(err)
		}
		rows := rawRows(t, dsn)
		buckets := map[string]int{}
		for k := range rows {
			b, _, _ := strings.Cut(k, "|")
			buckets[b]++
		}
		if len(rows) != 2 || buckets["search"] != 1 || buckets["export"] != 1 {
			t.Errorf("after the windows ended: %v, want the new search counter and the export one", rows)
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		db, _, _ := openRateDB(t, dialect)
		ten := ratelimit.Limit{N: 10, Per: time.Minute}
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, limited := 0, 0
		for range 25 {
			wg.Go(func() {
				_, err := db.TakeRate(ctx, store.Counter{Bucket: "global", Limit: ten}, store.Counter{Bucket: "signin", Subject: "a@x.no", Limit: ten})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case fault.Is(err, fault.RateLimited):
					limited++
				default:
					t.Errorf("take: %v", err)
				}
			})
		}
		wg.Wait()
		if ok != 10 || limited != 15 {
			t.Errorf("%d taken and %d refused, want 10 and 15", ok, limited)
		}
	})
	t.Run("ErrBadCounter", func(t *testing.T) {
		db, _, _ := openRateDB(t, dialect)
		if _, err := db.TakeRate(ctx, store.Counter{Bucket: "x"}); err == nil || fault.Is(err, fault.RateLimited) {
			t.Errorf("a counter without a limit: %v", err)
		}
	})
}
