package store

import (
	"context"

	"stafett/internal/competence"
	"stafett/internal/course"
	"stafett/internal/org"
)

// UnitNeed is one need of a unit, for the bulk loader.
type UnitNeed struct {
	UnitID string
	competence.Need
}

// NetworkMember is one membership of a network, for the bulk loader.
type NetworkMember struct{ NetworkID, MunicipalityID string }

// Networks adds networks (their members separately, NetworkMembers).
func (b *Bulk) Networks(ctx context.Context, ns []org.Network) error {
	return b.insert(ctx, "networks", `id, name, created_at, hours_per_fte`, len(ns), func(i int, a []any) []any {
		n := &ns[i]
		hours := n.HoursPerFTE
		if hours == 0 {
			hours = course.DefaultHoursPerFTE
		}
		return append(a, n.ID, n.Name, b.t(n.CreatedAt), hours)
	})
}

// NetworkMembers adds members to networks.
func (b *Bulk) NetworkMembers(ctx context.Context, ms []NetworkMember) error {
	return b.insert(ctx, "network_members", `network_id, municipality_id`, len(ms), func(i int, a []any) []any {
		return append(a, ms[i].NetworkID, ms[i].MunicipalityID)
	})
}

// CompetenceAreas adds competence areas with their search tokens.
func (b *Bulk) CompetenceAreas(ctx context.Context, as []competence.Area) error {
	return b.insert(ctx, "competence_areas", `id, municipality_id, network_id, name, description, search_tokens, created_at`, len(as),
		func(i int, a []any) []any {
			x := &as[i]
			return append(a, x.ID, orNull(x.MunicipalityID), orNull(x.NetworkID), x.Name, x.Description,
				searchTokens(x.Name+" "+x.Description), b.t(x.CreatedAt))
		})
}

// Competences adds people's competences (a verified one without a verifier, as from
// a course or a leader who left).
func (b *Bulk) Competences(ctx context.Context, cs []competence.Competence) error {
	now := b.db.Now()
	return b.insert(ctx, "competences", `user_id, area_id, level, note, source, verified, course_id, created_at`, len(cs),
		func(i int, a []any) []any {
			c := &cs[i]
			return append(a, c.UserID, c.AreaID, string(c.Level), c.Note, string(c.Source), c.Verified, orNull(c.CourseID), b.t(now))
		})
}

// Needs adds units' competence needs.
func (b *Bulk) Needs(ctx context.Context, ns []UnitNeed) error {
	return b.insert(ctx, "competence_needs", `unit_id, area_id, min_people`, len(ns), func(i int, a []any) []any {
		return append(a, ns[i].UnitID, ns[i].AreaID, ns[i].MinPeople)
	})
}
