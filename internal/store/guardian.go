package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// PersonRef names a person to link to a log: an existing user by ID, or a person
// found by national ID or e-mail, who becomes a user (signing in through ID-porten)
// when not known yet.
type PersonRef struct {
	UserID     string
	Email      string
	Name       string
	NationalID string
}

// resolvePerson finds or creates the user ref names, in tx.
func resolvePerson(ctx context.Context, tx *tx, ref PersonRef) (string, error) {
	if ref.UserID != "" {
		var u people.User
		if err := getUser(ctx, tx, ref.UserID, &u); err != nil {
			return "", fault.Validation("user_id", fault.FieldNotFound)
		}
		return u.ID, nil
	}
	u := people.User{Email: ref.Email, Name: ref.Name, NationalID: ref.NationalID}
	if err := u.Validate(""); err != nil {
		return "", err
	}
	var id string
	q := `SELECT id FROM users WHERE email = ?`
	arg := u.Email
	if u.NationalID != "" {
		q, arg = `SELECT id FROM users WHERE national_id = ?`, u.NationalID
	}
	err := tx.queryRow(ctx, q, arg).Scan(&id)
	switch {
	case err == nil:
		return id, nil
	case !isNoRows(err):
		return "", err
	}
	if err := createUser(ctx, tx, &u, ""); err != nil {
		return "", err
	}
	return u.ID, nil
}

// LinkGuardian links a guardian to log id, with or without parental responsibility.
func (db *DB) LinkGuardian(ctx context.Context, a access.Actor, id string, ref PersonRef, responsibility bool) (*GuardianView, error) {
	var g GuardianView
	err := db.forLog(ctx, a, id, access.ActionManageGuardians, audit.LinkGuardian, func(tx *tx, lc *logCtx) (string, error) {
		uid, err := resolvePerson(ctx, tx, ref)
		if err != nil {
			return "", err
		}
		if uid == lc.log.HolderID {
			return "", fault.Validation("user_id", fault.FieldInvalid)
		}
		g.Guardian = logbook.Guardian{LogID: id, UserID: uid, ParentalResponsibility: responsibility, LinkedAt: tx.now, LinkedBy: a.UserID}
		if err := tx.queryRow(ctx, `SELECT name, email FROM users WHERE id = ?`, uid).Scan(&g.Name, &g.Email); err != nil {
			return "", err
		}
		// A person unlinked while suspended comes back suspended: unlinking is a
		// correction, not a way for the holder to lift a leader's decision.
		prev, suspended, err := earlierSuspension(ctx, tx, id, uid)
		if err != nil {
			return "", err
		}
		if suspended {
			g.SuspendedAt, g.SuspendedBy, g.SuspendReason = prev.SuspendedAt, prev.SuspendedBy, prev.SuspendReason
		}
		_, err = tx.exec(ctx, `INSERT INTO log_guardians (log_id, user_id, parental_responsibility, linked_at, linked_by,
			suspended_at, suspended_by, suspend_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, uid, responsibility, tx.now, a.UserID, g.SuspendedAt, nullString(g.SuspendedBy), g.SuspendReason)
		if isUnique(err) {
			return "", fault.New(fault.Conflict, "the guardian is already linked")
		}
		return "guardian " + uid, err
	})
	return &g, err
}

// SuspendGuardian stops one guardian's access to log id, with a reason. Only
// leaders do this; the guardian is shown nothing about it.
func (db *DB) SuspendGuardian(ctx context.Context, a access.Actor, id, uid, reason string) error {
	return db.forLog(ctx, a, id, access.ActionSuspendGuardian, audit.SuspendGuardian, func(tx *tx, lc *logCtx) (string, error) {
		var g logbook.Guardian
		err := tx.queryRow(ctx, `SELECT parental_responsibility, suspended_at FROM log_guardians WHERE log_id = ? AND user_id = ?`, id, uid).
			Scan(&g.ParentalResponsibility, nullTimeCol{&g.SuspendedAt})
		if err != nil {
			return "", notFound(err, "guardian")
		}
		if err := g.Suspend(a.UserID, reason, tx.now); err != nil {
			return "", err
		}
		_, err = tx.exec(ctx, `UPDATE log_guardians SET suspended_at = ?, suspended_by = ?, suspend_reason = ? WHERE log_id = ? AND user_id = ?`,
			g.SuspendedAt, a.UserID, g.SuspendReason, id, uid)
		return "guardian " + uid, err
	})
}

// LinkYouth links the child as a youth user of log id; the child must be of the
// municipality's consent age.
func (db *DB) LinkYouth(ctx context.Context, a access.Actor, id string, ref PersonRef) (string, error) {
	var uid string
	err := db.forLog(ctx, a, id, access.ActionManageGuardians, audit.LinkYouth, func(tx *tx, lc *logCtx) (string, error) {
		var consentAge int
		if err := tx.queryRow(ctx, `SELECT consent_age FROM municipalities WHERE id = ?`, lc.log.MunicipalityID).Scan(&consentAge); err != nil {
			return "", err
		}
		if !logbook.IsOfConsentAge(lc.log.Child.BirthDate, consentAge, tx.now) {
			return "", fault.Validation("birth_date", fault.FieldRange)
		}
		if lc.log.YouthUserID != "" {
			return "", fault.New(fault.Conflict, "a youth user is already linked")
		}
		var err error
		if uid, err = resolvePerson(ctx, tx, ref); err != nil {
			return "", err
		}
		lc.log.YouthUserID = uid
		return "youth " + uid, updateLog(ctx, tx, &lc.log)
	})
	return uid, err
}

// YouthView is the young person linked to a log, with whether a leader has
// suspended their link.
type YouthView struct {
	UserID    string
	Name      string
	Suspended bool
}

// youthOf returns the young person linked to l, nil for none.
func youthOf(ctx context.Context, tx *tx, l *logbook.Log) (*YouthView, error) {
	if l.YouthUserID == "" {
		return nil, nil
	}
	y := &YouthView{UserID: l.YouthUserID}
	err := tx.queryRow(ctx, `SELECT u.name, EXISTS (SELECT 1 FROM log_youth_suspensions s WHERE s.log_id = ? AND s.user_id = u.id)
		FROM users u WHERE u.id = ?`, l.ID, l.YouthUserID).Scan(&y.Name, &y.Suspended)
	return y, err
}

// SuspendYouth stops the young person's own access to log id, with a reason, as
// SuspendGuardian does a guardian's: leaders only, and not found for anyone but the
// linked young person. The young person is shown nothing about it.
func (db *DB) SuspendYouth(ctx context.Context, a access.Actor, id, uid, reason string) error {
	return db.forLog(ctx, a, id, access.ActionSuspendGuardian, audit.SuspendYouth, func(tx *tx, lc *logCtx) (string, error) {
		if uid == "" || lc.log.YouthUserID != uid {
			return "", fault.New(fault.NotFound, "youth not found")
		}
		y, err := youthOf(ctx, tx, &lc.log)
		if err != nil {
			return "", err
		}
		g := logbook.Guardian{}
		if y.Suspended {
			g.SuspendedAt = &tx.now
		}
		// The same rule as a guardian's: a reason, and not twice.
		if err := g.Suspend(a.UserID, reason, tx.now); err != nil {
			if fault.Is(err, fault.Conflict) {
				return "", fault.New(fault.Conflict, "the youth is already suspended")
			}
			return "", err
		}
		_, err = tx.exec(ctx, `INSERT INTO log_youth_suspensions (log_id, user_id, suspended_at, suspended_by, reason) VALUES (?, ?, ?, ?, ?)`,
			id, uid, g.SuspendedAt, a.UserID, g.SuspendReason)
		return "youth " + uid, err
	})
}
