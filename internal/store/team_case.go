package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/team"
)

// CaseView is a case as a team member sees it. For a named case, Concern and the
// advice are there only while the log's valid consent covers every unit of the team;
// otherwise Unavailable is set and nothing of the log is shown. CreatedLogID (the
// undring made from an anonymous case) is shown only to the one who brought it.
type CaseView struct {
	team.Case
	Concern      string        `json:"concern,omitempty"`
	Unavailable  bool          `json:"unavailable,omitempty"`
	CreatedLogID string        `json:"created_log_id,omitempty"`
	Advice       []team.Advice `json:"advice"`
}

// MeetingView is one meeting as a member sees it: its agenda of cases, the cases to
// follow up there, who attended and the minutes.
type MeetingView struct {
	Team       *TeamView
	Meeting    team.Meeting
	Cases      []CaseView
	FollowUps  []CaseView
	Attendance []string
}

// ErrConsentMissing is the answer to a named case whose log's valid consent does not
// cover every unit of the team.
var errConsentMissing = fault.Validation("consent", fault.FieldMissing)

// AddCase puts case c on the agenda of meeting mid of team tid, done by p, a member.
// An anonymous case is brought by one of p's units; a named case's log must be one p
// may read, with a valid consent that covers every unit of the team (else 422
// naming the consent). The log records that its case went to the team.
func (db *DB) AddCase(ctx context.Context, p *people.Principal, tid, mid string, c *team.Case) error {
	if err := signedIn(p); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanWorkCases)
		if err != nil {
			return err
		}
		var m team.Meeting
		if err := getMeeting(ctx, tx, tid, mid, &m); err != nil {
			return err
		}
		if m.Cancelled {
			return fault.New(fault.Conflict, "the meeting is cancelled")
		}
		c.ID, c.TeamID, c.MeetingID, c.BroughtBy, c.CreatedAt = newID(), tid, mid, p.User.ID, tx.now
		if c.Anonymous {
			if !p.Roles.InUnit(people.Employee, c.BroughtByUnitID) && !p.Roles.InUnit(people.UnitLeader, c.BroughtByUnitID) {
				return fault.Validation("brought_by_unit_id", fault.FieldNotAllow)
			}
		} else {
			lc, err := namedCaseLog(ctx, tx, p, v, c.LogID)
			if err != nil {
				return err
			}
			if err := lc.record(ctx, tx, audit.AddTeamCase, tid); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO team_cases (id, team_id, meeting_id, anonymous, age, grade, theme, question,
			brought_by_unit_id, brought_by, log_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, tid, mid, c.Anonymous, c.Age, c.Grade, c.Theme, c.Question, nullString(c.BroughtByUnitID), p.User.ID,
			nullString(c.LogID), tx.now); err != nil {
			return err
		}
		return recordTeam(ctx, tx, p, v, audit.AddTeamCase, c.ID)
	})
}

// namedCaseLog loads log id for a named case on team v by p: a log p may read, in
// one of the team's municipalities, whose valid consent covers every unit of the
// team. A log p may not read is a field error, as one that does not exist.
func namedCaseLog(ctx context.Context, tx *tx, p *people.Principal, v *TeamView, id string) (*logCtx, error) {
	lc, err := loadAuthorized(ctx, tx, id, actorOf(p), access.ActionRead)
	if fault.Is(err, fault.NotFound) || fault.Is(err, fault.Forbidden) {
		return nil, fault.Validation("log_id", fault.FieldNotFound)
	} else if err != nil {
		return nil, err
	}
	owners, err := teamOwners(ctx, tx, v.MunicipalityID, v.NetworkID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(owners, any(lc.log.MunicipalityID)) {
		return nil, fault.Validation("log_id", fault.FieldNotFound)
	}
	if !consentCoversTeam(lc, tx, v) {
		return nil, errConsentMissing
	}
	return lc, nil
}

// consentCoversTeam reports whether the log's valid consent covers every unit of
// team v now. A team without units is covered by no consent.
func consentCoversTeam(lc *logCtx, tx *tx, v *TeamView) bool {
	covered := lc.covered(tx)
	for _, u := range v.UnitIDs {
		if !covered[u] {
			return false
		}
	}
	return len(v.UnitIDs) > 0
}

const caseCols = `c.id, c.team_id, c.meeting_id, c.anonymous, c.age, c.grade, c.theme, c.question,
	COALESCE(c.brought_by_unit_id, ''), c.brought_by, COALESCE(c.log_id, ''), COALESCE(c.created_log_id, ''), c.created_at`

func scanCase(s scanner, c *CaseView) error {
	var age, grade sql.NullInt64
	err := s.Scan(&c.ID, &c.TeamID, &c.MeetingID, &c.Anonymous, &age, &grade, &c.Theme, &c.Question,
		&c.BroughtByUnitID, &c.BroughtBy, &c.LogID, &c.CreatedLogID, timeCol{&c.CreatedAt})
	if age.Valid {
		n := int(age.Int64)
		c.Age = &n
	}
	if grade.Valid {
		n := int(grade.Int64)
		c.Grade = &n
	}
	return err
}

// GetMeeting returns meeting mid of team tid with its agenda, for a member. Each
// named case whose consent still covers the team shows its log's concern and is
// recorded in that log's access log, in the same transaction as the read.
func (db *DB) GetMeeting(ctx context.Context, p *people.Principal, tid, mid string) (*MeetingView, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var mv MeetingView
	err := db.update(ctx, func(tx *tx) (err error) {
		if mv.Team, err = teamFor(ctx, tx, p, tid, access.CanWorkCases); err != nil {
			return err
		}
		if err := getMeeting(ctx, tx, tid, mid, &mv.Meeting); err != nil {
			return err
		}
		if mv.Cases, err = queryAll(ctx, tx, scanCase, `SELECT `+caseCols+` FROM team_cases c
			WHERE c.meeting_id = ? ORDER BY c.created_at, c.id`, mid); err != nil {
			return err
		}
		if mv.FollowUps, err = queryAll(ctx, tx, scanCase, `SELECT `+caseCols+` FROM team_cases c
			WHERE c.team_id = ? AND c.id IN (SELECT case_id FROM team_advice WHERE follow_up_meeting_id = ?)
			ORDER BY c.created_at, c.id`, tid, mid); err != nil {
			return err
		}
		for _, list := range [][]CaseView{mv.Cases, mv.FollowUps} {
			for i := range list {
				if err := fillCase(ctx, tx, p, mv.Team, &list[i]); err != nil {
					return err
				}
			}
		}
		mv.Attendance, err = queryAll(ctx, tx, scanString, `SELECT user_id FROM team_attendance WHERE meeting_id = ? ORDER BY user_id`, mid)
		return err
	})
	return &mv, err
}

// fillCase adds what member p may see of case c: its advice, and for a named case
// the concern while consent covers the team (recording the read on the log).
func fillCase(ctx context.Context, tx *tx, p *people.Principal, v *TeamView, c *CaseView) error {
	if c.BroughtBy != p.User.ID {
		c.CreatedLogID = ""
	}
	if !c.Anonymous {
		lc, err := loadLog(ctx, tx, c.LogID, actorOf(p))
		if err != nil {
			return err
		}
		if !consentCoversTeam(lc, tx, v) {
			c.Unavailable = true
			c.Advice = []team.Advice{}
			return nil
		}
		if c.Concern, err = firstConcern(ctx, tx, c.LogID); err != nil {
			return err
		}
		ev := lc.event(audit.ReadTeamCase, v.ID)
		ev.Role, ev.UnitID = "team_member", ""
		if err := appendAudit(ctx, tx, ev); err != nil {
			return err
		}
	}
	var err error
	c.Advice, err = listAdvice(ctx, tx, c.ID)
	return err
}

// firstConcern is the text of a log's first concern (the undring), as amended last.
func firstConcern(ctx context.Context, tx *tx, logID string) (string, error) {
	var text string
	err := tx.queryRow(ctx, `SELECT text FROM entries WHERE log_id = ? AND kind = ? ORDER BY created_at, version, id LIMIT 1`,
		logID, logbook.KindConcern).Scan(&text)
	return text, ignoreNoRows(err)
}

func listAdvice(ctx context.Context, tx *tx, caseID string) ([]team.Advice, error) {
	out, err := queryAll(ctx, tx, func(s scanner, a *team.Advice) error {
		return s.Scan(&a.ID, &a.CaseID, &a.Text, &a.FollowUpMeetingID, &a.AuthorID, timeCol{&a.CreatedAt})
	}, `SELECT id, case_id, text, COALESCE(follow_up_meeting_id, ''), author_id, created_at FROM team_advice
		WHERE case_id = ? ORDER BY created_at, id`, caseID)
	if out == nil {
		out = []team.Advice{}
	}
	return out, err
}

// getCase loads case cid of team tid, for member p: a named case whose consent no
// longer covers the team is a conflict (the team may no longer work on it).
func getCase(ctx context.Context, tx *tx, p *people.Principal, v *TeamView, cid string) (*CaseView, error) {
	var c CaseView
	err := scanCase(tx.queryRow(ctx, `SELECT `+caseCols+` FROM team_cases c WHERE c.id = ? AND c.team_id = ?`, cid, v.ID), &c)
	if err != nil {
		return nil, notFound(err, "case")
	}
	if !c.Anonymous {
		lc, err := loadLog(ctx, tx, c.LogID, actorOf(p))
		if err != nil {
			return nil, err
		}
		if !consentCoversTeam(lc, tx, v) {
			return nil, errConsentMissing
		}
	}
	return &c, nil
}

// AddAdvice records advice a on case cid of team tid, by member p, with a later
// meeting of the team to follow it up at, if any.
func (db *DB) AddAdvice(ctx context.Context, p *people.Principal, tid, cid string, a *team.Advice) error {
	if err := signedIn(p); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanWorkCases)
		if err != nil {
			return err
		}
		c, err := getCase(ctx, tx, p, v, cid)
		if err != nil {
			return err
		}
		if a.FollowUpMeetingID != "" {
			var at, next team.Meeting
			if err := getMeeting(ctx, tx, tid, c.MeetingID, &at); err != nil {
				return err
			}
			if err := getMeeting(ctx, tx, tid, a.FollowUpMeetingID, &next); err != nil || !next.StartsAt.After(at.StartsAt) || next.Cancelled {
				return fault.Validation("follow_up_meeting_id", fault.FieldInvalid)
			}
		}
		a.ID, a.CaseID, a.AuthorID, a.CreatedAt = newID(), cid, p.User.ID, tx.now
		if _, err := tx.exec(ctx, `INSERT INTO team_advice (id, case_id, text, follow_up_meeting_id, author_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, a.ID, cid, a.Text, nullString(a.FollowUpMeetingID), p.User.ID, tx.now); err != nil {
			return err
		}
		return recordTeam(ctx, tx, p, v, audit.AddAdvice, a.ID)
	})
}

// MaxMinutesLen is the longest minutes of a meeting.
const MaxMinutesLen = 10000

// SaveMinutes replaces the minutes and attendance of meeting mid of team tid, by a
// member: those who attended must be members, and the minutes, read by every member,
// must hold no national ID or date of birth.
func (db *DB) SaveMinutes(ctx context.Context, p *people.Principal, tid, mid, text string, attended []string) error {
	if err := signedIn(p); err != nil {
		return err
	}
	var f fault.Fields
	team.AnonymousText(&f, "text", text, MaxMinutesLen, false)
	if err := f.Err(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanWorkCases)
		if err != nil {
			return err
		}
		var m team.Meeting
		if err := getMeeting(ctx, tx, tid, mid, &m); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE team_meetings SET minutes_text = ? WHERE id = ?`, text, mid); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM team_attendance WHERE meeting_id = ?`, mid); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, uid := range attended {
			if seen[uid] {
				continue
			}
			seen[uid] = true
			if !v.HasMember(uid) {
				return fault.Validation("attended_user_ids", fault.FieldNotFound)
			}
			if _, err := tx.exec(ctx, `INSERT INTO team_attendance (meeting_id, user_id) VALUES (?, ?)`, mid, uid); err != nil {
				return err
			}
		}
		return recordTeam(ctx, tx, p, v, audit.WriteMinutes, mid)
	})
}

// FollowUp is a case waiting to be followed up at a coming meeting of a team: what
// the team page lists (the theme of an anonymous case; nothing of a named one's log).
type FollowUp struct {
	CaseID    string
	Anonymous bool
	Theme     string
	MeetingID string
	StartsAt  time.Time
}

// TeamFollowUps returns the cases of team tid with advice to follow up at a meeting
// not yet held and not cancelled, soonest first, for a member.
func (db *DB) TeamFollowUps(ctx context.Context, p *people.Principal, tid string) ([]FollowUp, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out []FollowUp
	err := db.view(ctx, func(tx *tx) error {
		if _, err := teamFor(ctx, tx, p, tid, access.CanWorkCases); err != nil {
			return err
		}
		var err error
		out, err = queryAll(ctx, tx, func(s scanner, f *FollowUp) error {
			return s.Scan(&f.CaseID, &f.Anonymous, &f.Theme, &f.MeetingID, timeCol{&f.StartsAt})
		}, `SELECT DISTINCT c.id, c.anonymous, c.theme, m.id, m.starts_at FROM team_cases c
			JOIN team_advice a ON a.case_id = c.id JOIN team_meetings m ON m.id = a.follow_up_meeting_id
			WHERE c.team_id = ? AND m.starts_at >= ? AND NOT m.cancelled ORDER BY m.starts_at, c.id`, tid, tx.now)
		return err
	})
	return out, err
}
