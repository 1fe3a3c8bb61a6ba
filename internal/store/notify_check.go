package store

import (
	"context"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/notify"
)

// noticeRow is a stored notification with what checking and showing it needs.
type noticeRow struct {
	notify.Item
	UserID, ObjectID, UnitID string
}

// reachable reports whether n's person may still be told about it: they can read
// its log now (the read policy, visibleLogs), or for a transfer, it still waits and
// they are its proposed holder, its proposer or a leader of the receiving unit. A
// person whose access ended (consent withdrawn, removed, unlinked) is told nothing
// more about the log.
func reachable(ctx context.Context, tx *tx, n *noticeRow) (bool, error) {
	switch n.Kind {
	case notify.TransferProposed, notify.TransferPending:
		return exists(ctx, tx, `SELECT 1 FROM transfers t WHERE t.id = ? AND t.status = 'pending' AND (t.to_user_id = ?
			OR t.from_user_id = ? OR t.to_unit_id IN (SELECT unit_id FROM roles WHERE user_id = ? AND role = 'unit_leader'))`,
			n.ObjectID, n.UserID, n.UserID, n.UserID)
	}
	if n.LogID == "" {
		return false, nil
	}
	return exists(ctx, tx, `SELECT 1 FROM logs l WHERE l.id = ? AND `+visibleLogs,
		append([]any{n.LogID}, visibleArgs(n.UserID, tx)...)...)
}

// current reports whether the deadline or event n is about is still as it was: the
// measure still open with the same evaluation date, the undring still undecided with
// the same deadline, the consent still with the same expiry, the transfer still
// waiting. A reminder whose deadline moved or was met is dropped, not sent.
func current(ctx context.Context, tx *tx, n *noticeRow) (bool, error) {
	switch n.Kind {
	case notify.EvaluationDue, notify.EvaluationOverdue:
		return exists(ctx, tx, `SELECT 1 FROM entries m JOIN logs l ON l.id = m.log_id
			WHERE m.id = ? AND m.evaluate_by = ? AND l.status = 'active' AND `+openMeasure, n.ObjectID, string(n.Due))
	case notify.UndringDeadline:
		var deadline time.Time
		err := tx.queryRow(ctx, `SELECT undring_deadline FROM logs WHERE id = ? AND status = 'undring' AND undring_outcome = ''`,
			n.ObjectID).Scan(timeCol{&deadline})
		if isNoRows(err) {
			return false, nil
		}
		return err == nil && logbook.DateOf(deadline) == n.Due, err
	case notify.ConsentExpiring:
		var expires time.Time
		err := tx.queryRow(ctx, `SELECT c.expires_at FROM consents c JOIN logs l ON l.id = c.log_id
			WHERE c.id = ? AND c.withdrawn_at IS NULL AND c.expires_at IS NOT NULL AND l.status = 'active'`,
			n.ObjectID).Scan(timeCol{&expires})
		if isNoRows(err) {
			return false, nil
		}
		return err == nil && logbook.DateOf(expires) == n.Due, err
	case notify.TransferProposed, notify.TransferPending:
		return exists(ctx, tx, `SELECT 1 FROM transfers WHERE id = ? AND status = 'pending'`, n.ObjectID)
	}
	return true, nil
}

// exists reports whether q finds a row.
func exists(ctx context.Context, tx *tx, q string, args ...any) (bool, error) {
	var one int
	err := tx.queryRow(ctx, q, args...).Scan(&one)
	if isNoRows(err) {
		return false, nil
	}
	return err == nil, err
}
