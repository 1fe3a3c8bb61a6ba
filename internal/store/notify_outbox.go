package store

import (
	"context"
	"time"

	"stafett/internal/notify"
)

// ClaimMail takes up to limit mails that are due, for one sender: each is leased to
// the caller until lease has passed, so neither another worker of this server nor a
// second server on the same PostgreSQL (FOR UPDATE SKIP LOCKED) sends it meanwhile;
// if the caller dies before MailSent, the mail is claimed again after the lease. A
// mail whose reminder no longer holds (the deadline moved or was met), whose person
// may no longer read the log, or who turned e-mail off, is dropped instead. Rows of
// one person are one mail (a daily digest's rows fall due together).
func (db *DB) ClaimMail(ctx context.Context, limit int, lease time.Duration) ([]notify.Mail, error) {
	var out []notify.Mail
	err := db.update(ctx, func(tx *tx) error {
		out = nil
		lock := ""
		if tx.d.name == "postgres" {
			lock = " FOR UPDATE OF o SKIP LOCKED"
		}
		type row struct {
			outbox, email, lang string
			wants               bool
			n                   noticeRow
		}
		rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
			return s.Scan(&r.outbox, &r.n.UserID, &r.email, &r.lang, &r.wants, &r.n.ID, &r.n.Kind, &r.n.ObjectID,
				&r.n.Due, &r.n.LogID, &r.n.UnitID, &r.n.UnitName, timeCol{&r.n.CreatedAt})
		}, `SELECT o.id, o.user_id, u.email, u.language, u.notify_email AND u.active, n.id, n.kind, n.object_id, n.due,
			n.log_id, n.unit_id, COALESCE(un.name, ''), n.created_at
			FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id JOIN users u ON u.id = o.user_id
			LEFT JOIN units un ON un.id = n.unit_id
			WHERE o.state = 'pending' AND o.next_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
			ORDER BY o.next_at, o.id LIMIT ?`+lock, tx.now, tx.now, limit)
		if err != nil {
			return err
		}
		byUser := map[string]int{}
		for i := range rows {
			r := &rows[i]
			ok := r.wants
			if ok {
				if ok, err = reachable(ctx, tx, &r.n); err != nil {
					return err
				}
			}
			if ok {
				if ok, err = current(ctx, tx, &r.n); err != nil {
					return err
				}
			}
			if !ok {
				if _, err := tx.exec(ctx, `UPDATE mail_outbox SET state = 'dropped' WHERE id = ?`, r.outbox); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.exec(ctx, `UPDATE mail_outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id = ?`,
				tx.now.Add(lease), r.outbox); err != nil {
				return err
			}
			j, seen := byUser[r.n.UserID]
			if !seen {
				j = len(out)
				byUser[r.n.UserID] = j
				out = append(out, notify.Mail{UserID: r.n.UserID, To: r.email, Lang: notify.Lang(r.lang)})
			}
			out[j].OutboxIDs = append(out[j].OutboxIDs, r.outbox)
			out[j].Items = append(out[j].Items, r.n.Item)
		}
		return nil
	})
	return out, err
}

// MailSent marks the outbox rows ids sent.
func (db *DB) MailSent(ctx context.Context, ids []string) error {
	return db.update(ctx, func(tx *tx) error {
		for _, id := range ids {
			if _, err := tx.exec(ctx, `UPDATE mail_outbox SET state = 'sent', sent_at = ?, claimed_until = NULL
				WHERE id = ? AND state = 'pending'`, tx.now, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// MailDropped marks the outbox rows ids dropped: no mail is sent for them (no SMTP
// server is configured).
func (db *DB) MailDropped(ctx context.Context, ids []string) error {
	return db.update(ctx, func(tx *tx) error {
		for _, id := range ids {
			if _, err := tx.exec(ctx, `UPDATE mail_outbox SET state = 'dropped', claimed_until = NULL WHERE id = ? AND state = 'pending'`, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// MailFailed records a failed send of the outbox rows ids. A temporary failure is
// tried again after notify.Backoff; a permanent one (the server refused the address)
// or the last of notify.MaxAttempts leaves the row 'failed' with reason, a short SMTP
// code for the administrator (never the message, which may echo the address).
func (db *DB) MailFailed(ctx context.Context, ids []string, permanent bool, reason string) error {
	return db.update(ctx, func(tx *tx) error {
		for _, id := range ids {
			var attempts int
			err := tx.queryRow(ctx, `SELECT attempts FROM mail_outbox WHERE id = ? AND state = 'pending'`, id).Scan(&attempts)
			if isNoRows(err) {
				continue
			}
			if err != nil {
				return err
			}
			if permanent || attempts >= notify.MaxAttempts {
				_, err = tx.exec(ctx, `UPDATE mail_outbox SET state = 'failed', claimed_until = NULL, last_error = ? WHERE id = ?`, reason, id)
			} else {
				_, err = tx.exec(ctx, `UPDATE mail_outbox SET next_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?`,
					tx.now.Add(notify.Backoff(attempts)), reason, id)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
