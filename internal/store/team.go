package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/team"
)

// TeamView is a team as one actor sees it.
type TeamView struct {
	team.Team
	Members []TeamMember        `json:"members"`
	Rel     access.TeamRelation `json:"-"`
}

// TeamMember is one member with a name.
type TeamMember struct {
	UserID string `json:"user_id"`
	Name   string `json:"name"`
}

// CreateTeam validates and stores team t, filling in its ID, done by p: the owner
// municipality's admin, or for a network's team its coordinator (access.CanManageTeam).
// Members must be staff of the owner (of one of the network's municipalities), and
// units must belong to it.
func (db *DB) CreateTeam(ctx context.Context, p *people.Principal, t *team.Team) error {
	return db.createTeam(ctx, p, t, nil)
}

// CreateTeamWithRows is CreateTeam with the members named by their e-mail addresses,
// one a line of rows (as AddTeamMembers; a refused row is rows.N).
func (db *DB) CreateTeamWithRows(ctx context.Context, p *people.Principal, t *team.Team, rows []string) error {
	// The rows stand in for the members while the team is validated (at least one,
	// at most MaxMembers); the users they name replace them in the transaction.
	t.MemberUserIDs = rows
	if rows == nil {
		rows = []string{}
	}
	return db.createTeam(ctx, p, t, rows)
}

func (db *DB) createTeam(ctx context.Context, p *people.Principal, t *team.Team, rows []string) error {
	if err := administering(p); err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if !access.CanManageTeam(actorOf(p), t.MunicipalityID, t.NetworkID) {
		return fault.New(fault.Forbidden, "only the owner's administrators set up its teams")
	}
	return db.update(ctx, func(tx *tx) error {
		owners, err := teamOwners(ctx, tx, t.MunicipalityID, t.NetworkID)
		if err != nil {
			return err
		}
		if rows != nil {
			if t.MemberUserIDs, err = usersOfRows(ctx, tx, rows, func(uid string) (bool, error) { return staffOf(ctx, tx, uid, owners) }); err != nil {
				return err
			}
			if len(t.MemberUserIDs) == 0 {
				return fault.Validation("rows", fault.FieldRequired)
			}
		}
		t.ID, t.CreatedAt = newID(), tx.now
		if _, err := tx.exec(ctx, `INSERT INTO teams (id, name, kind, municipality_id, network_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, t.ID, t.Name, t.Kind, nullString(t.MunicipalityID), nullString(t.NetworkID),
			p.User.ID, t.CreatedAt); err != nil {
			return err
		}
		if err := putTeamMembers(ctx, tx, t.ID, owners, t.MemberUserIDs); err != nil {
			return err
		}
		if err := putTeamUnits(ctx, tx, t.ID, owners, t.UnitIDs); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.CreateTeam, audit.TargetTeam, t.ID, t.MunicipalityID, string(t.Kind))
	})
}

// putTeamMembers makes users uids members of team tid: each must work in a unit of
// one of the owners' municipalities (member_user_ids: not_found). A member already
// there stays as they are.
func putTeamMembers(ctx context.Context, tx *tx, tid string, owners []any, uids []string) error {
	for _, uid := range uids {
		ok, err := staffOf(ctx, tx, uid, owners)
		if err != nil {
			return err
		}
		if !ok {
			return fault.Validation("member_user_ids", fault.FieldNotFound)
		}
		if _, err := tx.exec(ctx, `INSERT INTO team_members (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, tid, uid); err != nil {
			return err
		}
	}
	return nil
}

// staffOf reports whether user uid works in a unit of one of the owners' municipalities.
func staffOf(ctx context.Context, tx *tx, uid string, owners []any) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM roles r JOIN units u ON u.id = r.unit_id
		WHERE r.user_id = ? AND u.municipality_id IN (`+placeholders(len(owners))+`)`,
		append([]any{uid}, owners...)...).Scan(&n)
	return n > 0, err
}

// putTeamUnits sets the units team tid speaks for to units, each one of the owners'
// (unit_ids: not_found).
func putTeamUnits(ctx context.Context, tx *tx, tid string, owners []any, units []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM team_units WHERE team_id = ?`, tid); err != nil {
		return err
	}
	for _, unit := range units {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE id = ? AND municipality_id IN (`+placeholders(len(owners))+`)`,
			append([]any{unit}, owners...)...).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fault.Validation("unit_ids", fault.FieldNotFound)
		}
		if _, err := tx.exec(ctx, `INSERT INTO team_units (team_id, unit_id) VALUES (?, ?)`, tid, unit); err != nil {
			return err
		}
	}
	return nil
}

// teamOwners returns the municipalities a team's owner stands for: mid, or the
// members of network nid. An owner that does not exist is a field error.
func teamOwners(ctx context.Context, tx *tx, mid, nid string) ([]any, error) {
	if mid != "" {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE id = ?`, mid).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, fault.Validation("municipality_id", fault.FieldNotFound)
		}
		return []any{mid}, nil
	}
	ids, err := queryAll(ctx, tx, scanString, `SELECT municipality_id FROM network_members WHERE network_id = ?`, nid)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fault.Validation("network_id", fault.FieldNotFound)
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out, nil
}

// loadTeam loads team id as p stands to it; a team p may not see is not found.
func loadTeam(ctx context.Context, tx *tx, p *people.Principal, id string) (*TeamView, error) {
	var v TeamView
	t := &v.Team
	var mid, nid *string
	err := tx.queryRow(ctx, `SELECT id, name, kind, municipality_id, network_id, created_at FROM teams WHERE id = ?`, id).
		Scan(&t.ID, &t.Name, &t.Kind, &mid, &nid, timeCol{&t.CreatedAt})
	if err != nil {
		return nil, notFound(err, "team")
	}
	if mid != nil {
		t.MunicipalityID = *mid
	}
	if nid != nil {
		t.NetworkID = *nid
	}
	v.Members, err = queryAll(ctx, tx, func(s scanner, m *TeamMember) error { return s.Scan(&m.UserID, &m.Name) },
		`SELECT u.id, u.name FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? ORDER BY u.id`, id)
	if err != nil {
		return nil, err
	}
	people.SortByName(v.Members, func(m TeamMember) string { return m.Name })
	t.MemberUserIDs = make([]string, len(v.Members))
	for i, m := range v.Members {
		t.MemberUserIDs[i] = m.UserID
	}
	if t.UnitIDs, err = queryAll(ctx, tx, scanString, `SELECT unit_id FROM team_units WHERE team_id = ? ORDER BY unit_id`, id); err != nil {
		return nil, err
	}
	if t.UnitIDs == nil {
		t.UnitIDs = []string{}
	}
	v.Rel = access.TeamRelation{Member: t.HasMember(p.User.ID), Manager: access.CanManageTeam(actorOf(p), t.MunicipalityID, t.NetworkID)}
	if !access.CanSeeTeam(v.Rel) {
		return nil, fault.New(fault.NotFound, "team not found")
	}
	return &v, nil
}

// teamFor loads team id for p and refuses unless allow says p may go on: a team p
// may see but not act on is forbidden. Managers act with a second factor.
func teamFor(ctx context.Context, tx *tx, p *people.Principal, id string, allow func(access.TeamRelation) bool) (*TeamView, error) {
	v, err := loadTeam(ctx, tx, p, id)
	if err != nil {
		return nil, err
	}
	if !allow(v.Rel) {
		if !v.Rel.Member {
			return nil, fault.New(fault.Forbidden, "only the team's members do this")
		}
		return nil, fault.New(fault.Forbidden, "not allowed on this team")
	}
	if !v.Rel.Member {
		if err := administering(p); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// GetTeam returns team id as p sees it: its members and the managers of its owner.
func (db *DB) GetTeam(ctx context.Context, p *people.Principal, id string) (*TeamView, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var v *TeamView
	err := db.view(ctx, func(tx *tx) (err error) {
		v, err = teamFor(ctx, tx, p, id, access.CanSeeTeam)
		return err
	})
	return v, err
}

// ListTeams returns the teams p is a member of or manages, by name.
func (db *DB) ListTeams(ctx context.Context, p *people.Principal) ([]team.Team, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out []team.Team
	err := db.view(ctx, func(tx *tx) error {
		ids, err := queryAll(ctx, tx, scanString, `SELECT id FROM teams t
			WHERE EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.user_id = ?)
			OR t.municipality_id IN (SELECT municipality_id FROM roles WHERE user_id = ? AND role = ?)
			OR t.network_id IN (SELECT network_id FROM roles WHERE user_id = ? AND role = ?)
			OR EXISTS (SELECT 1 FROM roles WHERE user_id = ? AND role = ?)
			ORDER BY id`, p.User.ID, p.User.ID, people.MunicipalityAdmin, p.User.ID, people.NetworkCoordinator, p.User.ID, people.SystemAdmin)
		if err != nil {
			return err
		}
		for _, id := range ids {
			v, err := loadTeam(ctx, tx, p, id)
			if fault.Is(err, fault.NotFound) {
				continue
			} else if err != nil {
				return err
			}
			out = append(out, v.Team)
		}
		return nil
	})
	people.SortByName(out, func(t team.Team) string { return t.Name })
	return out, err
}

// recordTeam appends the audit record of action by p on team v.
func recordTeam(ctx context.Context, tx *tx, p *people.Principal, v *TeamView, action audit.Action, detail string) error {
	role := "team_member"
	if !v.Rel.Member {
		role = adminRole(p, v.MunicipalityID)
	}
	return appendAudit(ctx, tx, &audit.Event{ActorID: p.User.ID, Role: role, MunicipalityID: v.MunicipalityID,
		Action: action, Detail: detail, TargetType: audit.TargetTeam, TargetID: v.ID})
}
