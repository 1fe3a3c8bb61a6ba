package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/logbook"
)

// LogGuide is the part of the municipality's published guide that a log is at: its
// level's title and purpose, and the level's steps as the log's checklist.
type LogGuide struct {
	MunicipalityNumber string
	Version            int // 0 when the municipality has no guide
	Level              int
	Title, Purpose     string
	Steps              []LogStep
}

// LogStep is a guide step as an item of a log's checklist. Due counts the step's
// deadline from the day the log entered its level, in Europe/Oslo.
type LogStep struct {
	guide.Step
	Due     logbook.Date // "" when the step has no deadline
	Overdue bool         // not done, the log is open, and Due has passed
	Done    bool
	DoneAt  *time.Time
	DoneBy  string // the name of who ticked it
	EntryID string // the step_done entry
}

// MaxStepNoteLen bounds the note that may go with ticking a step.
const MaxStepNoteLen = 2000

// dueDate is the last day for a step with a deadline of days, for a log that entered
// its level at entered.
func dueDate(entered time.Time, days int) logbook.Date {
	return logbook.DateOf(logbook.InOslo(entered).AddDate(0, 0, days))
}

// logGuide builds log l's checklist from the newest published guide of its
// municipality. A tick counts only when made during the log's current stay at its
// level; a log that comes back to a level walks its steps again.
func logGuide(ctx context.Context, tx *tx, l *logbook.Log) (*LogGuide, error) {
	lg := &LogGuide{Level: int(l.Level), Steps: []LogStep{}}
	if err := tx.queryRow(ctx, `SELECT number FROM municipalities WHERE id = ?`, l.MunicipalityID).Scan(&lg.MunicipalityNumber); err != nil {
		return nil, err
	}
	pg, err := tx.publishedGuide(ctx, l.MunicipalityID)
	if fault.Is(err, fault.NotFound) {
		return lg, nil
	} else if err != nil {
		return nil, err
	}
	lg.Version = pg.Version
	level := pg.Guide.Level(int(l.Level))
	if level == nil {
		return lg, nil
	}
	lg.Title, lg.Purpose = level.Title, level.Purpose
	type tick struct {
		at            time.Time
		entry, byName string
	}
	done := map[string]tick{}
	rows, err := tx.query(ctx, `SELECT s.step_id, s.done_at, s.entry_id, u.name FROM log_steps s JOIN users u ON u.id = s.done_by
		WHERE s.log_id = ? AND s.done_at >= ? ORDER BY s.done_at`, l.ID, l.LevelEnteredAt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var t tick
		if err := rows.Scan(&id, timeCol{&t.at}, &t.entry, &t.byName); err != nil {
			return nil, err
		}
		if _, seen := done[id]; !seen {
			done[id] = t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	today := logbook.DateOf(tx.now)
	for _, s := range level.Steps {
		ls := LogStep{Step: s}
		if s.DeadlineDays != nil {
			ls.Due = dueDate(l.LevelEnteredAt, *s.DeadlineDays)
		}
		if t, ok := done[s.ID]; ok {
			at := t.at
			ls.Done, ls.DoneAt, ls.DoneBy, ls.EntryID = true, &at, t.byName, t.entry
		}
		ls.Overdue = !ls.Done && ls.Due != "" && ls.Due < today && l.Status != logbook.StatusClosed
		lg.Steps = append(lg.Steps, ls)
	}
	return lg, nil
}

// MarkStepDone ticks step sid of log id's current level, as the actor who may add
// entries to the log (access.ActionMarkStep), and writes a step_done entry with the
// step's title and the optional note. A log the actor may not see is not found, a
// closed log a conflict, and a step that is not on the log's current checklist not
// found. Ticking a step already done changes nothing and answers the step as it is,
// with created false; the attempt is still recorded in the audit.
func (db *DB) MarkStepDone(ctx context.Context, a access.Actor, id, sid, note string) (step *LogStep, created bool, err error) {
	err = db.forLog(ctx, a, id, access.ActionMarkStep, audit.MarkStep, func(tx *tx, lc *logCtx) (string, error) {
		var f fault.Fields
		f.OptionalText("text", note, MaxStepNoteLen)
		if err := f.Err(); err != nil {
			return "", err
		}
		// Taking the log's row lock first makes a second tick of the same step wait for
		// the first and then see it done.
		if _, err := tx.exec(ctx, `UPDATE logs SET level = level WHERE id = ?`, lc.log.ID); err != nil {
			return "", err
		}
		lg, err := logGuide(ctx, tx, &lc.log)
		if err != nil {
			return "", err
		}
		for i := range lg.Steps {
			if lg.Steps[i].ID == sid {
				step = &lg.Steps[i]
			}
		}
		if step == nil {
			return "", fault.New(fault.NotFound, "step not found")
		}
		if step.Done {
			return sid + " already done", nil
		}
		entryID, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventStepDone, StepID: sid, StepTitle: step.Title}, note)
		if err != nil {
			return "", err
		}
		_, err = tx.exec(ctx, `INSERT INTO log_steps (id, log_id, step_id, level, version, done_at, done_by, entry_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, newID(), lc.log.ID, sid, lc.log.Level, lg.Version, tx.now, a.UserID, entryID)
		if err != nil {
			return "", err
		}
		at := tx.now
		step.Done, step.DoneAt, step.EntryID, step.Overdue, created = true, &at, entryID, false, true
		if err := tx.queryRow(ctx, `SELECT name FROM users WHERE id = ?`, a.UserID).Scan(&step.DoneBy); err != nil {
			return "", err
		}
		return sid + " " + entryID, nil
	})
	if err != nil {
		return nil, false, err
	}
	return step, created, nil
}
