package store

import (
	"context"
	"strconv"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
)

// CreateLog opens an undring in unit in.UnitID, held by its author, who must be an
// employee or leader of that unit. The concern becomes the first entry. days is the
// decision deadline in days; 0 takes it from the municipality's published action
// guide (the largest deadline among its level-0 steps).
func (db *DB) CreateLog(ctx context.Context, a access.Actor, in logbook.NewLog, days int) (*logbook.Log, error) {
	var l *logbook.Log
	err := db.update(ctx, func(tx *tx) (err error) {
		l, _, err = createLog(ctx, tx, a, in, days)
		return err
	})
	return l, err
}

// createLog is CreateLog in tx; it also returns the log as its author stands to it.
func createLog(ctx context.Context, tx *tx, a access.Actor, in logbook.NewLog, days int) (*logbook.Log, *logCtx, error) {
	var l logbook.Log
	var created *logCtx
	err := func() error {
		if err := in.Validate(tx.now); err != nil {
			return err
		}
		var unit org.Unit
		if err := getUnit(ctx, tx, in.UnitID, &unit); err != nil {
			return fault.Validation("unit_id", fault.FieldNotFound)
		}
		if !a.Roles.InUnit(people.Employee, unit.ID) && !a.Roles.InUnit(people.UnitLeader, unit.ID) {
			return fault.New(fault.Forbidden, "you can open a log only in a unit where you work")
		}
		d := days
		if d <= 0 {
			var err error
			if d, err = undringDays(ctx, tx, unit.MunicipalityID); err != nil {
				return err
			}
		}
		l = in.Open(unit.MunicipalityID, a.UserID, d, tx.now)
		l.ID = newID()
		_, err := tx.exec(ctx, `INSERT INTO logs (id, municipality_id, child_name, child_initials, child_birth_date, holder_id,
			holder_unit_id, created_by, created_unit_id, level, status, level_entered_at, undring_deadline, undring_outcome, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			l.ID, l.MunicipalityID, l.Child.Name, l.Child.Initials, l.Child.BirthDate, l.HolderID, l.HolderUnitID,
			l.CreatedBy, l.CreatedUnitID, l.Level, l.Status, l.LevelEnteredAt, l.UndringDeadline, l.UndringOutcome, l.CreatedAt)
		if err != nil {
			return err
		}
		lc := &logCtx{log: l, actor: a, rel: access.Relation{Holder: true, Author: true}}
		e, err := logbook.NewEntry{Kind: logbook.KindConcern, Text: in.Concern}.Build(l.ID, lc.author(), tx.now)
		if err != nil {
			return err
		}
		if err := insertEntry(ctx, tx, &e); err != nil {
			return err
		}
		created = lc
		return lc.record(ctx, tx, audit.CreateLog, "")
	}()
	return &l, created, err
}

// updateLog writes the changeable state of l.
func updateLog(ctx context.Context, tx *tx, l *logbook.Log) error {
	_, err := tx.exec(ctx, `UPDATE logs SET holder_id = ?, holder_unit_id = ?, youth_user_id = ?, level = ?, status = ?,
		level_entered_at = ?, undring_outcome = ?, closed_at = ?, closure_reason = ? WHERE id = ?`,
		l.HolderID, l.HolderUnitID, nullString(l.YouthUserID), l.Level, l.Status, l.LevelEnteredAt, l.UndringOutcome,
		l.ClosedAt, l.ClosureReason, l.ID)
	return err
}

// activation finds what a log needs before it leaves level 0.
func activation(ctx context.Context, tx *tx, lc *logCtx) (logbook.Activation, error) {
	act := logbook.Activation{ValidConsent: lc.covered(tx)[lc.log.HolderUnitID]}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM log_guardians WHERE log_id = ? AND parental_responsibility AND suspended_at IS NULL`,
		lc.log.ID).Scan(&n); err != nil {
		return act, err
	}
	act.Guardian = n > 0
	if lc.log.YouthUserID != "" {
		var m org.Municipality
		if err := scanMunicipality(tx.queryRow(ctx, `SELECT `+municipalityCols+` FROM municipalities WHERE id = ?`, lc.log.MunicipalityID), &m); err != nil {
			return act, err
		}
		act.YouthOfAge = logbook.IsOfConsentAge(lc.log.Child.BirthDate, m.ConsentAge, tx.now)
	}
	return act, nil
}

// ChangeLevel moves log id to level with a reason. Leaving level 0 activates the log
// and needs a valid consent covering the holder's unit and a guardian with parental
// responsibility (or a youth of consent age); otherwise 422 naming what is missing.
func (db *DB) ChangeLevel(ctx context.Context, a access.Actor, id string, level int, reason string) (*logbook.Log, error) {
	var out logbook.Log
	err := db.forLog(ctx, a, id, access.ActionChangeLevel, audit.ChangeLevel, func(tx *tx, lc *logCtx) (string, error) {
		from := lc.log.Level
		if err := logbook.ValidateLevelChange(from, lc.log.Status, level, reason); err != nil {
			return "", err
		}
		if logbook.IsActivation(from, level) {
			act, err := activation(ctx, tx, lc)
			if err != nil {
				return "", err
			}
			if err := logbook.CheckActivation(act); err != nil {
				return "", err
			}
		}
		if err := lc.log.ChangeLevel(level, reason, tx.now); err != nil {
			return "", err
		}
		if err := updateLog(ctx, tx, &lc.log); err != nil {
			return "", err
		}
		out = lc.log
		ev := logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: from, ToLevel: lc.log.Level}
		_, err := addSystemEntry(ctx, tx, lc, ev, reason)
		return "level " + strconv.Itoa(int(from)) + "->" + strconv.Itoa(level), err
	})
	return &out, err
}

// DecideUndring ends an undring: closed, activated (level 1, with the activation
// requirements) or a report to child welfare recorded.
func (db *DB) DecideUndring(ctx context.Context, a access.Actor, id string, d logbook.UndringDecision) (*logbook.Log, error) {
	var out logbook.Log
	err := db.forLog(ctx, a, id, access.ActionDecideUndring, audit.DecideUndring, func(tx *tx, lc *logCtx) (string, error) {
		if err := d.Validate(); err != nil {
			return "", err
		}
		if d.Outcome == logbook.UndringActivated && lc.log.Status == logbook.StatusUndring {
			act, err := activation(ctx, tx, lc)
			if err != nil {
				return "", err
			}
			if err := logbook.CheckActivation(act); err != nil {
				return "", err
			}
		}
		if err := lc.log.DecideUndring(d, tx.now); err != nil {
			return "", err
		}
		if d.Outcome == logbook.UndringActivated {
			lc.log.LevelEnteredAt = tx.now
		}
		if err := updateLog(ctx, tx, &lc.log); err != nil {
			return "", err
		}
		out = lc.log
		_, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventUndringDecided, Outcome: d.Outcome}, d.Text)
		return string(d.Outcome), err
	})
	return &out, err
}

// CloseLog closes log id with a reason; pending transfers are cancelled. Afterwards
// every write answers 409 and those who could read it still can.
func (db *DB) CloseLog(ctx context.Context, a access.Actor, id string, in logbook.NewClosure) (*logbook.Log, error) {
	var out logbook.Log
	err := db.forLog(ctx, a, id, access.ActionClose, audit.CloseLog, func(tx *tx, lc *logCtx) (string, error) {
		if err := lc.log.Close(in, tx.now); err != nil {
			return "", err
		}
		if err := updateLog(ctx, tx, &lc.log); err != nil {
			return "", err
		}
		if lc.pending != nil {
			if err := lc.pending.Cancel(tx.now); err != nil {
				return "", err
			}
			if err := updateTransfer(ctx, tx, lc.pending); err != nil {
				return "", err
			}
		}
		out = lc.log
		_, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventLogClosed, Reason: lc.log.ClosureReason}, in.Text)
		return string(in.Reason), err
	})
	return &out, err
}
