package store

import (
	"context"
	"slices"
	"strings"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// DueStep is an action-guide step past its deadline in an open log that the person
// holds or leads: what the overview lists under overdue steps.
type DueStep struct {
	LogID  string
	Child  logbook.Child
	StepID string
	Title  string
	Level  int
	Due    logbook.Date
}

// leadsLog reports whether a answers for following the guide in log l: its holder, a
// leader of its unit, or — for an undring — its author or a leader of the unit it
// was opened in.
func leadsLog(a access.Actor, l *logbook.Log) bool {
	if l.HolderID == a.UserID {
		return true
	}
	if l.IsUndring() {
		return l.CreatedBy == a.UserID || a.Roles.InUnit(people.UnitLeader, l.CreatedUnitID)
	}
	return a.Roles.InUnit(people.UnitLeader, l.HolderUnitID)
}

// overdueSteps lists the steps past their deadline and not ticked in the open logs
// among logs (already filtered by the read policy) that a leads, earliest first.
func overdueSteps(ctx context.Context, tx *tx, a access.Actor, logs []OverviewLog, today logbook.Date) ([]DueStep, error) {
	var mine []*logbook.Log
	for i := range logs {
		if l := &logs[i].Log; l.Status != logbook.StatusClosed && leadsLog(a, l) {
			mine = append(mine, l)
		}
	}
	if len(mine) == 0 {
		return nil, nil
	}
	// The ticks of this stay at the level, in these logs (which the read policy
	// has let through already).
	done := map[[2]string]bool{}
	for chunk := range slices.Chunk(mine, maxInList) {
		ids := make([]string, len(chunk))
		for i, l := range chunk {
			ids[i] = l.ID
		}
		ticks, err := queryAll(ctx, tx, scanPair, `SELECT s.log_id, s.step_id FROM log_steps s JOIN logs l ON l.id = s.log_id
			WHERE s.log_id IN (`+placeholders(len(chunk))+`) AND s.done_at >= l.level_entered_at`, anys(ids)...)
		if err != nil {
			return nil, err
		}
		for _, t := range ticks {
			done[t] = true
		}
	}
	guides := map[string]*guide.Guide{}
	var out []DueStep
	for _, l := range mine {
		g, ok := guides[l.MunicipalityID]
		if !ok {
			pg, err := tx.publishedGuide(ctx, l.MunicipalityID)
			if err != nil && !fault.Is(err, fault.NotFound) {
				return nil, err
			}
			if pg != nil {
				g = &pg.Guide
			}
			guides[l.MunicipalityID] = g
		}
		if g == nil {
			continue
		}
		level := g.Level(int(l.Level))
		if level == nil {
			continue
		}
		for _, s := range level.Steps {
			if s.DeadlineDays == nil || done[[2]string{l.ID, s.ID}] {
				continue
			}
			if due := dueDate(l.LevelEnteredAt, *s.DeadlineDays); due < today {
				out = append(out, DueStep{LogID: l.ID, Child: l.Child, StepID: s.ID, Title: s.Title, Level: int(l.Level), Due: due})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y DueStep) int {
		if c := strings.Compare(string(x.Due), string(y.Due)); c != 0 {
			return c
		}
		return strings.Compare(x.LogID, y.LogID)
	})
	return out, nil
}
