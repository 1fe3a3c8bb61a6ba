package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// coveredUnitOf picks the unit through which user uid can take part in the log: one
// of the user's units in the log's municipality that valid consent covers. When none
// is covered it returns one of the user's units (or "" if none), so the caller's
// coverage check names the problem.
func coveredUnitOf(ctx context.Context, tx *tx, lc *logCtx, uid string) (string, error) {
	return unitOf(ctx, tx, lc, uid, false)
}

// unitOf is coveredUnitOf, looking also at the user's units in other
// organisations when abroad (a transfer to another municipality or a county);
// the log's own municipality comes first.
func unitOf(ctx context.Context, tx *tx, lc *logCtx, uid string, abroad bool) (string, error) {
	roles, err := listRoles(ctx, tx, uid)
	if err != nil {
		return "", err
	}
	covered := lc.covered(tx)
	var first, coveredAbroad, firstAbroad string
	for _, r := range roles {
		if !r.Role.IsUnitRole() {
			continue
		}
		if r.MunicipalityID != lc.log.MunicipalityID {
			if !abroad {
				continue
			}
			if covered[r.UnitID] && coveredAbroad == "" {
				coveredAbroad = r.UnitID
			}
			if firstAbroad == "" {
				firstAbroad = r.UnitID
			}
			continue
		}
		if covered[r.UnitID] {
			return r.UnitID, nil
		}
		if first == "" {
			first = r.UnitID
		}
	}
	for _, u := range []string{coveredAbroad, first, firstAbroad} {
		if u != "" {
			return u, nil
		}
	}
	return "", nil
}

// AddParticipant adds an employee to log id with read or write access; their unit
// must be covered by valid consent.
func (db *DB) AddParticipant(ctx context.Context, a access.Actor, id string, in logbook.NewParticipant) (*logbook.Participant, error) {
	var p logbook.Participant
	err := db.forLog(ctx, a, id, access.ActionManageParticipants, audit.AddParticipant, func(tx *tx, lc *logCtx) (string, error) {
		if err := in.Validate(lc.log.HolderID); err != nil {
			return "", err
		}
		unit, err := coveredUnitOf(ctx, tx, lc, in.UserID)
		if err != nil {
			return "", err
		}
		if unit == "" {
			return "", fault.Validation("user_id", fault.FieldNotAllow)
		}
		if p, err = in.Add(&lc.log, unit, lc.covered(tx), a.UserID, tx.now); err != nil {
			return "", err
		}
		_, err = tx.exec(ctx, `INSERT INTO log_participants (log_id, user_id, unit_id, access, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)`,
			id, p.UserID, p.UnitID, p.Access, p.AddedAt, p.AddedBy)
		if isUnique(err) {
			return "", fault.New(fault.Conflict, "the person already takes part in the log")
		}
		if err != nil {
			return "", err
		}
		ev := logbook.Event{Kind: logbook.EventParticipantAdded, UserID: p.UserID, UnitID: p.UnitID, Access: p.Access}
		_, err = addSystemEntry(ctx, tx, lc, ev, "")
		return "participant " + p.UserID + " " + string(p.Access), err
	})
	return &p, err
}

// RemoveParticipant removes user uid from log id; their access ends at once.
func (db *DB) RemoveParticipant(ctx context.Context, a access.Actor, id, uid string) error {
	return db.forLog(ctx, a, id, access.ActionManageParticipants, audit.RemoveParticipant, func(tx *tx, lc *logCtx) (string, error) {
		if err := mustAffect(tx.exec(ctx, `DELETE FROM log_participants WHERE log_id = ? AND user_id = ?`, id, uid))("participant"); err != nil {
			return "", err
		}
		_, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventParticipantRemoved, UserID: uid}, "")
		return "participant " + uid, err
	})
}

// ParticipantView is a participant as the log shows them; Active is false while
// their unit is not covered by valid consent.
type ParticipantView struct {
	logbook.Participant
	Name     string
	UnitName string
	Active   bool
	// ReadUntil ends an old holder's read access after a move to another
	// organisation; nil for no end.
	ReadUntil *time.Time
}

func listParticipants(ctx context.Context, tx *tx, lc *logCtx) ([]ParticipantView, error) {
	ps, err := queryAll(ctx, tx, func(s scanner, p *ParticipantView) error {
		return s.Scan(&p.LogID, &p.UserID, &p.UnitID, &p.Access, timeCol{&p.AddedAt}, &p.AddedBy, &p.Name, &p.UnitName, nullTimeCol{&p.ReadUntil})
	}, `SELECT p.log_id, p.user_id, p.unit_id, p.access, p.added_at, p.added_by, u.name, n.name, p.read_until
		FROM log_participants p JOIN users u ON u.id = p.user_id JOIN units n ON n.id = p.unit_id
		WHERE p.log_id = ? ORDER BY u.name, u.id, n.name`, lc.log.ID)
	people.SortByName(ps, func(p ParticipantView) string { return p.Name })
	covered := lc.covered(tx)
	for i := range ps {
		ps[i].Active = covered[ps[i].UnitID] && (ps[i].ReadUntil == nil || ps[i].ReadUntil.After(tx.now))
	}
	return ps, err
}

// GuardianView is a guardian link with the guardian's name.
type GuardianView struct {
	logbook.Guardian
	Name  string
	Email string
}

func listGuardians(ctx context.Context, tx *tx, logID string) ([]GuardianView, error) {
	gs, err := queryAll(ctx, tx, func(s scanner, g *GuardianView) error {
		return s.Scan(&g.LogID, &g.UserID, &g.ParentalResponsibility, nullTimeCol{&g.SuspendedAt}, &g.SuspendReason,
			timeCol{&g.LinkedAt}, &g.LinkedBy, &g.Name, &g.Email)
	}, `SELECT g.log_id, g.user_id, g.parental_responsibility, g.suspended_at, g.suspend_reason, g.linked_at, g.linked_by, u.name, u.email
		FROM log_guardians g JOIN users u ON u.id = g.user_id WHERE g.log_id = ? ORDER BY u.name, u.id`, logID)
	people.SortByName(gs, func(g GuardianView) string { return g.Name })
	return gs, err
}
