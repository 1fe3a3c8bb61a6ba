package demo_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"stafett/internal/demo"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// countdown is a context that is cancelled after its Err has been asked n times:
// the seed is cancelled at a chosen point part-way, wherever it is.
type countdown struct {
	context.Context
	left atomic.Int64
}

func (c *countdown) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func after(n int64) *countdown {
	c := &countdown{Context: context.Background()}
	c.left.Store(n)
	return c
}

// TestSeedAllOrNothing cancels the demo seed at the start, in the middle and near
// its end (nine tenths: the driver's own checks vary by a few between a cold and a
// warm connection pool, so the probe's count is not exact on another database), and checks each time that nothing was written (no municipality,
// no user, no audit record), then that the next seed makes the whole demo.
func TestSeedAllOrNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// How many checks a whole seed makes, on a database of its own.
		probe := after(1 << 40)
		probeDB := storetest.Open(t, storetest.DSN(t, db.Dialect()))
		full, err := demo.Seed(probe, probeDB, "hash")
		if err != nil || !full.Created {
			t.Fatalf("probe seed: %v", err)
		}
		want, err := probeDB.VerifyAudit(ctx)
		if err != nil || want < 50 {
			t.Fatalf("the probe seed left %d audit records (%v)", want, err)
		}
		steps := 1<<40 - probe.left.Load()
		if steps < 50 {
			t.Fatalf("a seed makes only %d checks", steps)
		}
		for _, n := range []int64{1, steps / 2, steps * 9 / 10} {
			_, err := demo.Seed(after(n), db, "hash")
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("seed cancelled after %d of %d steps: %v", n, steps, err)
			}
			ms, err := db.ListMunicipalities(ctx)
			if err != nil || len(ms) != 0 {
				t.Errorf("after %d of %d steps: %d municipalities (%v)", n, steps, len(ms), err)
			}
			if records, err := db.VerifyAudit(ctx); err != nil || records != 0 {
				t.Errorf("after %d of %d steps: %d audit records (%v)", n, steps, records, err)
			}
			if admins, err := db.CountSystemAdmins(ctx); err != nil || admins != 0 {
				t.Errorf("after %d of %d steps: %d system administrators (%v)", n, steps, admins, err)
			}
		}
		res, err := demo.Seed(ctx, db, "hash")
		if err != nil || !res.Created {
			t.Fatalf("seed after the cancelled ones: %v", err)
		}
		if len(res.Accounts) != len(full.Accounts) || len(res.Units) != len(full.Units) {
			t.Errorf("%d accounts and %d units, want %d and %d", len(res.Accounts), len(res.Units), len(full.Accounts), len(full.Units))
		}
		records, err := db.VerifyAudit(ctx)
		if err != nil || records != want {
			t.Errorf("audit after the full seed: %d records, want the probe's %d (%v)", records, want, err)
		}
		again, err := demo.Seed(ctx, db, "hash")
		if err != nil || again.Created {
			t.Errorf("a second seed on a seeded database: created %v, %v", again != nil && again.Created, err)
		}
	})
}
