package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"stafett/internal/audit"
)

// appendAudit adds e to the audit inside tx, so it commits or rolls back with the
// change it records. e.At is the transaction's time unless already set (an audited
// read is recorded with the time it read). The record is written when the
// transaction's work is done, just before it commits (flushAudit): the chain's head
// is the last lock a transaction takes (the lock order, doc.go), held only for the
// commit.
func appendAudit(ctx context.Context, tx *tx, e *audit.Event) error {
	if e.At.IsZero() {
		e.At = tx.now
	}
	tx.audits = append(tx.audits, e)
	return nil
}

// flushAudit writes the records appendAudit gathered in tx, each to its chain
// (audit.ChainOf), the chains in name order (the lock order, doc.go). Touching a
// chain's head first takes its row lock: concurrent PostgreSQL transactions on the
// same chain queue there and each reads the head the previous one committed, so a
// chain never forks; transactions on other chains do not wait.
func flushAudit(ctx context.Context, tx *tx) error {
	if len(tx.audits) == 0 {
		return nil
	}
	events := tx.audits
	tx.audits = nil
	for _, e := range events {
		e.Chain = audit.ChainOf(e)
	}
	slices.SortStableFunc(events, func(a, b *audit.Event) int { return strings.Compare(a.Chain, b.Chain) })
	for i := 0; i < len(events); {
		j := i + 1
		for j < len(events) && events[j].Chain == events[i].Chain {
			j++
		}
		if err := appendChain(ctx, tx, events[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// appendChain appends events, all of one chain, to it.
func appendChain(ctx context.Context, tx *tx, events []*audit.Event) error {
	chain := events[0].Chain
	// Creates the chain's head at its first record; otherwise takes its lock.
	var seq int64
	var hash string
	err := tx.queryRow(ctx, `INSERT INTO audit_chains (chain, seq, hash, dirty) VALUES (?, 0, '', ?)
		ON CONFLICT (chain) DO UPDATE SET dirty = excluded.dirty RETURNING seq, hash`, chain, true).Scan(&seq, &hash)
	if err != nil {
		return fmt.Errorf("audit: lock head of %s: %w", chain, err)
	}
	for _, e := range events {
		global, err := nextAuditSeq(ctx, tx)
		if err != nil {
			return err
		}
		e.SealIn(chain, global, seq, hash)
		_, err = tx.exec(ctx, `INSERT INTO audit (`+auditChainCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.At, e.ActorID, e.Role, e.UnitID, e.MunicipalityID, e.LogID, e.Action, e.Detail, e.PrevHash, e.Hash,
			string(e.TargetType), e.TargetID, e.Chain, e.ChainSeq)
		if err != nil {
			return fmt.Errorf("audit: insert: %w", err)
		}
		seq, hash = e.ChainSeq, e.Hash
	}
	_, err = tx.exec(ctx, `UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ?`, seq, hash, chain)
	return err
}

// nextAuditSeq returns the next number of all records: from a sequence on
// PostgreSQL, where concurrent transactions must not wait on each other for it, and
// after the highest on SQLite, whose one writer runs them one after the other.
func nextAuditSeq(ctx context.Context, tx *tx) (int64, error) {
	q := `SELECT COALESCE(MAX(seq), 0) + 1 FROM audit`
	if tx.d.name == "postgres" {
		q = `SELECT nextval('audit_seq')`
	}
	var n int64
	if err := tx.queryRow(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("audit: next seq: %w", err)
	}
	return n, nil
}

// finish ends f's work in tx: what it gathered for the audit is written.
func finish(ctx context.Context, tx *tx, err error) error {
	if err != nil {
		tx.audits = nil
		return err
	}
	return flushAudit(ctx, tx)
}

const auditCols = `seq, at, actor_id, role, unit_id, municipality_id, log_id, action, detail, prev_hash, hash, target_type, target_id`

// auditChainCols are auditCols with the record's chain and place in it.
const auditChainCols = auditCols + `, chain, chain_seq`

// scanAudit scans the auditChainCols of a record.
func scanAudit(s scanner, e *audit.Event) error {
	return s.Scan(&e.Seq, timeCol{&e.At}, &e.ActorID, &e.Role, &e.UnitID, &e.MunicipalityID, &e.LogID, &e.Action, &e.Detail,
		&e.PrevHash, &e.Hash, &e.TargetType, &e.TargetID, &e.Chain, &e.ChainSeq)
}
