package store

import (
	"context"
	"strings"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/org"
)

// UnitPageSize is how many logs one page of the unit view lists.
const UnitPageSize = 50

// maxUnitOverdue bounds each of the unit view's lists of what is overdue.
const maxUnitOverdue = 100

// UnitLogFilter chooses and orders the logs of the leaders' unit view.
type UnitLogFilter struct {
	Level   int    // 0–3, or -1 for every level
	Status  string // "" the open logs (undring and active), "closed", or "all"
	Holder  string // a holder's user id, "" for every holder
	Overdue bool   // only logs with an undring deadline or an evaluation date passed
	Child   string // part of the child's name or initials
	Sort    string // "new" (default), "old", "child" or "level"
	Page    int    // from 1
}

// UnitLogs is one page of the logs of a unit, as its leaders see them, with what is
// overdue in the whole unit and who must act on it.
type UnitLogs struct {
	Unit    org.Unit
	Today   logbook.Date
	Logs    []OverviewLog // NextDeadline and Overdue set; New is not counted here
	Total   int           // logs matching the filter, over every page
	Pages   int
	Holders []Person // everyone holding an open log of the unit, by name
	// OverdueMeasures are open measures past their evaluation date in the unit's
	// active logs, and OverdueUndring undringer past their decision deadline,
	// earliest first; each names who must act.
	OverdueMeasures []OverdueMeasure
	OverdueUndring  []OverdueUndring
	// MoreOverdue says the lists were cut at maxUnitOverdue each.
	MoreOverdue bool
}

// Person is a user by id and name.
type Person struct{ ID, Name string }

// OverdueMeasure is a measure whose evaluation is late; Actor is its responsible
// person, or the log's holder when it has none.
type OverdueMeasure struct {
	LogID      string
	Child      logbook.Child
	MeasureID  string
	EvaluateBy logbook.Date
	Actor      Person
}

// OverdueUndring is an undring past its decision deadline; Actor is its author.
type OverdueUndring struct {
	LogID    string
	Child    logbook.Child
	Deadline time.Time
	Actor    Person
}

// unitScope is SQL that holds for the logs of unit ? (twice) a leader of it sees:
// those it holds past the undring stage, and the undringer written in it.
const unitScope = `((l.level > 0 AND l.holder_unit_id = ?) OR (l.level = 0 AND l.created_unit_id = ?))`

// evaluationLate is SQL that holds when an open measure of log l is past its
// evaluation date (the argument: today).
const evaluationLate = `EXISTS (SELECT 1 FROM entries m WHERE m.log_id = l.id AND m.evaluate_by <> '' AND m.evaluate_by < ? AND ` + openMeasure + `)`

// UnitLogs returns page f.Page of the logs of unit unitID for its leader a. Only the
// unit's leaders may ask (anyone else: not found, as the unit's logs are invisible
// to them); the logs pass the read policy in SQL besides, and the page is paged in
// SQL. Every log shown, in the page or the overdue lists, is recorded in the audit.
func (db *DB) UnitLogs(ctx context.Context, a access.Actor, unitID string, f UnitLogFilter) (*UnitLogs, error) {
	if !access.CanSeeUnitLogs(a, unitID) {
		return nil, fault.New(fault.NotFound, "unit not found")
	}
	u, err := db.GetUnit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	out := &UnitLogs{Unit: *u}
	if f.Page < 1 {
		f.Page = 1
	}
	err = db.view(ctx, func(tx *tx) error {
		out.Today = logbook.DateOf(tx.now)
		today := out.Today.String()
		where := unitScope + ` AND ` + visibleLogs
		args := append([]any{unitID, unitID}, visibleArgs(a.UserID, tx)...)
		switch f.Status {
		case "closed":
			where += ` AND l.status = 'closed'`
		case "all":
		default:
			where += ` AND l.status <> 'closed'`
		}
		if f.Level >= 0 && f.Level <= 3 {
			where += ` AND l.level = ?`
			args = append(args, f.Level)
		}
		if f.Holder != "" {
			where += ` AND l.holder_id = ?`
			args = append(args, f.Holder)
		}
		if f.Overdue {
			where += ` AND ((l.status = 'undring' AND l.undring_deadline < ?) OR (l.status = 'active' AND ` + evaluationLate + `))`
			args = append(args, tx.now, today)
		}
		if q := strings.TrimSpace(f.Child); q != "" {
			pattern := "%" + likeEscape.Replace(searchFold(q)) + "%"
			where += ` AND (LOWER(l.child_name) LIKE ? ESCAPE '\' OR LOWER(l.child_initials) LIKE ? ESCAPE '\')`
			args = append(args, pattern, pattern)
		}
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM logs l WHERE `+where, args...).Scan(&out.Total); err != nil {
			return err
		}
		out.Pages = max(1, (out.Total+UnitPageSize-1)/UnitPageSize)
		order := `l.created_at DESC, l.id`
		switch f.Sort {
		case "old":
			order = `l.created_at, l.id`
		case "child":
			order = `LOWER(COALESCE(NULLIF(l.child_name, ''), l.child_initials)), l.id`
		case "level":
			order = `l.level DESC, l.created_at DESC, l.id`
		}
		var err error
		out.Logs, err = queryAll(ctx, tx, func(s scanner, ol *OverviewLog) error {
			var next string
			err := scanLog(scanFunc(func(dest ...any) error {
				return s.Scan(append(dest, &ol.HolderName, &ol.UnitName, &next)...)
			}), &ol.Log)
			ol.NextDeadline = logbook.Date(next)
			return err
		}, `SELECT `+prefixed("l.", logCols)+`, u.name, n.name,
			(SELECT COALESCE(MIN(m.evaluate_by), '') FROM entries m WHERE m.log_id = l.id AND m.evaluate_by <> '' AND `+openMeasure+`)
			FROM logs l JOIN users u ON u.id = l.holder_id JOIN units n ON n.id = l.holder_unit_id
			WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, UnitPageSize, (f.Page-1)*UnitPageSize)...)
		if err != nil {
			return err
		}
		for i := range out.Logs {
			l := &out.Logs[i]
			switch l.Log.Status {
			case logbook.StatusUndring:
				l.Overdue = l.Log.UndringDeadline.Before(tx.now)
			case logbook.StatusActive:
				l.Overdue = l.NextDeadline != "" && l.NextDeadline < out.Today
			}
		}
		scope := append([]any{unitID, unitID}, visibleArgs(a.UserID, tx)...)
		if out.Holders, err = queryAll(ctx, tx, scanPerson, `SELECT DISTINCT u.id, u.name FROM logs l JOIN users u ON u.id = l.holder_id
			WHERE `+unitScope+` AND `+visibleLogs+` AND l.status <> 'closed' ORDER BY u.name, u.id`, scope...); err != nil {
			return err
		}
		if out.OverdueMeasures, err = queryAll(ctx, tx, func(s scanner, m *OverdueMeasure) error {
			return s.Scan(&m.LogID, &m.Child.Name, &m.Child.Initials, &m.Child.BirthDate, &m.MeasureID, &m.EvaluateBy, &m.Actor.ID, &m.Actor.Name)
		}, `SELECT l.id, l.child_name, l.child_initials, l.child_birth_date, m.id, m.evaluate_by, w.id, w.name
			FROM entries m JOIN logs l ON l.id = m.log_id JOIN users w ON w.id = COALESCE(NULLIF(m.responsible_user_id, ''), l.holder_id)
			WHERE `+unitScope+` AND `+visibleLogs+` AND l.status = 'active' AND m.evaluate_by <> '' AND m.evaluate_by < ? AND `+openMeasure+`
			ORDER BY m.evaluate_by, l.id, m.id LIMIT ?`, append(scope, today, maxUnitOverdue+1)...); err != nil {
			return err
		}
		if out.OverdueUndring, err = queryAll(ctx, tx, func(s scanner, d *OverdueUndring) error {
			return s.Scan(&d.LogID, &d.Child.Name, &d.Child.Initials, &d.Child.BirthDate, timeCol{&d.Deadline}, &d.Actor.ID, &d.Actor.Name)
		}, `SELECT l.id, l.child_name, l.child_initials, l.child_birth_date, l.undring_deadline, w.id, w.name
			FROM logs l JOIN users w ON w.id = l.created_by
			WHERE `+unitScope+` AND `+visibleLogs+` AND l.status = 'undring' AND l.undring_outcome = '' AND l.undring_deadline < ?
			ORDER BY l.undring_deadline, l.id LIMIT ?`, append(scope, tx.now, maxUnitOverdue+1)...); err != nil {
			return err
		}
		if len(out.OverdueMeasures) > maxUnitOverdue || len(out.OverdueUndring) > maxUnitOverdue {
			out.MoreOverdue = true
			out.OverdueMeasures = out.OverdueMeasures[:min(len(out.OverdueMeasures), maxUnitOverdue)]
			out.OverdueUndring = out.OverdueUndring[:min(len(out.OverdueUndring), maxUnitOverdue)]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, db.auditUnitList(ctx, a, out)
}

// auditUnitList records, in one transaction, every log the unit view showed.
func (db *DB) auditUnitList(ctx context.Context, a access.Actor, ul *UnitLogs) error {
	mid := ul.Unit.MunicipalityID
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, l := range ul.Logs {
		add(l.Log.ID)
	}
	for _, m := range ul.OverdueMeasures {
		add(m.LogID)
	}
	for _, d := range ul.OverdueUndring {
		add(d.LogID)
	}
	if len(ids) == 0 {
		return nil
	}
	return db.update(ctx, func(tx *tx) error {
		for _, id := range ids {
			if err := appendAudit(ctx, tx, &audit.Event{ActorID: a.UserID, Role: "leader", UnitID: ul.Unit.ID,
				MunicipalityID: mid, LogID: id, Action: audit.ListUnitLog}); err != nil {
				return err
			}
		}
		return nil
	})
}

func scanPerson(s scanner, p *Person) error { return s.Scan(&p.ID, &p.Name) }
