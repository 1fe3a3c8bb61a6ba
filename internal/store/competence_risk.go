package store

import (
	"context"

	"stafett/internal/competence"
	"stafett/internal/people"
)

// maxNeighbours bounds the neighbours named for one risk.
const maxNeighbours = 5

// ListRisks returns the needs of the units of municipality mid with fewer verified
// holders in the unit than they want, most fragile first (competence.RankRisks), each
// with the verified holders in the other municipalities of its networks who share their
// competence (the same area, or one of the same name). Read by the municipality's
// administrators and the coordinators of its networks (all units), and by leaders
// (their own units); forbidden to others who work there, not found to the rest.
func (db *DB) ListRisks(ctx context.Context, p *people.Principal, mid string) ([]competence.Risk, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	var out []competence.Risk
	err := db.view(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, mid); err != nil {
			return err
		}
		nets, err := networksOf(ctx, tx, mid)
		if err != nil {
			return err
		}
		a := actorOf(p)
		all := a.Roles.Has(people.MunicipalityAdmin, mid)
		for _, n := range nets {
			all = all || a.Roles.Coordinates(n)
		}
		if !all && !a.Roles.Has(people.UnitLeader, mid) {
			return refuseIn(p, mid, "only administrators, coordinators and leaders read the risks")
		}
		needs, err := queryAll(ctx, tx, func(s scanner, r *riskRow) error {
			return s.Scan(&r.UnitID, &r.UnitName, &r.AreaID, &r.AreaName, &r.MinPeople, &r.tokens)
		}, `SELECT u.id, u.name, a.id, a.name, n.min_people, a.search_tokens FROM competence_needs n
			JOIN units u ON u.id = n.unit_id JOIN competence_areas a ON a.id = n.area_id WHERE u.municipality_id = ?`, mid)
		if err != nil {
			return err
		}
		holders, err := queryAll(ctx, tx, scanHolder, `SELECT c.area_id, a.search_tokens, us.id, us.name, un.id, un.name, m.id, m.name
			FROM competences c JOIN competence_areas a ON a.id = c.area_id JOIN users us ON us.id = c.user_id
			JOIN roles r ON r.user_id = c.user_id AND r.role IN ('employee', 'unit_leader')
			JOIN units un ON un.id = r.unit_id JOIN municipalities m ON m.id = un.municipality_id
			WHERE c.verified AND us.active AND un.municipality_id = ?`, mid)
		if err != nil {
			return err
		}
		neighbours, err := queryAll(ctx, tx, scanHolder, `SELECT c.area_id, a.search_tokens, us.id, us.name, un.id, un.name, m.id, m.name
			FROM competences c JOIN competence_areas a ON a.id = c.area_id JOIN users us ON us.id = c.user_id
			JOIN roles r ON r.user_id = c.user_id AND r.role IN ('employee', 'unit_leader')
			JOIN units un ON un.id = r.unit_id JOIN municipalities m ON m.id = un.municipality_id
			WHERE c.verified AND us.active AND us.share_competence AND un.municipality_id <> ?
			AND un.municipality_id IN (SELECT y.municipality_id FROM network_members x JOIN network_members y ON y.network_id = x.network_id
				WHERE x.municipality_id = ?)
			ORDER BY m.name, us.name, us.id`, mid, mid)
		if err != nil {
			return err
		}
		var risks []competence.Risk
		for _, n := range needs {
			if !all && !a.Roles.InUnit(people.UnitLeader, n.UnitID) {
				continue
			}
			r := n.Risk
			for _, h := range holders {
				if h.areaID == n.AreaID && h.UnitID == n.UnitID && !hasHolder(r.Holders, h.UserID) {
					r.Holders = append(r.Holders, h.Holder)
				}
			}
			for _, h := range neighbours {
				if (h.areaID == n.AreaID || h.tokens == n.tokens) && len(r.Neighbours) < maxNeighbours && !hasHolder(r.Neighbours, h.UserID) {
					r.Neighbours = append(r.Neighbours, h.Holder)
				}
			}
			risks = append(risks, r)
		}
		out = competence.RankRisks(risks, people.CompareNames)
		return nil
	})
	return out, err
}

type riskRow struct {
	competence.Risk
	tokens string
}

type holderRow struct {
	competence.Holder
	areaID, tokens string
}

func scanHolder(s scanner, h *holderRow) error {
	return s.Scan(&h.areaID, &h.tokens, &h.UserID, &h.Name, &h.UnitID, &h.UnitName, &h.MunicipalityID, &h.MuniName)
}

func hasHolder(hs []competence.Holder, uid string) bool {
	for _, h := range hs {
		if h.UserID == uid {
			return true
		}
	}
	return false
}
