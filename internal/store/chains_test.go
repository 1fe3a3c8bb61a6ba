package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"stafett/internal/audit"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// chainWorld is a database with two logs, each with a few audited actions.
func chainWorld(t *testing.T, db *store.DB) (w *logWorld, logA, logB string) {
	t.Helper()
	ctx := context.Background()
	w = newLogWorld(t, db)
	var ids []string
	for range 2 {
		l, err := db.CreateLog(ctx, w.holder, logbook.NewLog{UnitID: w.school.ID,
			Child: logbook.Child{Initials: "AB", BirthDate: "2016-01-01"}, Concern: "Bekymring"}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := db.AddEntry(ctx, w.holder, l.ID, logbook.NewEntry{Kind: logbook.KindNote, Text: "notat"}); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, l.ID)
	}
	return w, ids[0], ids[1]
}

func wantBroken(t *testing.T, db *store.DB, want string) {
	t.Helper()
	_, err := db.VerifyAudit(context.Background())
	var b *audit.Broken
	if !errors.As(err, &b) {
		t.Fatalf("verify = %v, want a broken chain (%s)", err, want)
	}
	if !strings.Contains(b.Reason, want) {
		t.Errorf("broken: %v, want it to say %q", err, want)
	}
}

// TestAuditChainsPerLog: each log's records are a chain of their own, numbered from
// 1, and every failure mode of a chain is found by VerifyAudit: a changed record,
// one taken out, two swapped, and an end cut off with its head set back (found
// against the checkpoint that named the end).
func TestAuditChainsPerLog(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, logA, logB := chainWorld(t, db)
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatalf("intact: %v", err)
		}
		var n, maxSeq int
		if err := db.QueryRowForTest(ctx, `SELECT COUNT(*), MAX(chain_seq) FROM audit WHERE chain = 'log:`+logA+`'`, &n, &maxSeq); err != nil {
			t.Fatal(err)
		}
		if n != 4 || maxSeq != 4 {
			t.Fatalf("log A's chain holds %d records up to %d, want 1 to 4", n, maxSeq)
		}
		var heads int
		if err := db.QueryRowForTest(ctx, `SELECT COUNT(*) FROM audit_chains WHERE chain IN ('log:`+logA+`', 'log:`+logB+`')`, &heads); err != nil || heads != 2 {
			t.Fatalf("heads of the two logs: %d, %v", heads, err)
		}
		chainA := "'log:" + logA + "'"
		exec := func(q string) {
			t.Helper()
			if err := db.ExecForTest(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("Changed", func(t *testing.T) {
			exec(`UPDATE audit SET detail = 'x' WHERE chain = ` + chainA + ` AND chain_seq = 2`)
			wantBroken(t, db, "content does not match")
		})
	})
}

// TestAuditChainFailures runs each kind of tampering on a database of its own.
func TestAuditChainFailures(t *testing.T) {
	cases := []struct {
		name, want string
		tamper     []string // statements; LOG stands for log A's chain
		checkpoint bool     // a checkpoint is written before the tampering
	}{
		{"Removed", "sequence gap", []string{`DELETE FROM audit WHERE chain = LOG AND chain_seq = 2`}, false},
		{"Swapped", "previous hash", []string{
			`UPDATE audit SET chain_seq = 100 WHERE chain = LOG AND chain_seq = 2`,
			`UPDATE audit SET chain_seq = 2 WHERE chain = LOG AND chain_seq = 3`,
			`UPDATE audit SET chain_seq = 3 WHERE chain = LOG AND chain_seq = 100`}, false},
		{"MovedToAnotherChain", "", []string{`UPDATE audit SET chain = 'log:other', chain_seq = 1 WHERE chain = LOG AND chain_seq = 4`,
			`UPDATE audit_chains SET seq = 3, hash = (SELECT hash FROM audit WHERE chain = LOG AND chain_seq = 3) WHERE chain = LOG`}, false},
		{"CutOffAfterCheckpoint", "records missing at its end", []string{
			`DELETE FROM audit WHERE chain = LOG AND chain_seq = 4`,
			`UPDATE audit_chains SET seq = 3, hash = (SELECT hash FROM audit WHERE chain = LOG AND chain_seq = 3) WHERE chain = LOG`}, true},
		{"HeadNotSetBack", "records missing at the end", []string{`DELETE FROM audit WHERE chain = LOG AND chain_seq = 4`}, false},
		{"CheckpointChanged", "checkpoint 1: content does not match", []string{`UPDATE audit_checkpoints SET at = at WHERE seq = 1`,
			`UPDATE audit_checkpoints SET heads = REPLACE(heads, ' 4 ', ' 3 ') WHERE seq = 1`}, true},
		{"WholeChainRemoved", "records missing", []string{`DELETE FROM audit WHERE chain = LOG`}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.EachDB(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				_, logA, _ := chainWorld(t, db)
				if c.checkpoint {
					cp, err := db.Checkpoint(ctx)
					if err != nil || cp == nil {
						t.Fatalf("checkpoint: %v, %v", cp, err)
					}
				}
				if _, err := db.VerifyAudit(ctx); err != nil {
					t.Fatalf("intact: %v", err)
				}
				for _, q := range c.tamper {
					if err := db.ExecForTest(ctx, strings.ReplaceAll(q, "LOG", "'log:"+logA+"'")); err != nil {
						t.Fatal(err)
					}
				}
				wantBroken(t, db, c.want)
			})
		})
	}
}

// TestAuditCutOffWithoutCheckpoint shows what the checkpoints are for: without
// one, an end cut off together with its head is not seen; a checkpoint written
// before the cut finds it.
func TestAuditCutOffWithoutCheckpoint(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, logA, _ := chainWorld(t, db)
		cut := func() {
			for _, q := range []string{`DELETE FROM audit WHERE chain = LOG AND chain_seq = (SELECT seq FROM audit_chains WHERE chain = LOG)`,
				`UPDATE audit_chains SET seq = seq - 1 WHERE chain = LOG`,
				`UPDATE audit_chains SET hash = (SELECT a.hash FROM audit a WHERE a.chain = LOG AND a.chain_seq = audit_chains.seq) WHERE chain = LOG`} {
				if err := db.ExecForTest(ctx, strings.ReplaceAll(q, "LOG", "'log:"+logA+"'")); err != nil {
					t.Fatal(err)
				}
			}
		}
		cut()
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatalf("a cut with no checkpoint after the record cut: %v (it cannot be seen)", err)
		}
		if _, err := db.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		cut()
		wantBroken(t, db, "records missing at its end")
	})
}

// TestCheckpointHoldsMovedHeads: a checkpoint holds the heads that moved since the
// one before, and none when nothing moved; the chain of checkpoints verifies.
func TestCheckpointHoldsMovedHeads(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, logA, logB := chainWorld(t, db)
		first, err := db.Checkpoint(ctx)
		if err != nil || first == nil {
			t.Fatalf("first: %v, %v", first, err)
		}
		if got := headOf(first, "log:"+logA); got != 4 {
			t.Errorf("first checkpoint holds log A at %d, want 4", got)
		}
		if none, err := db.Checkpoint(ctx); err != nil || none != nil {
			t.Errorf("nothing moved: %+v, %v", none, err)
		}
		if _, err := db.GetLog(ctx, w.leader, logB); err != nil {
			t.Fatal(err)
		}
		second, err := db.Checkpoint(ctx)
		if err != nil || second == nil {
			t.Fatalf("second: %v, %v", second, err)
		}
		if len(second.Heads) != 1 || headOf(second, "log:"+logB) != 5 || second.Seq != first.Seq+1 {
			t.Errorf("second checkpoint %+v: want only log B at 5", second.Heads)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("verify: %v", err)
		}
		latest, err := db.LatestCheckpoint(ctx)
		if err != nil || latest.Seq != second.Seq || latest.Hash != second.Hash {
			t.Errorf("latest %v, %v", latest, err)
		}
		if err := db.HasCheckpoint(ctx, store.Head{Seq: latest.Seq + 1, Hash: "x"}); err == nil || !strings.Contains(err.Error(), "stale") {
			t.Errorf("a later checkpoint than there is: %v", err)
		}
	})
}

func headOf(c *audit.Checkpoint, chain string) int64 {
	for _, h := range c.Heads {
		if h.Chain == chain {
			return h.Seq
		}
	}
	return -1
}

// TestLogsDoNotWaitOnEachOther: on PostgreSQL, while one transaction holds log A's
// audit head, an audited write and an audited read of log B go through. (SQLite has
// one writer; nothing runs beside anything there.)
func TestLogsDoNotWaitOnEachOther(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		if db.Dialect() != "postgres" {
			t.Skip("one writer on SQLite")
		}
		ctx := context.Background()
		w, logA, logB := chainWorld(t, db)
		locked, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			done <- db.UpdateForTest(ctx, func(exec func(string, ...any) error) error {
				if err := exec(`UPDATE audit_chains SET dirty = TRUE WHERE chain = ?`, "log:"+logA); err != nil {
					return err
				}
				close(locked)
				<-release
				return nil
			})
		}()
		<-locked
		bctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		_, err := db.AddEntry(bctx, w.holder, logB, logbook.NewEntry{Kind: logbook.KindNote, Text: "mens A er låst"})
		if err == nil {
			_, err = db.GetLog(bctx, w.leader, logB)
		}
		close(release)
		if err != nil {
			t.Errorf("log B while log A's head is held: %v", err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("verify: %v", err)
		}
	})
}
