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
		rows, err := claimRows(ctx, tx, limit)
		if err != nil {
			return err
		}
		byUser := map[string]int{}
		for i := range rows {
			r := &rows[i]
			ok, err := r.deliverable(ctx, tx)
			if err != nil {
				return err
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
			m := notify.Mail{UserID: r.n.UserID, To: r.email, Lang: notify.Lang(r.lang), OutboxIDs: []string{r.outbox}}
			if r.invite != "" {
				inv := r.inv
				m.Invite = &inv
				out = append(out, m) // an invitation is a mail of its own
				continue
			}
			j, seen := byUser[r.n.UserID]
			if !seen {
				j = len(out)
				byUser[r.n.UserID] = j
				out = append(out, m)
			} else {
				out[j].OutboxIDs = append(out[j].OutboxIDs, r.outbox)
			}
			out[j].Items = append(out[j].Items, r.n.Item)
		}
		return nil
	})
	return out, err
}

// outboxRow is a due outbox row with its notification or invitation.
type outboxRow struct {
	outbox, email, lang string
	wants, active       bool
	n                   noticeRow
	invite              string // the invitation's id; "" for a notification
	inv                 notify.Invite
	invUsed             *time.Time
}

func claimRows(ctx context.Context, tx *tx, limit int) ([]outboxRow, error) {
	lock := ""
	if tx.d.name == "postgres" {
		lock = " FOR UPDATE OF o SKIP LOCKED"
	}
	return queryAll(ctx, tx, func(s scanner, r *outboxRow) error {
		var created, expires *time.Time
		err := s.Scan(&r.outbox, &r.n.UserID, &r.email, &r.lang, &r.wants, &r.active, &r.n.ID, &r.n.Kind, &r.n.ObjectID,
			&r.n.Due, &r.n.LogID, &r.n.UnitID, &r.n.UnitName, nullTimeCol{&created}, &r.invite, &r.inv.Kind, &r.inv.Token,
			nullTimeCol{&expires}, nullTimeCol{&r.invUsed})
		if created != nil {
			r.n.CreatedAt = *created
		}
		if expires != nil {
			r.inv.Expires = *expires
		}
		return err
	}, `SELECT o.id, o.user_id, u.email, u.language, u.notify_email AND u.active, u.active,
		COALESCE(n.id, ''), COALESCE(n.kind, ''), COALESCE(n.object_id, ''), COALESCE(n.due, ''),
		COALESCE(n.log_id, ''), COALESCE(n.unit_id, ''), COALESCE(un.name, ''), n.created_at,
		COALESCE(o.invitation_id, ''), COALESCE(i.kind, ''), COALESCE(i.mail_token, ''), i.expires_at, i.used_at
		FROM mail_outbox o JOIN users u ON u.id = o.user_id
		LEFT JOIN notifications n ON n.id = o.notification_id LEFT JOIN units un ON un.id = n.unit_id
		LEFT JOIN invitations i ON i.id = o.invitation_id
		WHERE o.state = 'pending' AND o.next_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
		ORDER BY o.next_at, o.id LIMIT ?`+lock, tx.now, tx.now, limit)
}

// deliverable reports whether r's mail should still go: an invitation while it is
// unused and valid and its person active; a notification while its person wants
// e-mail, may still read the log and its deadline still stands.
func (r *outboxRow) deliverable(ctx context.Context, tx *tx) (bool, error) {
	if r.invite != "" {
		return r.active && r.invUsed == nil && r.inv.Expires.After(tx.now), nil
	}
	if !r.wants {
		return false, nil
	}
	ok, err := reachable(ctx, tx, &r.n)
	if err != nil || !ok {
		return false, err
	}
	return current(ctx, tx, &r.n)
}

// MailSent marks the outbox rows ids sent.
func (db *DB) MailSent(ctx context.Context, ids []string) error {
	return db.update(ctx, func(tx *tx) error {
		for _, id := range ids {
			if _, err := tx.exec(ctx, `UPDATE mail_outbox SET state = 'sent', sent_at = ?, claimed_until = NULL
				WHERE id = ? AND state = 'pending'`, tx.now, id); err != nil {
				return err
			}
			if err := forgetToken(ctx, tx, id); err != nil {
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
			if err := forgetToken(ctx, tx, id); err != nil {
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
				if err == nil {
					err = forgetToken(ctx, tx, id)
				}
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

// forgetToken empties the invitation link of outbox row id once its mail has gone
// (or will not): from then on the database keeps only the link's hash.
func forgetToken(ctx context.Context, tx *tx, id string) error {
	_, err := tx.exec(ctx, `UPDATE invitations SET mail_token = ''
		WHERE id = (SELECT invitation_id FROM mail_outbox WHERE id = ?)`, id)
	return err
}
