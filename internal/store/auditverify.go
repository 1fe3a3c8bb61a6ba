package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"stafett/internal/audit"
)

// VerifyAudit walks every audit chain and the chain of checkpoints in one consistent
// snapshot and returns the number of records checked, or an *audit.Broken naming
// the first bad record (by its Seq). Within each chain it finds a changed record,
// one taken out or moved (the places and the links of the hashes), and records cut
// off its end, against the chain's head in audit_chains and against the latest
// checkpoint that names the chain: a head set back along with the records it cut
// off still leaves the checkpoint naming a record that is no longer there.
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
	heads, err := chainHeads(ctx, t)
	if err != nil {
		return 0, err
	}
	claims, err := verifyCheckpoints(ctx, t)
	if err != nil {
		return 0, err
	}
	rows, err := t.query(ctx, `SELECT `+auditChainCols+` FROM audit ORDER BY chain, chain_seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var total int64
	var v audit.Verifier
	chain, started := "", false
	var last audit.Event // the last record of the chain walked
	end := func() error {
		if !started {
			return nil
		}
		total += v.Count
		h, ok := heads[chain]
		if !ok {
			return &audit.Broken{Seq: last.Seq, Reason: "chain " + chainName(chain) + " has no head"}
		}
		delete(heads, chain)
		if err := v.End(h.Seq, h.Hash); err != nil {
			return &audit.Broken{Seq: last.Seq, Reason: "chain " + chainName(chain) + ": " + err.(*audit.Broken).Reason}
		}
		if c, ok := claims[chain]; ok && c.Seq > last.ChainSeq {
			return &audit.Broken{Seq: last.Seq, Reason: fmt.Sprintf("chain %s: records missing at its end: checkpoint %d holds its record %d, the chain ends at %d",
				chainName(chain), c.checkpoint, c.Seq, last.ChainSeq)}
		}
		return nil
	}
	for rows.Next() {
		var e audit.Event
		if err := scanAudit(rows, &e); err != nil {
			return total, err
		}
		if !started || e.Chain != chain {
			if err := end(); err != nil {
				return total, err
			}
			chain, started, v = e.Chain, true, audit.Verifier{}
		}
		if err := v.Next(&e); err != nil {
			b := err.(*audit.Broken)
			return total + v.Count, &audit.Broken{Seq: e.Seq, Reason: "chain " + chainName(chain) + ": " + b.Reason}
		}
		if c, ok := claims[chain]; ok && c.Seq == e.ChainSeq && c.Hash != e.Hash {
			return total + v.Count, &audit.Broken{Seq: e.Seq, Reason: fmt.Sprintf("chain %s: record %d is not the one checkpoint %d holds",
				chainName(chain), e.ChainSeq, c.checkpoint)}
		}
		last = e
	}
	if err := rows.Err(); err != nil {
		return total, err
	}
	if err := end(); err != nil {
		return total, err
	}
	// Heads of chains with no record left: all of it was taken away.
	for c, h := range heads {
		if h.Seq > 0 {
			return total, &audit.Broken{Seq: 0, Reason: "chain " + chainName(c) + ": all " + strconv.FormatInt(h.Seq, 10) + " records missing"}
		}
	}
	return total, nil
}

// chainName is how a chain is named in a message.
func chainName(c string) string {
	if c == "" {
		return `""`
	}
	return c
}

func chainHeads(ctx context.Context, t *tx) (map[string]audit.Head, error) {
	out := map[string]audit.Head{}
	rows, err := t.query(ctx, `SELECT chain, seq, hash FROM audit_chains`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var h audit.Head
		if err := rows.Scan(&h.Chain, &h.Seq, &h.Hash); err != nil {
			return nil, err
		}
		out[h.Chain] = h
	}
	return out, rows.Err()
}

// claim is the latest head a checkpoint recorded for a chain.
type claim struct {
	audit.Head
	checkpoint int64
}

// verifyCheckpoints walks the chain of checkpoints and returns, for each chain, the
// latest head one of them recorded. A chain's recorded heads never go back.
func verifyCheckpoints(ctx context.Context, t *tx) (map[string]claim, error) {
	rows, err := t.query(ctx, `SELECT seq, at, heads, prev_hash, hash FROM audit_checkpoints ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	claims := map[string]claim{}
	var prevSeq int64
	var prevHash string
	for rows.Next() {
		var c audit.Checkpoint
		var heads string
		if err := rows.Scan(&c.Seq, timeCol{&c.At}, &heads, &c.PrevHash, &c.Hash); err != nil {
			return nil, err
		}
		bad := func(reason string) error {
			return &audit.Broken{Seq: c.Seq, Reason: "checkpoint " + strconv.FormatInt(c.Seq, 10) + ": " + reason}
		}
		var ok bool
		if c.Heads, ok = audit.DecodeHeads(heads); !ok {
			return nil, bad("its heads cannot be read")
		}
		switch {
		case c.Seq != prevSeq+1:
			return nil, bad("sequence gap after checkpoint " + strconv.FormatInt(prevSeq, 10))
		case c.PrevHash != prevHash:
			return nil, bad("previous hash does not match")
		case c.ComputeHash(c.PrevHash) != c.Hash:
			return nil, bad("content does not match its hash")
		}
		for _, h := range c.Heads {
			if old, ok := claims[h.Chain]; ok && old.Seq > h.Seq {
				return nil, bad("the head of chain " + chainName(h.Chain) + " goes back")
			}
			claims[h.Chain] = claim{Head: h, checkpoint: c.Seq}
		}
		prevSeq, prevHash = c.Seq, c.Hash
	}
	return claims, rows.Err()
}
