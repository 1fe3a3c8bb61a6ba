package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// logCtx is one log as one actor stands to it, loaded inside a transaction: the log,
// its consents, the actor's relationships and the pending transfer, if any.
type logCtx struct {
	log             logbook.Log
	consents        []logbook.Consent
	rel             access.Relation
	actor           access.Actor
	participantUnit string
	pending         *logbook.Transfer
	// The holder's name and e-mail address and the holding unit's name.
	holderName, holderEmail, unitName string
}

const logCols = `id, municipality_id, child_name, child_initials, child_birth_date, holder_id, holder_unit_id,
	created_by, created_unit_id, COALESCE(youth_user_id, ''), level, status, level_entered_at, undring_deadline,
	undring_outcome, created_at, closed_at, closure_reason`

func scanLog(s scanner, l *logbook.Log) error {
	return s.Scan(&l.ID, &l.MunicipalityID, &l.Child.Name, &l.Child.Initials, &l.Child.BirthDate, &l.HolderID,
		&l.HolderUnitID, &l.CreatedBy, &l.CreatedUnitID, &l.YouthUserID, &l.Level, &l.Status,
		timeCol{&l.LevelEnteredAt}, timeCol{&l.UndringDeadline}, &l.UndringOutcome, timeCol{&l.CreatedAt},
		nullTimeCol{&l.ClosedAt}, &l.ClosureReason)
}

// loadLog loads log id as actor a sees it. A log that does not exist and one the
// actor may not see give the same not-found error.
func loadLog(ctx context.Context, tx *tx, id string, a access.Actor) (*logCtx, error) {
	lc := &logCtx{actor: a}
	l, r := &lc.log, &lc.rel
	// The log, the actor's own rows among its participants and guardians (each at
	// most one), and the names a page of it shows, in one statement.
	var access_ string
	var suspendedAt *time.Time
	var youthSuspended bool
	err := scanLog(scanFunc(func(dest ...any) error {
		return tx.queryRow(ctx, `SELECT `+prefixed("l.", logCols)+`,
			COALESCE(p.access, ''), COALESCE(p.unit_id, ''), g.user_id IS NOT NULL, COALESCE(g.parental_responsibility, FALSE), g.suspended_at,
			(SELECT name FROM users WHERE id = l.holder_id), (SELECT email FROM users WHERE id = l.holder_id),
			(SELECT name FROM units WHERE id = l.holder_unit_id),
			EXISTS (SELECT 1 FROM log_youth_suspensions ys WHERE ys.log_id = l.id AND ys.user_id = ?)
			FROM logs l
			LEFT JOIN log_participants p ON p.log_id = l.id AND p.user_id = ? AND (p.read_until IS NULL OR p.read_until > ?)
			LEFT JOIN log_guardians g ON g.log_id = l.id AND g.user_id = ?
			WHERE l.id = ?`, a.UserID, a.UserID, tx.now, a.UserID, id).
			Scan(append(dest, &access_, &lc.participantUnit, &r.Guardian, &r.ParentalResponsibility, nullTimeCol{&suspendedAt},
				&lc.holderName, &lc.holderEmail, &lc.unitName, &youthSuspended)...)
	}), l)
	if err != nil {
		return nil, notFound(err, "log")
	}
	if lc.consents, err = listConsents(ctx, tx, id); err != nil {
		return nil, err
	}
	r.Holder = l.HolderID == a.UserID
	r.Author = l.CreatedBy == a.UserID
	r.LeaderOfHolderUnit = a.Roles.InUnit(people.UnitLeader, l.HolderUnitID)
	r.LeaderOfAuthorUnit = a.Roles.InUnit(people.UnitLeader, l.CreatedUnitID)
	r.Youth = l.YouthUserID != "" && l.YouthUserID == a.UserID
	r.Participant = access.Access(access_)
	r.ParticipantCovered = lc.participantUnit != "" && logbook.CoveredUnits(lc.consents, tx.now)[lc.participantUnit]
	// A suspension ends the link it was made on: a guardian's, or the youth's own.
	r.Suspended = (r.Guardian && suspendedAt != nil) || (r.Youth && youthSuspended)
	if lc.pending, err = pendingTransfer(ctx, tx, id); err != nil {
		return nil, err
	}
	r.ProposedHolder = lc.pending != nil && lc.pending.ToUserID == a.UserID
	return lc, nil
}

// authorize answers the policy's decision for action as an error (nil to go on).
func (lc *logCtx) authorize(action access.Action) error {
	return access.Decide(lc.rel, access.LogState{Status: string(lc.log.Status), Level: int(lc.log.Level)}, action).Err()
}

// covered returns the units covered by a valid consent now.
func (lc *logCtx) covered(tx *tx) map[string]bool { return logbook.CoveredUnits(lc.consents, tx.now) }

// actingRole names the capacity in which the actor acts on the log and the unit it
// acts from, for the audit and the access log.
func (lc *logCtx) actingRole() (role, unit string) {
	r := lc.rel
	switch {
	case r.Holder:
		return "holder", lc.log.HolderUnitID
	case r.LeaderOfHolderUnit:
		return "leader", lc.log.HolderUnitID
	case r.LeaderOfAuthorUnit:
		return "leader", lc.log.CreatedUnitID
	case r.Participant != "":
		return "participant_" + string(r.Participant), lc.participantUnit
	case r.Youth:
		return "youth", ""
	case r.Guardian:
		return "guardian", ""
	case r.ProposedHolder:
		return "proposed_holder", lc.pending.ToUnitID
	}
	return "none", ""
}

// authorRole is how entries by the actor are marked.
func (lc *logCtx) author() logbook.Author {
	role := logbook.AuthorStaff
	switch {
	case lc.rel.Holder || lc.rel.LeaderOfHolderUnit || lc.rel.Participant != "":
	case lc.rel.Youth:
		role = logbook.AuthorYouth
	case lc.rel.Guardian:
		role = logbook.AuthorGuardian
	}
	return logbook.Author{UserID: lc.actor.UserID, Role: role}
}

// record appends an audit record of action on this log, in tx.
func (lc *logCtx) record(ctx context.Context, tx *tx, action audit.Action, detail string) error {
	return appendAudit(ctx, tx, lc.event(action, detail))
}

// event is the audit record of action on this log by the actor.
func (lc *logCtx) event(action audit.Action, detail string) *audit.Event {
	role, unit := lc.actingRole()
	return &audit.Event{
		ActorID: lc.actor.UserID, Role: role, UnitID: unit, MunicipalityID: lc.log.MunicipalityID,
		LogID: lc.log.ID, Action: action, Detail: detail,
	}
}

// loadAuthorized loads log id as actor a sees it, if the policy allows action.
func loadAuthorized(ctx context.Context, tx *tx, id string, a access.Actor, action access.Action) (*logCtx, error) {
	lc, err := loadLog(ctx, tx, id, a)
	if err != nil {
		return nil, err
	}
	return lc, lc.authorize(action)
}

// forLog runs f on log id for actor a in a write transaction, after the policy allows
// action, and records action in the audit in the same transaction.
func (db *DB) forLog(ctx context.Context, a access.Actor, id string, action access.Action, auditAction audit.Action,
	f func(tx *tx, lc *logCtx) (detail string, err error)) error {
	return db.update(ctx, func(tx *tx) error {
		lc, err := loadAuthorized(ctx, tx, id, a, action)
		if err != nil {
			return err
		}
		detail, err := f(tx, lc)
		if err != nil {
			return err
		}
		return lc.record(ctx, tx, auditAction, detail)
	})
}

// readLogAudited runs f on log id for actor a in a read transaction, after the
// policy allows action, then records action in the audit, with the time of the
// read, and returns only when that record is durable: what f read is not given back
// before. The record goes through the writer, so the records of concurrent reads
// share commits. With visit, the read also counts as the actor's visit to the log.
func (db *DB) readLogAudited(ctx context.Context, a access.Actor, id string, action access.Action, auditAction audit.Action,
	visit bool, f func(tx *tx, lc *logCtx) (detail string, err error)) error {
	var ev *audit.Event
	err := db.view(ctx, func(tx *tx) error {
		lc, err := loadAuthorized(ctx, tx, id, a, action)
		if err != nil {
			return err
		}
		detail, err := f(tx, lc)
		if err != nil {
			return err
		}
		ev = lc.event(auditAction, detail)
		ev.At = tx.now
		return nil
	})
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if visit {
			if err := recordVisit(ctx, tx, a.UserID, id); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, ev)
	})
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func ignoreNoRows(err error) error {
	if isNoRows(err) {
		return nil
	}
	return err
}
