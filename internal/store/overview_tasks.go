package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/notify"
)

// ExpiringConsent is a consent that lapses within notify.ConsentLeadDays in an active
// log the person holds or leads, for their task list.
type ExpiringConsent struct {
	LogID     string
	Child     logbook.Child
	ConsentID string
	Expires   logbook.Date
}

// ExpiringConsents returns the consents lapsing within notify.ConsentLeadDays in the
// active logs actor a holds or whose holder unit a leads, soonest first. Like the
// overview it shows only what the log list shows.
func (db *DB) ExpiringConsents(ctx context.Context, a access.Actor) ([]ExpiringConsent, error) {
	var out []ExpiringConsent
	err := db.view(ctx, func(tx *tx) error {
		type row struct {
			ExpiringConsent
			at time.Time
		}
		rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
			return s.Scan(&r.LogID, &r.Child.Name, &r.Child.Initials, &r.Child.BirthDate, &r.ConsentID, timeCol{&r.at})
		}, `SELECT l.id, l.child_name, l.child_initials, l.child_birth_date, c.id, c.expires_at
			FROM consents c JOIN logs l ON l.id = c.log_id
			WHERE l.status = 'active' AND c.withdrawn_at IS NULL AND c.expires_at IS NOT NULL
			AND c.expires_at > ? AND c.expires_at <= ?
			AND (l.holder_id = ? OR l.holder_unit_id IN (SELECT unit_id FROM roles WHERE user_id = ? AND role = 'unit_leader'))
			ORDER BY c.expires_at, c.id`, tx.now, tx.now.AddDate(0, 0, notify.ConsentLeadDays), a.UserID, a.UserID)
		for _, r := range rows {
			r.Expires = logbook.DateOf(r.at)
			out = append(out, r.ExpiringConsent)
		}
		return err
	})
	return out, err
}
