package store_test

import (
	"context"
	"sync"
	"testing"

	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestMigrateTwoServersAtOnce starts two servers' stores on one empty database at the
// same moment: both migrate without an error, and every migration was applied once.
func TestMigrateTwoServersAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		dbs := make([]*store.DB, 2)
		for i := range dbs {
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs[i] = db
		}
		var wg sync.WaitGroup
		errs := make([]error, len(dbs))
		for i, db := range dbs {
			wg.Go(func() { errs[i] = db.Migrate(ctx) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("server %d: migrate: %v", i, err)
			}
		}
		var applied, distinct int
		if err := dbs[0].QueryRowForTest(ctx, `SELECT COUNT(*), COUNT(DISTINCT name) FROM schema_migrations`, &applied, &distinct); err != nil {
			t.Fatal(err)
		}
		if applied == 0 || applied != distinct {
			t.Errorf("%d migrations recorded, %d distinct: want each once", applied, distinct)
		}
		// The chain the migrations began is whole.
		if _, err := dbs[1].VerifyAudit(ctx); err != nil {
			t.Errorf("verify: %v", err)
		}
	})
}

// TestLeadOneAtATime: while one server leads a piece of work, another's TryLead gets
// nothing; after Release it leads. On SQLite one server always leads.
func TestLeadOneAtATime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a := storetest.Open(t, dsn)
		b, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		la, err := a.TryLead(ctx, store.LeadCheckpoint)
		if err != nil || la == nil {
			t.Fatalf("first lead: %v, %v", la, err)
		}
		lb, err := b.TryLead(ctx, store.LeadCheckpoint)
		if err != nil {
			t.Fatal(err)
		}
		if a.Dialect() == "postgres" && lb != nil {
			t.Fatal("two servers lead the same work at once")
		}
		if a.Dialect() == "sqlite" && lb == nil {
			t.Fatal("sqlite: not leading")
		}
		if lb != nil {
			lb.Release()
		}
		other, err := b.TryLead(ctx, store.LeadBackup)
		if err != nil || other == nil {
			t.Fatalf("other work while one is led: %v, %v", other, err)
		}
		other.Release()
		if !la.Held(ctx) {
			t.Error("lead not held")
		}
		la.Release()
		lb, err = b.TryLead(ctx, store.LeadCheckpoint)
		if err != nil || lb == nil {
			t.Fatalf("after release: %v, %v", lb, err)
		}
		lb.Release()
	})
}
