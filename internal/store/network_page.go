package store

import (
	"context"
	"slices"

	"stafett/internal/access"
	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// NetworkOverview is what a network's page shows to everyone who may open it: the
// network with its members and hours, and the courses it organises. Who may read its
// reports and risks is decided by the calls that read them.
type NetworkOverview struct {
	Network org.Network
	Courses []NetworkCourse
	// Coordinates is whether the reader coordinates the network.
	Coordinates bool
}

// NetworkCourse is one of the courses a network organises.
type NetworkCourse struct {
	ID, Title string
	Kind      course.Kind
	BTI       bool
}

// GetNetworkOverview returns network nid for p: its coordinators and anyone holding a
// role in a member municipality; not found to everyone else (system administrators
// read networks through the administration instead).
func (db *DB) GetNetworkOverview(ctx context.Context, p *people.Principal, nid string) (*NetworkOverview, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out *NetworkOverview
	err := db.view(ctx, func(tx *tx) error {
		members, err := networkMembers(ctx, tx, nid)
		if err != nil {
			return err
		}
		a := actorOf(p)
		if !a.Roles.Coordinates(nid) && !slices.ContainsFunc(members, func(m string) bool { return access.HoldsRoleIn(a, m) }) {
			return fault.New(fault.NotFound, "network not found")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	n, err := db.GetNetwork(ctx, nid)
	if err != nil {
		return nil, err
	}
	out = &NetworkOverview{Network: *n, Coordinates: p.Roles.Coordinates(nid)}
	err = db.view(ctx, func(tx *tx) error {
		out.Courses, err = queryAll(ctx, tx, func(s scanner, c *NetworkCourse) error { return s.Scan(&c.ID, &c.Title, &c.Kind, &c.BTI) },
			`SELECT id, title, kind, bti FROM courses WHERE network_id = ? ORDER BY title, id`, nid)
		return err
	})
	return out, err
}

// MyNetworks returns the networks p belongs to, by name: those p coordinates and those
// of the municipalities p holds a role in.
func (db *DB) MyNetworks(ctx context.Context, p *people.Principal) ([]org.Network, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	mids, coord := p.Roles.Municipalities(), p.Roles.Networks()
	if len(mids) == 0 && len(coord) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(mids)+len(coord))
	for _, m := range mids {
		args = append(args, m)
	}
	for _, n := range coord {
		args = append(args, n)
	}
	inM, inN := `1 = 0`, `1 = 0`
	if len(mids) > 0 {
		inM = `id IN (SELECT network_id FROM network_members WHERE municipality_id IN (` + placeholders(len(mids)) + `))`
	}
	if len(coord) > 0 {
		inN = `id IN (` + placeholders(len(coord)) + `)`
	}
	var out []org.Network
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, n *org.Network) error {
			return s.Scan(&n.ID, &n.Name, timeCol{&n.CreatedAt}, &n.HoursPerFTE)
		}, `SELECT id, name, created_at, hours_per_fte FROM networks WHERE `+inM+` OR `+inN+` ORDER BY name, id`, args...)
		return err
	})
	people.SortByName(out, func(n org.Network) string { return n.Name })
	return out, err
}
