package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// Overview is what a person's front page lists: the logs they may read with their
// next deadline and what is new, the undrings waiting for their decision, measures due
// for evaluation, and transfers waiting for their answer. It holds no entry text, only
// what a list of logs shows.
type Overview struct {
	Logs        []OverviewLog
	UndringDue  []OverviewLog
	MeasuresDue []DueMeasure
	Transfers   []TransferView
	Today       logbook.Date
	// StepsDue are the action-guide steps past their deadline in the open logs the
	// person holds or leads.
	StepsDue []DueStep
}

// OverviewLog is one log in the overview.
type OverviewLog struct {
	LogSummary
	NextDeadline logbook.Date // the undring deadline, or the earliest evaluation due
	New          int          // entries by others since the person last opened the log
	Overdue      bool         // the undring deadline or an evaluation is past
}

// DueMeasure is an open measure whose evaluation is due within two weeks, or overdue.
type DueMeasure struct {
	LogID      string
	Child      logbook.Child
	MeasureID  string
	EvaluateBy logbook.Date
	Overdue    bool
}

// TransferView is a pending transfer with the names the person needs to answer it.
type TransferView struct {
	logbook.Transfer
	Child    logbook.Child
	FromName string
}

// DueWithin is how far ahead the overview lists evaluations.
const DueWithin = 14

// openMeasure is a measure's newest version whose chain has no evaluation.
const openMeasure = `m.kind = 'measure' AND NOT EXISTS (SELECT 1 FROM entries a WHERE a.amends = m.id)
	AND NOT EXISTS (SELECT 1 FROM entries ev JOIN entries mv ON mv.id = ev.measure_id
		WHERE ev.kind = 'evaluation' AND mv.origin_id = m.origin_id)`

// GetOverview returns actor a's overview. Which logs are listed is the read policy
// in SQL (visibleLogs), evaluated once; the deadlines, the measures due and the
// steps due are then read for exactly those logs.
func (db *DB) GetOverview(ctx context.Context, a access.Actor) (*Overview, error) {
	var o Overview
	err := db.view(ctx, func(tx *tx) error {
		o.Today = logbook.DateOf(tx.now)
		var err error
		if o.Logs, err = overviewLogs(ctx, tx, a.UserID); err != nil {
			return err
		}
		if o.MeasuresDue, err = measureDeadlines(ctx, tx, a, o.Logs, o.Today); err != nil {
			return err
		}
		for i := range o.Logs {
			l := &o.Logs[i]
			if l.Log.Status == logbook.StatusUndring {
				l.Overdue = l.Log.UndringDeadline.Before(tx.now)
			} else if l.Log.Status == logbook.StatusActive {
				l.Overdue = l.NextDeadline != "" && l.NextDeadline < o.Today
			}
			if l.Log.Status == logbook.StatusUndring && l.Log.UndringOutcome == logbook.UndringPending {
				o.UndringDue = append(o.UndringDue, *l)
			}
		}
		if o.StepsDue, err = overdueSteps(ctx, tx, a, o.Logs, o.Today); err != nil {
			return err
		}
		o.Transfers, err = transfersTo(ctx, tx, a.UserID)
		return err
	})
	return &o, err
}

func overviewLogs(ctx context.Context, tx *tx, uid string) ([]OverviewLog, error) {
	args := append([]any{uid, uid}, visibleArgs(uid, tx)...)
	return queryAll(ctx, tx, func(s scanner, ol *OverviewLog) error {
		return scanLog(scanFunc(func(dest ...any) error {
			return s.Scan(append(dest, &ol.HolderName, &ol.UnitName, &ol.New)...)
		}), &ol.Log)
	}, `SELECT `+prefixed("l.", logCols)+`, u.name, n.name,
		(SELECT COUNT(*) FROM entries e WHERE e.log_id = l.id AND e.author_id <> ?
			AND e.created_at > COALESCE((SELECT v.seen_at FROM log_visits v WHERE v.log_id = l.id AND v.user_id = ?), l.created_at))
		FROM logs l JOIN users u ON u.id = l.holder_id JOIN units n ON n.id = l.holder_unit_id
		WHERE `+visibleLogs+` ORDER BY l.status = 'closed', l.created_at DESC, l.id`, args...)
}

// measureDeadlines reads the open measures of the listed logs past the undring
// stage, once: it sets each log's NextDeadline (its earliest evaluation date) and
// returns the measures due within DueWithin days, or overdue, in the active logs
// where a is responsible for the measure, holds the log or leads its unit, earliest
// first.
func measureDeadlines(ctx context.Context, tx *tx, a access.Actor, logs []OverviewLog, today logbook.Date) ([]DueMeasure, error) {
	t, _ := today.Time()
	horizon := logbook.DateOf(t.AddDate(0, 0, DueWithin).Add(12 * time.Hour))
	byID := make(map[string]*OverviewLog, len(logs))
	ids := make([]string, 0, len(logs))
	for i := range logs {
		if l := &logs[i]; l.Log.Level > 0 {
			byID[l.Log.ID] = l
			ids = append(ids, l.Log.ID)
		}
	}
	type measure struct {
		logID, id, responsible string
		evaluateBy             logbook.Date
	}
	var due []DueMeasure
	seen := map[string]bool{}
	for chunk := range slices.Chunk(ids, maxInList) {
		ms, err := queryAll(ctx, tx, func(s scanner, m *measure) error {
			return s.Scan(&m.logID, &m.id, &m.evaluateBy, &m.responsible)
		}, `SELECT m.log_id, m.id, m.evaluate_by, COALESCE(m.responsible_user_id, '') FROM entries m
			WHERE m.log_id IN (`+placeholders(len(chunk))+`) AND `+openMeasure, anys(chunk)...)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			l := byID[m.logID]
			// The earliest date, as SQL's MIN: a measure without one ('') comes first.
			if !seen[m.logID] || m.evaluateBy < l.NextDeadline {
				l.NextDeadline, seen[m.logID] = m.evaluateBy, true
			}
			if l.Log.Status != logbook.StatusActive || m.evaluateBy == "" || m.evaluateBy > horizon {
				continue
			}
			if m.responsible == a.UserID || l.Log.HolderID == a.UserID || a.Roles.InUnit(people.UnitLeader, l.Log.HolderUnitID) {
				due = append(due, DueMeasure{LogID: m.logID, Child: l.Log.Child, MeasureID: m.id,
					EvaluateBy: m.evaluateBy, Overdue: m.evaluateBy < today})
			}
		}
	}
	slices.SortFunc(due, func(x, y DueMeasure) int {
		return cmp.Or(cmp.Compare(x.EvaluateBy, y.EvaluateBy), cmp.Compare(x.LogID, y.LogID), cmp.Compare(x.MeasureID, y.MeasureID))
	})
	return due, nil
}

// maxInList is the most values one IN (…) list gets; longer lists are read in parts.
const maxInList = 500

// placeholders returns n comma-separated placeholders.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// anys returns ss as query arguments.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// transfersTo returns the transfers waiting for uid's answer, with whose log each is,
// as ListTransfersTo chooses them.
func transfersTo(ctx context.Context, tx *tx, uid string) ([]TransferView, error) {
	return queryAll(ctx, tx, func(s scanner, tv *TransferView) error {
		return scanTransfer(scanFunc(func(dest ...any) error {
			return s.Scan(append(dest, &tv.Child.Name, &tv.Child.Initials, &tv.Child.BirthDate, &tv.FromName)...)
		}), &tv.Transfer)
	}, `SELECT `+prefixed("t.", transferCols)+`, l.child_name, l.child_initials, l.child_birth_date, u.name
		FROM transfers t JOIN logs l ON l.id = t.log_id JOIN users u ON u.id = t.from_user_id
		WHERE t.to_user_id = ? AND t.status = 'pending' AND `+consentCovers+`t.to_unit_id) ORDER BY t.proposed_at`, uid, tx.now, tx.now)
}

// recordVisit notes that the actor opened the log now, for "new since last visit".
func recordVisit(ctx context.Context, tx *tx, uid, logID string) error {
	_, err := tx.exec(ctx, `INSERT INTO log_visits (user_id, log_id, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id, log_id) DO UPDATE SET seen_at = excluded.seen_at`, uid, logID, tx.now)
	return err
}
