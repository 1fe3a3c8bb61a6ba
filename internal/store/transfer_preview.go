package store

import (
	"context"
	"slices"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// TransferPreview is what the proposed new holder of a waiting transfer sees before
// answering it (issue 21 point 6): the log's level, its open measures, which
// services its consent covers and who takes part.
type TransferPreview struct {
	Transfer     logbook.Transfer
	Child        logbook.Child
	Level        logbook.Level
	FromName     string // the holder who proposed it
	UnitName     string // the unit holding the log now
	OpenMeasures []PreviewMeasure
	Covered      []string // the names of the units a valid consent covers, sorted
	Participants []ParticipantView
}

// PreviewMeasure is an open measure as the preview shows it.
type PreviewMeasure struct {
	Goal       string
	EvaluateBy logbook.Date
}

// GetTransferPreview returns the preview of waiting transfer tid for its proposed
// holder (access.ActionAnswerTransfer: anyone else who can read the log is
// forbidden, and the log is hidden from the rest). The read is audited as
// transfer.preview before it is given back. An answered transfer is a conflict.
func (db *DB) GetTransferPreview(ctx context.Context, a access.Actor, tid string) (*TransferPreview, error) {
	var t logbook.Transfer
	err := db.view(ctx, func(tx *tx) error {
		return notFound(scanTransfer(tx.queryRow(ctx, `SELECT `+transferCols+` FROM transfers WHERE id = ?`, tid), &t), "transfer")
	})
	if err != nil {
		return nil, err
	}
	var tp TransferPreview
	err = db.readLogAudited(ctx, a, t.LogID, access.ActionAnswerTransfer, audit.PreviewTransfer, false, func(tx *tx, lc *logCtx) (string, error) {
		if lc.pending == nil || lc.pending.ID != tid {
			return "", fault.New(fault.Conflict, "the transfer is already answered")
		}
		tp = TransferPreview{Transfer: *lc.pending, Child: lc.log.Child, Level: lc.log.Level, UnitName: lc.unitName}
		if err := tx.queryRow(ctx, `SELECT name FROM users WHERE id = ?`, lc.pending.FromUserID).Scan(&tp.FromName); err != nil {
			return "", err
		}
		var err error
		if tp.OpenMeasures, err = queryAll(ctx, tx, func(s scanner, m *PreviewMeasure) error {
			return s.Scan(&m.Goal, &m.EvaluateBy)
		}, `SELECT m.goal, m.evaluate_by FROM entries m WHERE m.log_id = ? AND `+openMeasure+` ORDER BY m.evaluate_by, m.id`, lc.log.ID); err != nil {
			return "", err
		}
		for uid := range lc.covered(tx) {
			var name string
			if err := tx.queryRow(ctx, `SELECT name FROM units WHERE id = ?`, uid).Scan(&name); err != nil {
				return "", err
			}
			tp.Covered = append(tp.Covered, name)
		}
		slices.Sort(tp.Covered)
		if tp.Participants, err = listParticipants(ctx, tx, lc); err != nil {
			return "", err
		}
		return "transfer " + tid, nil
	})
	if err != nil {
		return nil, err
	}
	return &tp, nil
}
