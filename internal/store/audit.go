package store

import (
	"context"
	"database/sql"
	"fmt"

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

// flushAudit writes the records appendAudit gathered in tx to the chain. Touching
// audit_head first takes its row lock: concurrent PostgreSQL transactions queue
// there and each reads the head the previous one committed, so the chain never
// forks.
func flushAudit(ctx context.Context, tx *tx) error {
	if len(tx.audits) == 0 {
		return nil
	}
	events := tx.audits
	tx.audits = nil
	if _, err := tx.exec(ctx, `UPDATE audit_head SET seq = seq WHERE id = 1`); err != nil {
		return fmt.Errorf("audit: lock head: %w", err)
	}
	var seq int64
	var hash string
	if err := tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		return fmt.Errorf("audit: read head: %w", err)
	}
	for _, e := range events {
		e.Seal(seq, hash)
		_, err := tx.exec(ctx, `INSERT INTO audit (`+auditCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.At, e.ActorID, e.Role, e.UnitID, e.MunicipalityID, e.LogID, e.Action, e.Detail, e.PrevHash, e.Hash,
			string(e.TargetType), e.TargetID)
		if err != nil {
			return fmt.Errorf("audit: insert: %w", err)
		}
		seq, hash = e.Seq, e.Hash
	}
	_, err := tx.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, seq, hash)
	return err
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

func scanAudit(s scanner, e *audit.Event) error {
	return s.Scan(&e.Seq, timeCol{&e.At}, &e.ActorID, &e.Role, &e.UnitID, &e.MunicipalityID, &e.LogID, &e.Action, &e.Detail,
		&e.PrevHash, &e.Hash, &e.TargetType, &e.TargetID)
}

// VerifyAudit walks the whole chain in one consistent snapshot and returns the
// number of records checked, or an *audit.Broken naming the first bad record.
func (db *DB) VerifyAudit(ctx context.Context) (int64, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect.name == "postgres" {
		opts.Isolation = sql.LevelRepeatableRead
	}
	sqlTx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return 0, err
	}
	defer sqlTx.Rollback()
	t := &tx{Tx: sqlTx, d: db.dialect}
	var headSeq int64
	var headHash string
	if err := t.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return 0, err
	}
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit ORDER BY seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var v audit.Verifier
	for rows.Next() {
		var e audit.Event
		if err := scanAudit(rows, &e); err != nil {
			return v.Count, err
		}
		if err := v.Next(&e); err != nil {
			return v.Count, err
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count, err
	}
	return v.Count, v.End(headSeq, headHash)
}
