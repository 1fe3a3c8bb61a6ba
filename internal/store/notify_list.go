package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/notify"
)

// MaxNotifications is how many of the newest notifications a list shows.
const MaxNotifications = 200

// ListNotifications returns actor a's notifications, newest first, with the unit each
// names: only those about logs a may read now (reachable), so access that ended takes
// the notifications about that log with it, and only reminders whose deadline still
// stands (current): a moved or met deadline takes its reminder away. They hold no
// log content.
func (db *DB) ListNotifications(ctx context.Context, a access.Actor) ([]notify.Item, error) {
	var out []notify.Item
	err := db.view(ctx, func(tx *tx) error {
		var err error
		out, err = listNotices(ctx, tx, a.UserID, false)
		return err
	})
	return out, err
}

// UnreadNotifications counts actor a's unread notifications, as ListNotifications
// would show them.
func (db *DB) UnreadNotifications(ctx context.Context, a access.Actor) (int, error) {
	var n int
	err := db.view(ctx, func(tx *tx) error {
		items, err := listNotices(ctx, tx, a.UserID, true)
		n = len(items)
		return err
	})
	return n, err
}

func listNotices(ctx context.Context, tx *tx, uid string, unread bool) ([]notify.Item, error) {
	q := `SELECT n.id, n.kind, n.object_id, n.due, n.log_id, n.unit_id, COALESCE(un.name, ''), n.created_at, n.read_at
		FROM notifications n LEFT JOIN units un ON un.id = n.unit_id WHERE n.user_id = ?`
	if unread {
		q += ` AND n.read_at IS NULL`
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *noticeRow) error {
		r.UserID = uid
		return s.Scan(&r.ID, &r.Kind, &r.ObjectID, &r.Due, &r.LogID, &r.UnitID, &r.UnitName,
			timeCol{&r.CreatedAt}, nullTimeCol{&r.ReadAt})
	}, q+` ORDER BY n.created_at DESC, n.id LIMIT ?`, uid, MaxNotifications)
	if err != nil {
		return nil, err
	}
	out := make([]notify.Item, 0, len(rows))
	for i := range rows {
		ok, err := reachable(ctx, tx, &rows[i])
		if err == nil && ok {
			ok, err = current(ctx, tx, &rows[i])
		}
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, rows[i].Item)
		}
	}
	return out, nil
}

// MarkNotificationRead marks actor a's notification id read (again: no change). One
// that is not a's is not found.
func (db *DB) MarkNotificationRead(ctx context.Context, a access.Actor, id string) error {
	return db.update(ctx, func(tx *tx) error {
		res, err := tx.exec(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?`, tx.now, id, a.UserID)
		return mustAffect(res, err)("notification")
	})
}

// NotifyPrefs are a person's choices for e-mail.
type NotifyPrefs struct {
	Email  bool
	Digest notify.Digest
}

// GetNotifyPrefs returns user uid's choices.
func (db *DB) GetNotifyPrefs(ctx context.Context, uid string) (NotifyPrefs, error) {
	var p NotifyPrefs
	err := db.view(ctx, func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT notify_email, notify_digest FROM users WHERE id = ?`, uid).Scan(&p.Email, &p.Digest)
		return notFound(err, "user")
	})
	return p, err
}

// SetNotifyPrefs changes user uid's choices: e-mail on or off (email nil: as it
// was), at once or daily (digest "" : as it was). An unknown digest is a field error.
func (db *DB) SetNotifyPrefs(ctx context.Context, uid string, email *bool, digest notify.Digest) error {
	if digest != "" && !digest.Valid() {
		return fault.Validation("notify_digest", fault.FieldInvalid)
	}
	return db.update(ctx, func(tx *tx) error {
		if email != nil {
			res, err := tx.exec(ctx, `UPDATE users SET notify_email = ? WHERE id = ?`, *email, uid)
			if err := mustAffect(res, err)("user"); err != nil {
				return err
			}
		}
		if digest != "" {
			res, err := tx.exec(ctx, `UPDATE users SET notify_digest = ? WHERE id = ?`, string(digest), uid)
			if err := mustAffect(res, err)("user"); err != nil {
				return err
			}
		}
		return nil
	})
}

// MailFailure is a person of a municipality whose e-mail could not be delivered.
type MailFailure struct {
	UserID, Name, Email, Reason string
	At                          time.Time
}

// ListMailFailures returns the people of municipality mid (as ListUsers counts them)
// with a mail that failed for good, newest first, one line each.
func (db *DB) ListMailFailures(ctx context.Context, mid string) ([]MailFailure, error) {
	var out []MailFailure
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, f *MailFailure) error {
			return s.Scan(&f.UserID, &f.Name, &f.Email, &f.Reason, timeCol{&f.At})
		}, `SELECT u.id, u.name, u.email, o.last_error, o.created_at FROM mail_outbox o JOIN users u ON u.id = o.user_id
			WHERE o.state = 'failed' AND (u.home_municipality_id = ? OR u.id IN (SELECT user_id FROM roles WHERE municipality_id = ?))
			AND o.created_at = (SELECT MAX(o2.created_at) FROM mail_outbox o2 WHERE o2.user_id = u.id AND o2.state = 'failed')
			ORDER BY o.created_at DESC, u.id`, mid, mid)
		return err
	})
	return out, err
}
