package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"stafett/internal/audit"
)

// CheckpointEvery is how often the elected server writes an audit checkpoint.
const CheckpointEvery = 5 * time.Second

// Checkpoint records, as the next record of the chain of checkpoints, the head of
// every audit chain that moved since the checkpoint before, and returns it; nil when
// no head moved. It takes the moved heads' locks for as long as its own commit
// takes, in chain order (doc.go), so an append still in flight is either in this
// checkpoint or marks its head as moved again for the next. One server at a time
// writes checkpoints (TryLead(LeadCheckpoint)); two at once would fail on the
// checkpoint's number, never fork the chain.
func (db *DB) Checkpoint(ctx context.Context) (*audit.Checkpoint, error) {
	var out *audit.Checkpoint
	err := db.update(ctx, func(tx *tx) error {
		out = nil
		q := `UPDATE audit_chains SET dirty = ? WHERE dirty RETURNING chain, seq, hash`
		if tx.d.name == "postgres" {
			q = `UPDATE audit_chains SET dirty = ? WHERE chain IN
				(SELECT chain FROM audit_chains WHERE dirty ORDER BY chain FOR UPDATE) RETURNING chain, seq, hash`
		}
		heads, err := queryAll(ctx, tx, func(s scanner, h *audit.Head) error { return s.Scan(&h.Chain, &h.Seq, &h.Hash) }, q, false)
		if err != nil {
			return fmt.Errorf("audit checkpoint: heads: %w", err)
		}
		// A chain with no record yet (the chain "" of a new database) has
		// nothing to hold.
		heads = slices.DeleteFunc(heads, func(h audit.Head) bool { return h.Seq == 0 })
		if len(heads) == 0 {
			return nil
		}
		sortHeads(heads)
		c := &audit.Checkpoint{At: tx.now, Heads: heads}
		var prevSeq int64
		var prevHash string
		err = tx.queryRow(ctx, `SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`).Scan(&prevSeq, &prevHash)
		if err := ignoreNoRows(err); err != nil {
			return fmt.Errorf("audit checkpoint: last: %w", err)
		}
		c.Seal(prevSeq, prevHash)
		if _, err := tx.exec(ctx, `INSERT INTO audit_checkpoints (seq, at, heads, prev_hash, hash) VALUES (?, ?, ?, ?, ?)`,
			c.Seq, c.At, audit.EncodeHeads(c.Heads), c.PrevHash, c.Hash); err != nil {
			return fmt.Errorf("audit checkpoint: %w", err)
		}
		out = c
		return nil
	})
	return out, err
}

func sortHeads(hs []audit.Head) {
	slices.SortFunc(hs, func(a, b audit.Head) int { return strings.Compare(a.Chain, b.Chain) })
}

// LatestCheckpoint returns the last checkpoint's number and hash; zero when there
// is none.
func (db *DB) LatestCheckpoint(ctx context.Context) (Head, error) {
	var h Head
	err := db.read.QueryRowContext(ctx, `SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`).Scan(&h.Seq, &h.Hash)
	if err := ignoreNoRows(err); err != nil {
		return Head{}, fmt.Errorf("audit checkpoint: %w", err)
	}
	return h, nil
}

// HasCheckpoint checks that the chain of checkpoints reaches c and holds it: a
// database whose checkpoints end before c is stale, or has had its last
// checkpoints taken away with the records they named.
func (db *DB) HasCheckpoint(ctx context.Context, c Head) error {
	if c.Seq == 0 {
		return nil
	}
	cur, err := db.LatestCheckpoint(ctx)
	if err != nil {
		return err
	}
	if cur.Seq < c.Seq {
		return fmt.Errorf("stale: the audit checkpoints end at %d, before the expected checkpoint %s", cur.Seq, c)
	}
	var hash string
	err = db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT hash FROM audit_checkpoints WHERE seq = ?`), c.Seq).Scan(&hash)
	if err != nil {
		return fmt.Errorf("audit checkpoint %d: %w", c.Seq, notFound(err, "checkpoint"))
	}
	if hash != c.Hash {
		return fmt.Errorf("checkpoint %d has hash %s, not the expected %s: another history", c.Seq, hash, c.Hash)
	}
	return nil
}

// RunCheckpoints writes a checkpoint every interval while this server leads the
// work (TryLead), until ctx ends; a server that does not lead tries again each
// interval, so another takes over within one when the leader stops. Failures go to
// report and are tried again.
func (db *DB) RunCheckpoints(ctx context.Context, every time.Duration, report func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	var lead *Leader
	defer func() {
		if lead != nil {
			lead.Release()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if lead != nil && !lead.Held(ctx) {
			lead.Release()
			lead = nil
		}
		if lead == nil {
			l, err := db.TryLead(ctx, LeadCheckpoint)
			if err != nil {
				report(err)
				continue
			}
			if lead = l; lead == nil {
				continue
			}
		}
		if _, err := db.Checkpoint(ctx); err != nil && ctx.Err() == nil {
			report(err)
		}
	}
}
