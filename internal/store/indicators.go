package store

import (
	"context"
	"strings"
	"time"

	"stafett/internal/indicators"
	"stafett/internal/logbook"
)

// The result indicators are counted in SQL, a few aggregate queries per view, each
// grouped by municipality (or by unit) over index ranges of the dates the period
// filters on (migration 0024), answered from indexes that hold every column read
// (migration 0026); Go only adds up the grouped rows. Which places a
// viewer may see and what they are shown is decided around these (indicator_read.go).

// indicatorPeriod is a period of whole days in Europe/Oslo: [start, end).
type indicatorPeriod struct {
	from, to   logbook.Date
	start, end time.Time
	now        time.Time
}

// newIndicatorPeriod is the period from..to (valid dates, from ≤ to) at now.
func newIndicatorPeriod(from, to logbook.Date, now time.Time) indicatorPeriod {
	loc := logbook.InOslo(now).Location()
	f, _ := from.Time()
	t, _ := to.Time()
	return indicatorPeriod{from: from, to: to, now: now,
		start: time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc).UTC(),
		end:   time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc).UTC()}
}

// cutoff is the end of the period, or now when that comes first: what is due by then.
func (p indicatorPeriod) cutoff() time.Time {
	if p.now.Before(p.end) {
		return p.now
	}
	return p.end
}

// wholeDays is the SQL for the whole days from one time column to another.
func (d dialect) wholeDays(from, to string) string {
	if d.name == "postgres" {
		return "CAST(FLOOR(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) / 86400) AS INTEGER)"
	}
	return "CAST(julianday(" + to + ") - julianday(" + from + ") AS INTEGER)"
}

// utcDate is the SQL for the UTC date (YYYY-MM-DD) of a time column.
func (d dialect) utcDate(col string) string {
	if d.name == "postgres" {
		return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
	}
	return "substr(" + col + ", 1, 10)"
}

// Grouping columns of the indicator queries: by municipality, or by the unit that
// holds the log.
const (
	byMunicipality = "l.municipality_id"
	byUnit         = "l.holder_unit_id"
)

// indicatorFigures counts the figures of the logs of municipalities mids in period
// p, grouped by group (byMunicipality or byUnit): one Figures per group value.
func indicatorFigures(ctx context.Context, tx *tx, group string, mids []string, p indicatorPeriod) (map[string]indicators.Figures, error) {
	out := map[string]indicators.Figures{}
	add := func(id string, k indicators.Key, f indicators.Figure) {
		if out[id] == nil {
			out[id] = indicators.Figures{}
		}
		out[id][k] = out[id][k].Add(f)
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(mids)), ", ") + ")"
	ids := make([]any, len(mids))
	for i, m := range mids {
		ids[i] = m
	}
	args := func(before []any, after ...any) []any {
		return append(append(append([]any{}, before...), ids...), after...)
	}
	type q struct {
		sql  string
		args []any
		scan func(s scanner) error
	}
	days := tx.d.wholeDays
	var id string
	var n, part, due, d int
	queries := []q{
		{`SELECT ` + group + `, COUNT(*), SUM(CASE WHEN l.undring_outcome = 'activated' THEN 1 ELSE 0 END)
			FROM logs l WHERE l.municipality_id IN ` + in + ` AND l.created_at >= ? AND l.created_at < ? GROUP BY ` + group,
			args(nil, p.start, p.end), func(s scanner) error {
				if err := s.Scan(&id, &n, &part); err != nil {
					return err
				}
				add(id, indicators.UndringerOpened, indicators.Figure{N: n})
				add(id, indicators.LogsOpened, indicators.Figure{N: part})
				return nil
			}},
		{`SELECT ` + group + `, COUNT(*), SUM(CASE WHEN l.closure_reason = 'goal_reached' THEN 1 ELSE 0 END)
			FROM logs l WHERE l.municipality_id IN ` + in + ` AND l.closed_at >= ? AND l.closed_at < ?
			AND l.undring_outcome = 'activated' GROUP BY ` + group,
			args(nil, p.start, p.end), func(s scanner) error {
				if err := s.Scan(&id, &n, &part); err != nil {
					return err
				}
				add(id, indicators.LogsClosed, indicators.Figure{N: n})
				add(id, indicators.ClosedGoalReached, indicators.Figure{N: part})
				return nil
			}},
		{`SELECT ` + group + `, l.level, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM entries e WHERE e.log_id = l.id
				AND e.author_role IN ('guardian', 'youth') AND e.created_at >= ? AND e.created_at < ?) THEN 1 ELSE 0 END)
			FROM logs l WHERE l.municipality_id IN ` + in + ` AND l.undring_outcome = 'activated' AND l.created_at < ?
			AND (l.status = 'active' OR l.closed_at >= ?) GROUP BY ` + group + `, l.level`,
			args([]any{p.start, p.end}, p.end, p.end), func(s scanner) error {
				var level int
				if err := s.Scan(&id, &level, &n, &part); err != nil {
					return err
				}
				switch level {
				case 1:
					add(id, indicators.ActiveLevel1, indicators.Figure{N: n})
				case 2:
					add(id, indicators.ActiveLevel2, indicators.Figure{N: n})
				case 3:
					add(id, indicators.ActiveLevel3, indicators.Figure{N: n})
				}
				add(id, indicators.FamilyEntriesShare, indicators.Figure{N: n, Part: part})
				return nil
			}},
		// A log's first decision, once per log (a correlated subquery here was read
		// again for each of the four places that use it).
		{`SELECT g, days, COUNT(*), SUM(ontime), SUM(due) FROM (
				SELECT g, CASE WHEN decided IS NULL THEN -1 ELSE ` + days("c", "decided") + ` END AS days,
					CASE WHEN decided IS NOT NULL AND decided <= dl THEN 1 ELSE 0 END AS ontime,
					CASE WHEN decided IS NOT NULL OR dl < ? THEN 1 ELSE 0 END AS due
				FROM (SELECT ` + group + ` AS g, l.created_at AS c, l.undring_deadline AS dl, MIN(e.created_at) AS decided
					FROM logs l LEFT JOIN entries e ON e.log_id = l.id
						AND e.kind IN ('undring_decision', 'level_change', 'closure')
					WHERE l.municipality_id IN ` + in + ` AND l.created_at >= ? AND l.created_at < ?
					GROUP BY l.id, ` + group + `, l.created_at, l.undring_deadline) x) y
			GROUP BY g, days`,
			args([]any{p.cutoff()}, p.start, p.end), func(s scanner) error {
				if err := s.Scan(&id, &d, &n, &part, &due); err != nil {
					return err
				}
				if d >= 0 {
					add(id, indicators.UndringDecisionDaysMedian, indicators.Figure{N: n, Days: map[int]int{d: n}})
				}
				add(id, indicators.UndringDecidedOnTimeShare, indicators.Figure{N: due, Part: part})
				return nil
			}},
		// Driven from the municipalities' logs (index logs_municipality_created) to their
		// measures due (entries_measures, which holds each measure's first evaluation,
		// noteEvaluation): CROSS JOIN keeps SQLite to that order, which otherwise reads
		// every measure due in the period nationwide.
		{`SELECT ` + group + `, COUNT(*), SUM(CASE WHEN m.first_evaluation_at IS NOT NULL
				AND ` + tx.d.utcDate("m.first_evaluation_at") + ` <= m.evaluate_by THEN 1 ELSE 0 END)
			FROM logs l CROSS JOIN entries m
			WHERE l.municipality_id IN ` + in + ` AND m.log_id = l.id
			AND m.kind = 'measure' AND m.evaluate_by >= ? AND m.evaluate_by <= ? AND m.evaluate_by < ?
			AND NOT EXISTS (SELECT 1 FROM entries a WHERE a.amends = m.id)
			GROUP BY ` + group,
			args(nil, string(p.from), string(p.to), string(logbook.DateOf(p.now))), func(s scanner) error {
				if err := s.Scan(&id, &n, &part); err != nil {
					return err
				}
				add(id, indicators.MeasuresEvaluatedOnTimeShare, indicators.Figure{N: n, Part: part})
				return nil
			}},
		{`SELECT g, days, COUNT(*) FROM (SELECT ` + group + ` AS g, ` + days("t.proposed_at", "t.answered_at") + ` AS days
				FROM transfers t JOIN logs l ON l.id = t.log_id
				WHERE t.status = 'accepted' AND t.answered_at >= ? AND t.answered_at < ? AND l.municipality_id IN ` + in + `) x
			GROUP BY g, days`,
			args([]any{p.start, p.end}), func(s scanner) error {
				if err := s.Scan(&id, &d, &n); err != nil {
					return err
				}
				add(id, indicators.TransfersAccepted, indicators.Figure{N: n})
				add(id, indicators.TransferAcceptDaysMedian, indicators.Figure{N: n, Days: map[int]int{d: n}})
				return nil
			}},
		// Driven from the municipalities' logs that were open at some time in the
		// period (implied by the conditions on the consent; they keep the logs read
		// to those) to their consents.
		{`SELECT ` + group + `, COUNT(*) FROM logs l CROSS JOIN consents c
			WHERE l.municipality_id IN ` + in + ` AND l.undring_outcome = 'activated' AND l.created_at < ?
			AND (l.closed_at IS NULL OR l.closed_at > ?) AND c.log_id = l.id
			AND c.expires_at >= ? AND c.expires_at < ? AND (c.withdrawn_at IS NULL OR c.withdrawn_at > c.expires_at)
			AND l.created_at < c.expires_at AND (l.closed_at IS NULL OR l.closed_at > c.expires_at)
			AND NOT EXISTS (SELECT 1 FROM consents r WHERE r.log_id = c.log_id AND r.id <> c.id AND r.given_at <= c.expires_at
				AND (r.expires_at IS NULL OR r.expires_at > c.expires_at) AND (r.withdrawn_at IS NULL OR r.withdrawn_at > c.expires_at))
			GROUP BY ` + group,
			args(nil, p.cutoff(), p.start, p.start, p.cutoff()), func(s scanner) error {
				if err := s.Scan(&id, &n); err != nil {
					return err
				}
				add(id, indicators.ConsentsLapsedWhileActive, indicators.Figure{N: n})
				return nil
			}},
	}
	for _, q := range queries {
		rows, err := tx.query(ctx, q.sql, q.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			if err := q.scan(rows); err != nil {
				rows.Close()
				return nil, err
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
