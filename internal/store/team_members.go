package store

import (
	"context"
	"slices"
	"strconv"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/team"
)

// A team's owner changes it as it goes: its name and kind, the units it speaks for,
// and its members. Those are administrative writes, in the admin audit; a member
// taken off loses the team's cases at once (only members read them).

// manageTeam loads team tid for p, who must manage it with a second factor, and
// returns it with the municipalities its owner stands for.
func manageTeam(ctx context.Context, tx *tx, p *people.Principal, tid string) (*TeamView, []any, error) {
	v, err := teamFor(ctx, tx, p, tid, func(r access.TeamRelation) bool { return r.Manager })
	if err != nil {
		return nil, nil, err
	}
	owners, err := teamOwners(ctx, tx, v.MunicipalityID, v.NetworkID)
	return v, owners, err
}

// UpdateTeam sets team tid's name, kind and units from t (its owner and members are
// left as they are), done by p, who manages it.
func (db *DB) UpdateTeam(ctx context.Context, p *people.Principal, tid string, t team.Team) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		v, owners, err := manageTeam(ctx, tx, p, tid)
		if err != nil {
			return err
		}
		// Validate as the whole team, with its owner and members as they are.
		t.MunicipalityID, t.NetworkID, t.MemberUserIDs = v.MunicipalityID, v.NetworkID, v.MemberUserIDs
		if err := t.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE teams SET name = ?, kind = ? WHERE id = ?`, t.Name, t.Kind, tid); err != nil {
			return err
		}
		if err := putTeamUnits(ctx, tx, tid, owners, t.UnitIDs); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.UpdateTeam, audit.TargetTeam, tid, v.MunicipalityID, string(t.Kind))
	})
}

// AddTeamMembers makes members of team tid the staff with the e-mail addresses of
// rows (one a line), done by p, who manages it. Each must work in a unit of the
// owner; every row that names no one, or someone outside, is listed (rows.N) and
// then nobody is added. Someone already a member is not added twice. It returns how
// many were added.
func (db *DB) AddTeamMembers(ctx context.Context, p *people.Principal, tid string, rows []string) (int, error) {
	if err := administering(p); err != nil {
		return 0, err
	}
	if len(rows) > team.MaxMembers+1 {
		return 0, fault.Validation("rows", fault.FieldTooLong)
	}
	added := 0
	err := db.update(ctx, func(tx *tx) error {
		v, owners, err := manageTeam(ctx, tx, p, tid)
		if err != nil {
			return err
		}
		uids, err := usersOfRows(ctx, tx, rows, func(uid string) (bool, error) { return staffOf(ctx, tx, uid, owners) })
		if err != nil {
			return err
		}
		if len(uids) == 0 {
			return fault.Validation("rows", fault.FieldRequired)
		}
		var fresh []string
		for _, uid := range uids {
			if !v.HasMember(uid) && !slices.Contains(fresh, uid) {
				fresh = append(fresh, uid)
			}
		}
		if len(v.MemberUserIDs)+len(fresh) > team.MaxMembers {
			return fault.Validation("rows", fault.FieldTooLong)
		}
		if err := putTeamMembers(ctx, tx, tid, owners, fresh); err != nil {
			return err
		}
		added = len(fresh)
		return recordAdmin(ctx, tx, p, audit.AddMembers, audit.TargetTeam, tid, v.MunicipalityID, strconv.Itoa(added))
	})
	return added, err
}

// RemoveTeamMember takes user uid off team tid, done by p, who manages it. A team
// keeps at least one member: taking off the last is a conflict; someone who is not
// a member is not found.
func (db *DB) RemoveTeamMember(ctx context.Context, p *people.Principal, tid, uid string) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		v, _, err := manageTeam(ctx, tx, p, tid)
		if err != nil {
			return err
		}
		if !v.HasMember(uid) {
			return fault.New(fault.NotFound, "not a member of the team")
		}
		if len(v.MemberUserIDs) == 1 {
			return fault.New(fault.Conflict, "a team keeps at least one member")
		}
		if _, err := tx.exec(ctx, `DELETE FROM team_members WHERE team_id = ? AND user_id = ?`, tid, uid); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.RemoveMember, audit.TargetTeam, tid, v.MunicipalityID, uid)
	})
}
