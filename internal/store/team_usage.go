package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/team"
)

// TeamUsageReport is the teams of an organiser and what their meetings came to in a
// period (team.Usage), with the organiser's hours of a full-time year for the årsverk.
type TeamUsageReport struct {
	HoursPerFTE int
	Teams       []team.Usage
}

// TeamUsage counts, for the teams owned by municipality mid or network nid, the
// meetings held from to to (YYYY-MM-DD in Europe/Oslo, inclusive; empty for open), the
// cases on them and the cases that became logs, and the members' hours in them. Read by
// those who read the organiser's course report (its administrators or coordinators);
// forbidden to others who work there, not found to the rest. Counts only: nothing of a
// case or a log is read.
func (db *DB) TeamUsage(ctx context.Context, p *people.Principal, mid, nid, from, to string) (*TeamUsageReport, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	if (mid == "") == (nid == "") {
		return nil, fault.Validation("municipality_id", fault.FieldRequired)
	}
	start, end, err := usagePeriod(from, to)
	if err != nil {
		return nil, err
	}
	var r TeamUsageReport
	err = db.view(ctx, func(tx *tx) error {
		o, err := loadOrganiser(ctx, tx, mid, nid)
		if err != nil {
			return err
		}
		if !o.runs(p) {
			return o.refuse(p)
		}
		if r.HoursPerFTE, err = o.hoursPerFTE(ctx, tx); err != nil {
			return err
		}
		r.Teams, err = teamUsage(ctx, tx, `municipality_id = ? OR network_id = ?`, []any{mid, nid}, start, end, tx.now)
		return err
	})
	return &r, err
}

// TeamUsageOf is TeamUsage for team tid alone, for anyone who may see the team (its
// members and the managers of its owner), with the owner's hours of a full-time year.
func (db *DB) TeamUsageOf(ctx context.Context, p *people.Principal, tid, from, to string) (*TeamUsageReport, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	start, end, err := usagePeriod(from, to)
	if err != nil {
		return nil, err
	}
	var r TeamUsageReport
	err = db.view(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanSeeTeam)
		if err != nil {
			return err
		}
		o := &organiser{municipalityID: v.MunicipalityID, networkID: v.NetworkID}
		if r.HoursPerFTE, err = o.hoursPerFTE(ctx, tx); err != nil {
			return err
		}
		r.Teams, err = teamUsage(ctx, tx, `id = ?`, []any{tid}, start, end, tx.now)
		return err
	})
	return &r, err
}

// usagePeriod is from..to as times: [start of from, end of to) in Europe/Oslo, the
// widest times for an open end.
func usagePeriod(from, to string) (time.Time, time.Time, error) {
	loc := logbook.InOslo(time.Time{}).Location()
	start, end := time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	if from != "" {
		t, err := time.ParseInLocation(time.DateOnly, from, loc)
		if err != nil {
			return start, end, fault.Validation("from", fault.FieldFormat)
		}
		start = t.UTC()
	}
	if to != "" {
		t, err := time.ParseInLocation(time.DateOnly, to, loc)
		if err != nil {
			return start, end, fault.Validation("to", fault.FieldFormat)
		}
		end = t.AddDate(0, 0, 1).UTC()
	}
	return start, end, nil
}

// teamUsage counts the teams selected by where (on teams, with args) over the meetings
// that start in [start, end), held by now; by team name.
func teamUsage(ctx context.Context, tx *tx, where string, args []any, start, end, now time.Time) ([]team.Usage, error) {
	out, err := queryAll(ctx, tx, func(s scanner, u *team.Usage) error { return s.Scan(&u.TeamID, &u.Name, &u.Kind, &u.Members) },
		`SELECT t.id, t.name, t.kind, (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) FROM teams t
		WHERE `+where+` ORDER BY t.name, t.id`, args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	people.SortByName(out, func(u team.Usage) string { return u.Name })
	byID := make(map[string]*team.Usage, len(out))
	for i := range out {
		byID[out[i].TeamID] = &out[i]
	}
	in := `team_id IN (SELECT id FROM teams WHERE ` + where + `) AND starts_at >= ? AND starts_at < ?`
	margs := append(append([]any{}, args...), start, end)
	meetings, err := queryAll(ctx, tx, scanMeeting, `SELECT `+meetingCols+` FROM team_meetings WHERE `+in, margs...)
	if err != nil {
		return nil, err
	}
	held := map[string]bool{}
	for _, m := range meetings {
		if u := byID[m.TeamID]; u != nil && u.AddMeeting(m, now) {
			held[m.ID] = true
		}
	}
	cases, err := queryAll(ctx, tx, func(s scanner, c *[3]string) error { return s.Scan(&c[0], &c[1], &c[2]) },
		`SELECT team_id, meeting_id, COALESCE(created_log_id, '') FROM team_cases
		WHERE meeting_id IN (SELECT id FROM team_meetings WHERE `+in+`)`, margs...)
	if err != nil {
		return nil, err
	}
	for _, c := range cases {
		if u := byID[c[0]]; u != nil && held[c[1]] {
			u.Cases++
			if c[2] != "" {
				u.ToLogs++
			}
		}
	}
	return out, nil
}
