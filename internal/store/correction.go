package store

import (
	"context"
	"strings"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// CorrectChild corrects the child's name, initials or birth date in log id (the
// holder or a leader, access.ActionCorrectChild) and keeps the correction in the
// log as an entry with the old and the new values, audited in the same
// transaction. It returns the corrected log.
func (db *DB) CorrectChild(ctx context.Context, a access.Actor, id string, in logbook.ChildCorrection) (*logbook.Log, error) {
	var l logbook.Log
	err := db.forLog(ctx, a, id, access.ActionCorrectChild, audit.CorrectChild, func(tx *tx, lc *logCtx) (string, error) {
		child, changes, err := in.Correct(lc.log.Child, tx.now)
		if err != nil {
			return "", err
		}
		if _, err := tx.exec(ctx, `UPDATE logs SET child_name = ?, child_initials = ?, child_birth_date = ? WHERE id = ?`,
			child.Name, child.Initials, child.BirthDate, id); err != nil {
			return "", err
		}
		eid, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventChildCorrected, Changes: changes}, "")
		if err != nil {
			return "", err
		}
		lc.log.Child = child
		l = lc.log
		// The audit names the fields, never their values: those are the child's.
		fields := make([]string, len(changes))
		for i, c := range changes {
			fields[i] = c.Field
		}
		return "correction " + eid + " " + strings.Join(fields, ","), nil
	})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// MoveEvaluation moves the evaluation date of measure mid in log id to to, for
// reason: the measure gets a new version with the new date, and the log an entry
// saying from which date to which and why, both by the actor (anyone who may add
// measures, access.ActionAddEntry) and audited in the same transaction. mid must be
// the latest version of a measure not yet evaluated (conflict otherwise). It
// returns the measure's new version.
func (db *DB) MoveEvaluation(ctx context.Context, a access.Actor, id, mid string, to logbook.Date, reason string) (*logbook.Entry, error) {
	var next logbook.Entry
	err := db.forLog(ctx, a, id, access.ActionAddEntry, audit.MoveEvaluation, func(tx *tx, lc *logCtx) (string, error) {
		var m logbook.Entry
		if err := scanEntry(tx.queryRow(ctx, `SELECT `+entryCols+` FROM entries WHERE id = ? AND log_id = ?`, mid, id), &m); err != nil {
			return "", notFound(err, "measure")
		}
		if m.Kind != logbook.KindMeasure {
			return "", fault.New(fault.NotFound, "measure not found")
		}
		var evaluated bool
		if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM entries ev JOIN entries mv ON mv.id = ev.measure_id
			WHERE ev.kind = 'evaluation' AND mv.origin_id = (SELECT origin_id FROM entries WHERE id = ?))`, mid).Scan(&evaluated); err != nil {
			return "", err
		}
		if evaluated {
			return "", fault.New(fault.Conflict, "the measure is already evaluated")
		}
		e, change, err := logbook.MoveEvaluation(m, to, reason, lc.author(), tx.now)
		if err != nil {
			return "", err
		}
		if err := insertEntry(ctx, tx, &e); err != nil {
			return "", err
		}
		eid, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventEvaluationMoved, MeasureID: e.ID,
			Changes: []logbook.Change{change}}, strings.TrimSpace(reason))
		if err != nil {
			return "", err
		}
		next = e
		return "measure " + e.ID + " amends " + mid + " correction " + eid, nil
	})
	if err != nil {
		return nil, err
	}
	return &next, nil
}
