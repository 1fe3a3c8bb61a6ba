package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/notify"
)

const transferCols = `id, log_id, from_user_id, to_user_id, to_unit_id, note, status, old_holder_leaves, proposed_at, answered_at`

func scanTransfer(s scanner, t *logbook.Transfer) error {
	return s.Scan(&t.ID, &t.LogID, &t.FromUserID, &t.ToUserID, &t.ToUnitID, &t.Note, &t.Status, &t.OldHolderLeaves,
		timeCol{&t.ProposedAt}, nullTimeCol{&t.AnsweredAt})
}

func pendingTransfer(ctx context.Context, tx *tx, logID string) (*logbook.Transfer, error) {
	var t logbook.Transfer
	err := scanTransfer(tx.queryRow(ctx, `SELECT `+transferCols+` FROM transfers WHERE log_id = ? AND status = ?`, logID, logbook.TransferPending), &t)
	if isNoRows(err) {
		return nil, nil
	}
	return &t, err
}

func updateTransfer(ctx context.Context, tx *tx, t *logbook.Transfer) error {
	_, err := tx.exec(ctx, `UPDATE transfers SET status = ?, answered_at = ? WHERE id = ?`, t.Status, t.AnsweredAt, t.ID)
	return err
}

// ProposeTransfer proposes to hand log id to another employee, whose unit must be
// covered by valid consent. At most one transfer is pending per log.
func (db *DB) ProposeTransfer(ctx context.Context, a access.Actor, id string, in logbook.NewTransfer) (*logbook.Transfer, error) {
	var t logbook.Transfer
	err := db.forLog(ctx, a, id, access.ActionProposeTransfer, audit.ProposeTransfer, func(tx *tx, lc *logCtx) (string, error) {
		if lc.pending != nil {
			return "", fault.New(fault.Conflict, "a transfer of this log is already waiting for an answer")
		}
		if err := in.Validate(lc.log.HolderID); err != nil {
			return "", err
		}
		// The new holder may work in another municipality or in a county (API.md,
		// Counties and moves); the consent must cover that unit all the same.
		unit, err := unitOf(ctx, tx, lc, in.ToUserID, true)
		if err != nil {
			return "", err
		}
		if unit == "" {
			return "", fault.Validation("to_user_id", fault.FieldNotAllow)
		}
		if t, err = in.Propose(&lc.log, unit, lc.covered(tx), tx.now); err != nil {
			return "", err
		}
		t.ID = newID()
		_, err = tx.exec(ctx, `INSERT INTO transfers (`+transferCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.LogID, t.FromUserID, t.ToUserID, t.ToUnitID, t.Note, t.Status, t.OldHolderLeaves, t.ProposedAt, t.AnsweredAt)
		if isUnique(err) {
			return "", fault.New(fault.Conflict, "a transfer of this log is already waiting for an answer")
		}
		if err != nil {
			return "", err
		}
		ev := logbook.Event{Kind: logbook.EventTransferProposed, TransferID: t.ID, UserID: t.ToUserID, UnitID: t.ToUnitID}
		if _, err = addSystemEntry(ctx, tx, lc, ev, ""); err != nil {
			return "", err
		}
		err = addNotice(ctx, tx, notify.Notice{Kind: notify.TransferProposed, UserID: t.ToUserID, ObjectID: t.ID,
			Due: logbook.DateOf(tx.now), LogID: t.LogID, UnitID: lc.log.HolderUnitID})
		return "transfer " + t.ID + " to " + t.ToUserID, err
	})
	return &t, err
}

// AnswerTransfer accepts or declines transfer tid; only the proposed holder may. On
// accept the log changes holder, and the old holder stays as a write participant
// unless they chose to leave. A second answer is a conflict.
func (db *DB) AnswerTransfer(ctx context.Context, a access.Actor, tid string, accept bool) (*logbook.Transfer, error) {
	return db.answerTransfer(ctx, a, tid, accept, "")
}

// DeclineTransfer declines transfer tid, as AnswerTransfer, with the reason (which
// may be empty) kept as the text of the log's entry about it.
func (db *DB) DeclineTransfer(ctx context.Context, a access.Actor, tid, reason string) (*logbook.Transfer, error) {
	if err := logbook.ValidateDeclineReason(&reason); err != nil {
		return nil, err
	}
	return db.answerTransfer(ctx, a, tid, false, reason)
}

func (db *DB) answerTransfer(ctx context.Context, a access.Actor, tid string, accept bool, reason string) (*logbook.Transfer, error) {
	var t logbook.Transfer
	err := db.update(ctx, func(tx *tx) error {
		if err := scanTransfer(tx.queryRow(ctx, `SELECT `+transferCols+` FROM transfers WHERE id = ?`, tid), &t); err != nil {
			return notFound(err, "transfer")
		}
		lc, err := loadLog(ctx, tx, t.LogID, a)
		if err != nil {
			return err
		}
		from := lc.log.MunicipalityID
		if t.ToUserID != a.UserID {
			if lc.authorize(access.ActionRead) != nil {
				return fault.New(fault.NotFound, "transfer not found")
			}
			return fault.New(fault.Forbidden, "only the proposed holder answers a transfer")
		}
		if err := t.Answer(accept, tx.now); err != nil {
			return err
		}
		lc.rel.ProposedHolder = true
		if err := lc.authorize(access.ActionAnswerTransfer); err != nil {
			return err
		}
		if err := updateTransfer(ctx, tx, &t); err != nil {
			return err
		}
		action, ev := audit.DeclineTransfer, logbook.Event{Kind: logbook.EventTransferDeclined, TransferID: t.ID, UserID: t.ToUserID}
		if accept {
			action = audit.AcceptTransfer
			ev = logbook.Event{Kind: logbook.EventTransferAccepted, TransferID: t.ID, UserID: t.ToUserID, UnitID: t.ToUnitID}
			if from, err = applyTransfer(ctx, tx, lc, &t); err != nil {
				return err
			}
		}
		if _, err := addSystemEntry(ctx, tx, lc, ev, reason); err != nil {
			return err
		}
		if from != lc.log.MunicipalityID {
			// The move is in both organisations' administrative audits, and once in the
			// log's access log: the receiving side's record is on the log's chain, the
			// old side's on its administrative chain (no log ID), both naming the log.
			detail := "transfer " + t.ID + " from " + from + " to " + lc.log.MunicipalityID
			e := lc.event(audit.MoveLog, detail)
			e.TargetType, e.TargetID = audit.TargetLog, lc.log.ID
			if err := appendAudit(ctx, tx, e); err != nil {
				return err
			}
			old := lc.event(audit.MoveLog, detail)
			old.LogID, old.MunicipalityID, old.TargetType, old.TargetID = "", from, audit.TargetLog, lc.log.ID
			if err := appendAudit(ctx, tx, old); err != nil {
				return err
			}
		}
		return lc.record(ctx, tx, action, "transfer "+t.ID)
	})
	return &t, err
}

// CancelTransfer withdraws transfer tid while it waits for an answer; only the one
// who proposed it may. Whoever may not read the log gets not found; a transfer
// already answered or cancelled is a conflict.
func (db *DB) CancelTransfer(ctx context.Context, a access.Actor, tid string) (*logbook.Transfer, error) {
	var t logbook.Transfer
	err := db.update(ctx, func(tx *tx) error {
		if err := scanTransfer(tx.queryRow(ctx, `SELECT `+transferCols+` FROM transfers WHERE id = ?`, tid), &t); err != nil {
			return notFound(err, "transfer")
		}
		lc, err := loadLog(ctx, tx, t.LogID, a)
		if err != nil {
			return err
		}
		if err := lc.authorize(access.ActionRead); err != nil {
			return fault.New(fault.NotFound, "transfer not found")
		}
		if t.FromUserID != a.UserID {
			return fault.New(fault.Forbidden, "only the one who proposed a transfer cancels it")
		}
		if err := t.Cancel(tx.now); err != nil {
			return err
		}
		if err := updateTransfer(ctx, tx, &t); err != nil {
			return err
		}
		ev := logbook.Event{Kind: logbook.EventTransferCancelled, TransferID: t.ID, UserID: t.ToUserID}
		if _, err := addSystemEntry(ctx, tx, lc, ev, ""); err != nil {
			return err
		}
		return lc.record(ctx, tx, audit.CancelTransfer, "transfer "+t.ID)
	})
	return &t, err
}

// OldHolderReadDays is how long the old holder keeps read access to a log moved to
// another organisation (API.md, Counties and moves).
const OldHolderReadDays = 30

// applyTransfer hands lc's log to t's new holder and returns the organisation the
// log belonged to before. Within a municipality the old holder stays as a write
// participant unless they chose to leave. To another municipality or a county the
// log moves with its new holder's unit: the old organisation's participants go
// (nothing else crosses), and the old holder keeps read access for
// OldHolderReadDays unless they chose to leave.
func applyTransfer(ctx context.Context, tx *tx, lc *logCtx, t *logbook.Transfer) (string, error) {
	old := lc.log.HolderID
	oldUnit := lc.log.HolderUnitID
	from := lc.log.MunicipalityID
	if err := t.Apply(&lc.log, lc.covered(tx)); err != nil {
		return from, err
	}
	if err := updateLog(ctx, tx, &lc.log); err != nil {
		return from, err
	}
	// The new holder needs no participation of their own.
	if _, err := tx.exec(ctx, `DELETE FROM log_participants WHERE log_id = ? AND user_id = ?`, lc.log.ID, t.ToUserID); err != nil {
		return from, err
	}
	var to string
	if err := tx.queryRow(ctx, `SELECT municipality_id FROM units WHERE id = ?`, t.ToUnitID).Scan(&to); err != nil {
		return from, err
	}
	access, until := logbook.ParticipantWrite, (*time.Time)(nil)
	if to != from {
		if _, err := tx.exec(ctx, `UPDATE logs SET municipality_id = ? WHERE id = ?`, to, lc.log.ID); err != nil {
			return from, err
		}
		lc.log.MunicipalityID = to
		if _, err := tx.exec(ctx, `DELETE FROM log_participants WHERE log_id = ? AND unit_id IN (SELECT id FROM units WHERE municipality_id = ?)`,
			lc.log.ID, from); err != nil {
			return from, err
		}
		end := tx.now.AddDate(0, 0, OldHolderReadDays)
		access, until = logbook.ParticipantRead, &end
	}
	if t.OldHolderLeaves {
		return from, nil
	}
	_, err := tx.exec(ctx, `INSERT INTO log_participants (log_id, user_id, unit_id, access, added_at, added_by, read_until) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		lc.log.ID, old, oldUnit, access, tx.now, t.ToUserID, until)
	return from, err
}

// ListTransfersTo returns the transfers waiting for user uid's answer. A transfer
// whose new unit is no longer covered by valid consent is not among them: it cannot be
// accepted, and the proposed holder has no business seeing whose log it is.
func (db *DB) ListTransfersTo(ctx context.Context, uid string) ([]logbook.Transfer, error) {
	var out []logbook.Transfer
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, scanTransfer, `SELECT `+prefixed("t.", transferCols)+` FROM transfers t JOIN logs l ON l.id = t.log_id
			WHERE t.to_user_id = ? AND t.status = ? AND `+consentCovers+`t.to_unit_id) ORDER BY t.proposed_at`,
			uid, logbook.TransferPending, tx.now, tx.now)
		return err
	})
	return out, err
}
