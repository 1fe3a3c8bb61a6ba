package store

import (
	"context"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// CreateNetwork validates and stores network n, filling in its ID and creation time,
// done by p: system administrators only (forbidden otherwise, before n is looked at).
func (db *DB) CreateNetwork(ctx context.Context, p *people.Principal, n *org.Network) error {
	if err := manageNetworks(p); err != nil {
		return err
	}
	if err := n.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		n.ID, n.CreatedAt, n.HoursPerFTE = newID(), tx.now, course.DefaultHoursPerFTE
		_, err := tx.exec(ctx, `INSERT INTO networks (id, name, created_at) VALUES (?, ?, ?)`, n.ID, n.Name, n.CreatedAt)
		if isUnique(err) {
			return fault.Validation("name", fault.FieldTaken)
		} else if err != nil {
			return err
		}
		if err := putMembers(ctx, tx, n); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.CreateNetwork, audit.TargetNetwork, n.ID, "", n.Name)
	})
}

// UpdateNetwork replaces the name and members of network n.ID, done by p: system
// administrators only, as CreateNetwork.
func (db *DB) UpdateNetwork(ctx context.Context, p *people.Principal, n *org.Network) error {
	if err := manageNetworks(p); err != nil {
		return err
	}
	if err := n.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := tx.queryRow(ctx, `SELECT created_at, hours_per_fte FROM networks WHERE id = ?`, n.ID).Scan(timeCol{&n.CreatedAt}, &n.HoursPerFTE); err != nil {
			return notFound(err, "network")
		}
		_, err := tx.exec(ctx, `UPDATE networks SET name = ? WHERE id = ?`, n.Name, n.ID)
		if isUnique(err) {
			return fault.Validation("name", fault.FieldTaken)
		} else if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM network_members WHERE network_id = ?`, n.ID); err != nil {
			return err
		}
		if err := putMembers(ctx, tx, n); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.UpdateNetwork, audit.TargetNetwork, n.ID, "", n.Name)
	})
}

// manageNetworks refuses p unless p may set up networks.
func manageNetworks(p *people.Principal) error {
	if err := administering(p); err != nil {
		return err
	}
	if !access.CanManageNetworks(actorOf(p)) {
		return fault.New(fault.Forbidden, "only system administrators set up networks")
	}
	return nil
}

func putMembers(ctx context.Context, tx *tx, n *org.Network) error {
	for _, mid := range n.MunicipalityIDs {
		_, err := tx.exec(ctx, `INSERT INTO network_members (network_id, municipality_id) VALUES (?, ?)`, n.ID, mid)
		if isForeignKey(err) {
			return fault.Validation("municipality_ids", fault.FieldNotFound)
		} else if err != nil {
			return err
		}
	}
	return nil
}

// GetNetwork returns network id with its members.
func (db *DB) GetNetwork(ctx context.Context, id string) (*org.Network, error) {
	var n org.Network
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT id, name, created_at, hours_per_fte FROM networks WHERE id = ?`, id)
		if err := row.Scan(&n.ID, &n.Name, timeCol{&n.CreatedAt}, &n.HoursPerFTE); err != nil {
			return notFound(err, "network")
		}
		var err error
		n.MunicipalityIDs, err = queryAll(ctx, tx, scanString,
			`SELECT municipality_id FROM network_members WHERE network_id = ? ORDER BY municipality_id`, id)
		if err != nil {
			return err
		}
		n.Members, err = queryAll(ctx, tx, func(s scanner, m *org.Member) error { return s.Scan(&m.ID, &m.Number, &m.Name) },
			`SELECT m.id, m.number, m.name FROM network_members x JOIN municipalities m ON m.id = x.municipality_id
			WHERE x.network_id = ? ORDER BY m.name, m.id`, id)
		people.SortByName(n.Members, func(m org.Member) string { return m.Name })
		return err
	})
	return &n, err
}

// ListNetworks returns every network with its members, by name; with mid set, only
// the networks municipality mid is in.
func (db *DB) ListNetworks(ctx context.Context, mid string) ([]org.Network, error) {
	var out []org.Network
	err := db.view(ctx, func(tx *tx) error {
		var err error
		out, err = queryAll(ctx, tx, func(s scanner, n *org.Network) error {
			return s.Scan(&n.ID, &n.Name, timeCol{&n.CreatedAt}, &n.HoursPerFTE)
		}, `SELECT id, name, created_at, hours_per_fte FROM networks n
			WHERE ? = '' OR EXISTS (SELECT 1 FROM network_members m WHERE m.network_id = n.id AND m.municipality_id = ?)
			ORDER BY name, id`, mid, mid)
		if err != nil {
			return err
		}
		people.SortByName(out, func(n org.Network) string { return n.Name })
		members, err := queryAll(ctx, tx, scanPair, `SELECT network_id, municipality_id FROM network_members ORDER BY municipality_id`)
		if err != nil {
			return err
		}
		byNetwork := map[string][]string{}
		for _, p := range members {
			byNetwork[p[0]] = append(byNetwork[p[0]], p[1])
		}
		for i := range out {
			out[i].MunicipalityIDs = byNetwork[out[i].ID]
			if out[i].MunicipalityIDs == nil {
				out[i].MunicipalityIDs = []string{}
			}
		}
		return nil
	})
	return out, err
}

// NetworkPartners returns the municipalities that share a network with municipality
// mid, by name: those whose guides mid may fork.
func (db *DB) NetworkPartners(ctx context.Context, mid string) ([]org.Municipality, error) {
	var out []org.Municipality
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, scanMunicipality, `SELECT `+municipalityCols+` FROM municipalities
			WHERE id <> ? AND id IN (SELECT y.municipality_id FROM network_members x
				JOIN network_members y ON y.network_id = x.network_id WHERE x.municipality_id = ?)
			ORDER BY name, id`, mid, mid)
		return err
	})
	people.SortByName(out, func(m org.Municipality) string { return m.Name })
	return out, err
}

// sameNetwork reports whether municipalities a and b are in a network together.
func sameNetwork(ctx context.Context, tx *tx, a, b string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM network_members x JOIN network_members y ON y.network_id = x.network_id
		WHERE x.municipality_id = ? AND y.municipality_id = ?`, a, b).Scan(&n)
	return n > 0, err
}
