package store

import (
	"context"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/notify"
)

// tellMeeting makes, in the planning's own transaction, a meeting_planned notice for
// each active member of team tid about meeting mid: due the day it was planned, so a
// meeting moved on a later day is told again. It names the team and the time only.
func tellMeeting(ctx context.Context, tx *tx, tid, mid string) error {
	uids, err := teamMembers(ctx, tx, tid)
	if err != nil {
		return err
	}
	for _, uid := range uids {
		if err := addNotice(ctx, tx, notify.Notice{Kind: notify.MeetingPlanned, UserID: uid, ObjectID: mid,
			Due: logbook.DateOf(tx.now)}); err != nil {
			return err
		}
	}
	return nil
}

func teamMembers(ctx context.Context, tx *tx, tid string) ([]string, error) {
	return queryAll(ctx, tx, func(s scanner, uid *string) error { return s.Scan(uid) },
		`SELECT m.user_id FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? AND u.active ORDER BY m.user_id`, tid)
}

// agendaReminders tell each team's members that the agenda of a meeting is ready,
// notify.AgendaLeadDays before it: one reminder per (meeting, the meeting's day,
// member), so a moved meeting is reminded again for its new day and a cancelled one
// not at all.
func agendaReminders(ctx context.Context, tx *tx, _ logbook.Date, _ *leaderCache) ([]notify.Notice, error) {
	type row struct {
		id, team string
		starts   time.Time
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
		return s.Scan(&r.id, &r.team, timeCol{&r.starts})
	}, `SELECT id, team_id, starts_at FROM team_meetings WHERE NOT cancelled AND starts_at > ? AND starts_at <= ? ORDER BY starts_at, id`,
		tx.now, tx.now.AddDate(0, 0, notify.AgendaLeadDays))
	if err != nil {
		return nil, err
	}
	var out []notify.Notice
	for _, r := range rows {
		uids, err := teamMembers(ctx, tx, r.team)
		if err != nil {
			return nil, err
		}
		for _, uid := range uids {
			out = append(out, notify.Notice{Kind: notify.MeetingPlanned, UserID: uid, ObjectID: r.id, Due: logbook.DateOf(r.starts)})
		}
	}
	return out, nil
}

// meetingReachable reports whether n's person is still a member of the meeting's team.
func meetingReachable(ctx context.Context, tx *tx, n *noticeRow) (bool, error) {
	return exists(ctx, tx, `SELECT 1 FROM team_meetings tm JOIN team_members m ON m.team_id = tm.team_id
		WHERE tm.id = ? AND m.user_id = ?`, n.ObjectID, n.UserID)
}

// meetingCurrent reports whether the meeting n is about still stands (not cancelled,
// not over; for the agenda reminder, still on the day it was made for), and fills in
// the team and time n is shown with.
func meetingCurrent(ctx context.Context, tx *tx, n *noticeRow) (bool, error) {
	var cancelled bool
	err := tx.queryRow(ctx, `SELECT t.id, t.name, tm.starts_at, tm.cancelled FROM team_meetings tm JOIN teams t ON t.id = tm.team_id
		WHERE tm.id = ?`, n.ObjectID).Scan(&n.TeamID, &n.Team, timeCol{&n.At}, &cancelled)
	if isNoRows(err) {
		return false, nil
	}
	if err != nil || cancelled || !n.At.After(tx.now) {
		return false, err
	}
	n.MeetingID = n.ObjectID
	planned := n.CreatedAt.IsZero() || n.Due == logbook.DateOf(n.CreatedAt)
	return planned || n.Due == logbook.DateOf(n.At), nil
}
