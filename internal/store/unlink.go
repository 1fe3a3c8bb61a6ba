package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// The links log_unlinks keeps.
const (
	linkGuardian = "guardian"
	linkYouth    = "youth"
)

// endedLink is a link being ended, as log_unlinks keeps it.
type endedLink struct {
	link                     string
	userID                   string
	responsibility           bool
	linkedAt                 *time.Time
	linkedBy                 string
	suspendedAt              *time.Time
	suspendedBy, suspendNote string
}

// UnlinkGuardian ends guardian uid's link to log id, to correct a wrong link: the
// holder or a leader, with a reason. The guardian's access ends with the commit; the
// link, with who made it when, stays in log_unlinks, and the log gets an entry
// naming who was unlinked, by whom (its author) and why (its text). The same or
// another person may be linked afterwards.
func (db *DB) UnlinkGuardian(ctx context.Context, a access.Actor, id, uid, reason string) error {
	return db.forLog(ctx, a, id, access.ActionManageGuardians, audit.UnlinkGuardian, func(tx *tx, lc *logCtx) (string, error) {
		l := endedLink{link: linkGuardian, userID: uid}
		var linkedAt time.Time
		err := tx.queryRow(ctx, `SELECT parental_responsibility, linked_at, linked_by, suspended_at, COALESCE(suspended_by, ''), suspend_reason
			FROM log_guardians WHERE log_id = ? AND user_id = ?`, id, uid).
			Scan(&l.responsibility, timeCol{&linkedAt}, &l.linkedBy, nullTimeCol{&l.suspendedAt}, &l.suspendedBy, &l.suspendNote)
		if err != nil {
			return "", notFound(err, "guardian")
		}
		l.linkedAt = &linkedAt
		reason, err := logbook.UnlinkReason(reason)
		if err != nil {
			return "", err
		}
		if err := endLink(ctx, tx, lc, l, reason); err != nil {
			return "", err
		}
		if err := mustAffect(tx.exec(ctx, `DELETE FROM log_guardians WHERE log_id = ? AND user_id = ?`, id, uid))("guardian"); err != nil {
			return "", err
		}
		return "guardian " + uid, nil
	})
}

// UnlinkYouth ends the young person's link to log id, as UnlinkGuardian does a
// guardian's. A suspension of the young person stays with them (log_youth_suspensions),
// so linking them again does not lift it.
func (db *DB) UnlinkYouth(ctx context.Context, a access.Actor, id, uid, reason string) error {
	return db.forLog(ctx, a, id, access.ActionManageGuardians, audit.UnlinkYouth, func(tx *tx, lc *logCtx) (string, error) {
		if uid == "" || lc.log.YouthUserID != uid {
			return "", fault.New(fault.NotFound, "youth not found")
		}
		reason, err := logbook.UnlinkReason(reason)
		if err != nil {
			return "", err
		}
		l := endedLink{link: linkYouth, userID: uid}
		// The youth link lives in logs.youth_user_id, which keeps no time: the audit
		// record of the linking does. A log written without one (gen) leaves it empty.
		var linkedAt time.Time
		err = tx.queryRow(ctx, `SELECT at, actor_id FROM audit WHERE log_id = ? AND action = ? AND detail = ? ORDER BY seq DESC LIMIT 1`,
			id, audit.LinkYouth, "youth "+uid).Scan(timeCol{&linkedAt}, &l.linkedBy)
		switch {
		case err == nil:
			l.linkedAt = &linkedAt
		case !isNoRows(err):
			return "", err
		}
		err = tx.queryRow(ctx, `SELECT suspended_at, suspended_by, reason FROM log_youth_suspensions WHERE log_id = ? AND user_id = ?`, id, uid).
			Scan(nullTimeCol{&l.suspendedAt}, &l.suspendedBy, &l.suspendNote)
		if err := ignoreNoRows(err); err != nil {
			return "", err
		}
		if err := endLink(ctx, tx, lc, l, reason); err != nil {
			return "", err
		}
		lc.log.YouthUserID = ""
		return "youth " + uid, updateLog(ctx, tx, &lc.log)
	})
}

// endLink keeps link l in log_unlinks as ended now by the actor for reason, and
// writes the log's entry for it.
func endLink(ctx context.Context, tx *tx, lc *logCtx, l endedLink, reason string) error {
	_, err := tx.exec(ctx, `INSERT INTO log_unlinks (log_id, user_id, link, parental_responsibility, linked_at, linked_by,
		suspended_at, suspended_by, suspend_reason, unlinked_at, unlinked_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		lc.log.ID, l.userID, l.link, l.responsibility, l.linkedAt, nullString(l.linkedBy), l.suspendedAt, nullString(l.suspendedBy),
		l.suspendNote, tx.now, lc.actor.UserID, reason)
	if err != nil {
		return err
	}
	kind := logbook.EventGuardianUnlinked
	if l.link == linkYouth {
		kind = logbook.EventYouthUnlinked
	}
	_, err = addSystemEntry(ctx, tx, lc, logbook.Event{Kind: kind, UserID: l.userID}, reason)
	return err
}

// earlierSuspension returns the suspension the newest suspended, ended guardian link
// of uid to log id had, and false when there is none, so that unlinking and linking
// again never lifts a leader's suspension.
func earlierSuspension(ctx context.Context, tx *tx, id, uid string) (logbook.Guardian, bool, error) {
	var g logbook.Guardian
	err := tx.queryRow(ctx, `SELECT suspended_at, COALESCE(suspended_by, ''), suspend_reason FROM log_unlinks
		WHERE log_id = ? AND user_id = ? AND link = ? AND suspended_at IS NOT NULL ORDER BY id DESC LIMIT 1`, id, uid, linkGuardian).
		Scan(nullTimeCol{&g.SuspendedAt}, &g.SuspendedBy, &g.SuspendReason)
	if isNoRows(err) {
		return g, false, nil
	}
	return g, err == nil, err
}
