package store

import (
	"context"
	"strings"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// Administrative writes take the acting principal, decide with the access package
// inside their transaction and append their record to the audit chain in the same
// transaction (recordAdmin), as the writes of logs do.

// actorOf is principal p as the policy sees it.
func actorOf(p *people.Principal) access.Actor {
	return access.Actor{UserID: p.User.ID, Roles: p.Roles, SecondFactor: p.SecondFactor}
}

// administering refuses an administrative write or read without a principal, or by
// an administrator whose session has no second factor (access.Administer).
func administering(p *people.Principal) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return access.Administer(actorOf(p))
}

// signedIn refuses a write without a principal.
func signedIn(p *people.Principal) error {
	if p == nil {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	return nil
}

// securityActor is how p is recorded on a person's security page: "" for Stafett.
func securityActor(p *people.Principal) string {
	if p.IsSystem() {
		return ""
	}
	return p.User.ID
}

// adminRole names the capacity in which p acts in municipality mid ("" for none).
func adminRole(p *people.Principal, mid string) string {
	switch {
	case p.IsSystem():
		return "system"
	case mid != "" && p.Roles.Has(people.MunicipalityAdmin, mid):
		return string(people.MunicipalityAdmin)
	case p.Roles.IsSystemAdmin():
		return string(people.SystemAdmin)
	case mid != "" && p.Roles.Has(people.UnitLeader, mid):
		return string(people.UnitLeader)
	case len(p.Roles.Networks()) > 0:
		return string(people.NetworkCoordinator)
	}
	return "none"
}

// recordAdmin appends the audit record of administrative action by p on target
// (kind, id) in municipality mid ("" for none), in tx.
func recordAdmin(ctx context.Context, tx *tx, p *people.Principal, action audit.Action, kind audit.TargetType, id, mid, detail string) error {
	return appendAudit(ctx, tx, &audit.Event{ActorID: p.User.ID, Role: adminRole(p, mid), MunicipalityID: mid,
		Action: action, Detail: detail, TargetType: kind, TargetID: id})
}

// ListAdminAudit returns the administrative records f selects, oldest first, with
// their actors' names: every record for a system administrator, those of their own
// municipalities for a municipality administrator (forbidden for another
// municipality); anyone else is forbidden. A municipality that does not exist is
// not found.
func (db *DB) ListAdminAudit(ctx context.Context, p *people.Principal, f audit.AdminFilter) ([]audit.AdminEvent, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	out := []audit.AdminEvent{}
	err := db.view(ctx, func(tx *tx) error {
		if f.MunicipalityID != "" {
			if err := municipalityExists(ctx, tx, f.MunicipalityID); err != nil {
				return err
			}
		}
		mids, all, ok := access.AdminAuditScope(actorOf(p), f.MunicipalityID)
		if !ok {
			return fault.New(fault.Forbidden, "only administrators read the administrative audit, of their own municipality")
		}
		q := `SELECT a.at, a.actor_id, COALESCE(u.name, ''), a.action, a.target_type, a.target_id, a.municipality_id
			FROM audit a LEFT JOIN users u ON u.id = a.actor_id WHERE a.target_type <> ''`
		var args []any
		if !all {
			q += ` AND a.municipality_id IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(mids)), ", ") + `)`
			for _, m := range mids {
				args = append(args, m)
			}
		}
		if !f.From.IsZero() {
			q += ` AND a.at >= ?`
			args = append(args, f.From)
		}
		if !f.To.IsZero() {
			q += ` AND a.at < ?`
			args = append(args, f.To)
		}
		rows, err := queryAll(ctx, tx, func(s scanner, e *audit.AdminEvent) error {
			return s.Scan(timeCol{&e.At}, &e.ActorID, &e.ActorName, &e.Action, &e.TargetType, &e.TargetID, &e.MunicipalityID)
		}, q+` ORDER BY a.seq`, args...)
		if rows != nil {
			out = rows
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
