package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/team"
)

// CreateSeries validates series s of team tid and stores it with its meetings (every
// occurrence, team.Series.Occurrences), done by p: a member or a manager of the team.
func (db *DB) CreateSeries(ctx context.Context, p *people.Principal, tid string, s *team.Series) ([]team.Meeting, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var out []team.Meeting
	err := db.update(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanPlanMeetings)
		if err != nil {
			return err
		}
		s.ID, s.TeamID = newID(), tid
		if _, err := tx.exec(ctx, `INSERT INTO team_series (id, team_id, first_at, every_days, minutes, until, place, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, tid, s.First, s.EveryDays, s.Minutes, string(s.Until), s.Place,
			p.User.ID, tx.now); err != nil {
			return err
		}
		for _, o := range s.Occurrences() {
			m := team.Meeting{ID: newID(), TeamID: tid, SeriesID: s.ID, StartsAt: o.Start, EndsAt: o.End, Place: s.Place}
			if _, err := tx.exec(ctx, `INSERT INTO team_meetings (id, team_id, series_id, starts_at, ends_at, place)
				VALUES (?, ?, ?, ?, ?, ?)`, m.ID, tid, s.ID, m.StartsAt, m.EndsAt, m.Place); err != nil {
				return err
			}
			out = append(out, m)
		}
		return recordTeam(ctx, tx, p, v, audit.CreateSeries, s.ID)
	})
	return out, err
}

const meetingCols = `id, team_id, COALESCE(series_id, ''), starts_at, ends_at, place, cancelled, sequence, minutes_text`

func scanMeeting(s scanner, m *team.Meeting) error {
	return s.Scan(&m.ID, &m.TeamID, &m.SeriesID, timeCol{&m.StartsAt}, timeCol{&m.EndsAt}, &m.Place, &m.Cancelled,
		&m.Sequence, &m.Minutes)
}

// ListMeetings returns team tid's meetings that start in [from, to) (unbounded when
// zero), by time, for a member or manager of the team. Minutes are left out.
func (db *DB) ListMeetings(ctx context.Context, p *people.Principal, tid string, from, to time.Time) (*TeamView, []team.Meeting, error) {
	if err := signedIn(p); err != nil {
		return nil, nil, err
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var v *TeamView
	var out []team.Meeting
	err := db.view(ctx, func(tx *tx) (err error) {
		if v, err = teamFor(ctx, tx, p, tid, access.CanSeeTeam); err != nil {
			return err
		}
		out, err = queryAll(ctx, tx, scanMeeting, `SELECT `+meetingCols+` FROM team_meetings
			WHERE team_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id`, tid, from, to)
		for i := range out {
			out[i].Minutes = ""
		}
		return err
	})
	return v, out, err
}

// changeMeeting loads meeting mid of team tid for p (a member or manager), lets
// change alter it and writes it back, recording action.
func (db *DB) changeMeeting(ctx context.Context, p *people.Principal, tid, mid string, action audit.Action,
	change func(*team.Meeting) error) (*team.Meeting, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var m team.Meeting
	err := db.update(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanPlanMeetings)
		if err != nil {
			return err
		}
		if err := getMeeting(ctx, tx, tid, mid, &m); err != nil {
			return err
		}
		if err := change(&m); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE team_meetings SET starts_at = ?, ends_at = ?, cancelled = ?, sequence = ? WHERE id = ?`,
			m.StartsAt, m.EndsAt, m.Cancelled, m.Sequence, m.ID); err != nil {
			return err
		}
		return recordTeam(ctx, tx, p, v, action, m.ID)
	})
	return &m, err
}

func getMeeting(ctx context.Context, tx *tx, tid, mid string, m *team.Meeting) error {
	err := scanMeeting(tx.queryRow(ctx, `SELECT `+meetingCols+` FROM team_meetings WHERE id = ? AND team_id = ?`, mid, tid), m)
	return notFound(err, "meeting")
}

// CancelMeeting cancels meeting mid of team tid (a second time is a conflict).
func (db *DB) CancelMeeting(ctx context.Context, p *people.Principal, tid, mid string) (*team.Meeting, error) {
	return db.changeMeeting(ctx, p, tid, mid, audit.CancelMeeting, (*team.Meeting).Cancel)
}

// MoveMeeting moves meeting mid of team tid to start at start for minutes minutes.
func (db *DB) MoveMeeting(ctx context.Context, p *people.Principal, tid, mid string, start time.Time, minutes int) (*team.Meeting, error) {
	return db.changeMeeting(ctx, p, tid, mid, audit.MoveMeeting, func(m *team.Meeting) error { return m.Move(start, minutes) })
}

// validTeamMeeting refuses a meeting id that is not one of team tid's.
func validTeamMeeting(ctx context.Context, tx *tx, tid, mid, field string) error {
	var m team.Meeting
	if err := getMeeting(ctx, tx, tid, mid, &m); err != nil {
		if fault.Is(err, fault.NotFound) {
			return fault.Validation(field, fault.FieldNotFound)
		}
		return err
	}
	return nil
}
