package store

import (
	"context"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/notify"
)

// addNotice records notice n in tx, the event's own transaction, and queues its mail
// when the person wants e-mail: both or neither are written. A notice whose key
// (kind, object, due, user) exists already is not made again, so a reminder found by
// a second scan, or by another server, is the one already made.
func addNotice(ctx context.Context, tx *tx, n notify.Notice) error {
	if n.UserID == "" {
		return nil
	}
	id := newID()
	res, err := tx.exec(ctx, `INSERT INTO notifications (id, user_id, kind, object_id, due, log_id, unit_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, object_id, due, user_id) DO NOTHING`,
		id, n.UserID, string(n.Kind), n.ObjectID, string(n.Due), n.LogID, n.UnitID, tx.now)
	if err != nil {
		return err
	}
	if made, err := res.RowsAffected(); err != nil || made == 0 {
		return err
	}
	var email bool
	var digest string
	if err := tx.queryRow(ctx, `SELECT notify_email AND active, notify_digest FROM users WHERE id = ?`, n.UserID).Scan(&email, &digest); err != nil {
		return err
	}
	if !email {
		return nil
	}
	_, err = tx.exec(ctx, `INSERT INTO mail_outbox (id, notification_id, user_id, state, next_at, created_at)
		VALUES (?, ?, ?, 'pending', ?, ?)`, newID(), id, n.UserID, notify.SendAt(notify.Digest(digest), tx.now), tx.now)
	return err
}

// ScanReminders makes the reminders that are due now (API.md, Notifications): an
// evaluation due within 7 days or overdue, an undring deadline within 3 days or
// passed, a consent lapsing within 30 days, a transfer unanswered for 7 days. It
// runs in one write transaction; a reminder made before is not made again. It
// returns how many notices it considered.
func (db *DB) ScanReminders(ctx context.Context) (int, error) {
	var n int
	err := db.update(ctx, func(t *tx) error {
		tx := t
		var notices []notify.Notice
		leaders := leaderCache{tx: tx, ctx: ctx, m: map[string][]string{}}
		today := logbook.DateOf(tx.now)
		for _, f := range reminderScans {
			ns, err := f(ctx, tx, today, &leaders)
			if err != nil {
				return err
			}
			notices = append(notices, ns...)
		}
		for _, nt := range notices {
			if err := addNotice(ctx, tx, nt); err != nil {
				return err
			}
		}
		n = len(notices)
		return nil
	})
	return n, err
}

// reminderScans find the reminders of each kind that are due.
var reminderScans = []func(context.Context, *tx, logbook.Date, *leaderCache) ([]notify.Notice, error){
	evaluationReminders, undringReminders, consentReminders, transferReminders,
}

// leaderCache finds the leaders of a unit once per scan.
type leaderCache struct {
	tx  *tx
	ctx context.Context
	m   map[string][]string
}

func (c *leaderCache) of(unit string) ([]string, error) {
	if ls, ok := c.m[unit]; ok {
		return ls, nil
	}
	ls, err := queryAll(c.ctx, c.tx, func(s scanner, uid *string) error { return s.Scan(uid) },
		`SELECT r.user_id FROM roles r JOIN users u ON u.id = r.user_id
		WHERE r.unit_id = ? AND r.role = 'unit_leader' AND u.active ORDER BY r.user_id`, unit)
	c.m[unit] = ls
	return ls, err
}

// toLeaders adds a notice like n for every leader of unit.
func toLeaders(out []notify.Notice, c *leaderCache, unit string, n notify.Notice) ([]notify.Notice, error) {
	ls, err := c.of(unit)
	for _, uid := range ls {
		n.UserID = uid
		out = append(out, n)
	}
	return out, err
}

func evaluationReminders(ctx context.Context, tx *tx, today logbook.Date, c *leaderCache) ([]notify.Notice, error) {
	type row struct {
		id, logID, unit, holder, responsible string
		by                                   logbook.Date
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
		return s.Scan(&r.id, &r.by, &r.logID, &r.unit, &r.holder, &r.responsible)
	}, `SELECT m.id, m.evaluate_by, l.id, l.holder_unit_id, l.holder_id, COALESCE(m.responsible_user_id, l.holder_id)
		FROM entries m JOIN logs l ON l.id = m.log_id
		WHERE l.status = 'active' AND m.evaluate_by <> '' AND m.evaluate_by <= ? AND `+openMeasure,
		string(notify.AddDays(today, notify.EvaluationLeadDays)))
	var out []notify.Notice
	for _, r := range rows {
		n := notify.Notice{ObjectID: r.id, Due: r.by, LogID: r.logID, UnitID: r.unit}
		if r.by >= today {
			n.Kind, n.UserID = notify.EvaluationDue, r.responsible
			out = append(out, n)
			continue
		}
		n.Kind, n.UserID = notify.EvaluationOverdue, r.holder
		out = append(out, n)
		if out, err = toLeaders(out, c, r.unit, n); err != nil {
			return nil, err
		}
	}
	return out, err
}

func undringReminders(ctx context.Context, tx *tx, today logbook.Date, c *leaderCache) ([]notify.Notice, error) {
	type row struct {
		id, author, unit string
		deadline         time.Time
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
		return s.Scan(&r.id, &r.author, &r.unit, timeCol{&r.deadline})
	}, `SELECT id, created_by, created_unit_id, undring_deadline FROM logs
		WHERE status = 'undring' AND undring_outcome = '' AND undring_deadline <= ?`,
		tx.now.AddDate(0, 0, notify.UndringLeadDays+1))
	var out []notify.Notice
	for _, r := range rows {
		due := logbook.DateOf(r.deadline)
		n := notify.Notice{Kind: notify.UndringDeadline, ObjectID: r.id, Due: due, LogID: r.id, UnitID: r.unit}
		switch {
		case !tx.now.Before(r.deadline):
			if out, err = toLeaders(out, c, r.unit, n); err != nil {
				return nil, err
			}
		case today >= notify.AddDays(due, -notify.UndringLeadDays):
			n.UserID = r.author
			out = append(out, n)
		}
	}
	return out, err
}

func consentReminders(ctx context.Context, tx *tx, today logbook.Date, _ *leaderCache) ([]notify.Notice, error) {
	type row struct {
		id, logID, unit, holder string
		expires                 time.Time
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
		return s.Scan(&r.id, &r.logID, &r.unit, &r.holder, timeCol{&r.expires})
	}, `SELECT c.id, l.id, l.holder_unit_id, l.holder_id, c.expires_at FROM consents c JOIN logs l ON l.id = c.log_id
		WHERE l.status = 'active' AND c.withdrawn_at IS NULL AND c.expires_at IS NOT NULL
		AND c.expires_at > ? AND c.expires_at <= ?`, tx.now, tx.now.AddDate(0, 0, notify.ConsentLeadDays+1))
	var out []notify.Notice
	for _, r := range rows {
		due := logbook.DateOf(r.expires)
		if today >= notify.AddDays(due, -notify.ConsentLeadDays) {
			out = append(out, notify.Notice{Kind: notify.ConsentExpiring, UserID: r.holder, ObjectID: r.id, Due: due, LogID: r.logID, UnitID: r.unit})
		}
	}
	return out, err
}

func transferReminders(ctx context.Context, tx *tx, _ logbook.Date, c *leaderCache) ([]notify.Notice, error) {
	type row struct {
		id, logID, from, toUnit string
		proposed                time.Time
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
		return s.Scan(&r.id, &r.logID, &r.from, &r.toUnit, timeCol{&r.proposed})
	}, `SELECT id, log_id, from_user_id, to_unit_id, proposed_at FROM transfers WHERE status = 'pending' AND proposed_at <= ?`,
		tx.now.AddDate(0, 0, -notify.TransferWaitDays))
	var out []notify.Notice
	for _, r := range rows {
		n := notify.Notice{Kind: notify.TransferPending, UserID: r.from, ObjectID: r.id, Due: logbook.DateOf(r.proposed), LogID: r.logID, UnitID: r.toUnit}
		out = append(out, n)
		if out, err = toLeaders(out, c, r.toUnit, n); err != nil {
			return nil, err
		}
	}
	return out, err
}
