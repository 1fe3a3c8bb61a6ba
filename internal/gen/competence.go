package gen

import (
	"math/rand/v2"

	"stafett/internal/competence"
	"stafett/internal/org"
	"stafett/internal/store"
)

// networkSize is how many neighbouring municipalities (in kommunenummer order) share
// a generated network, as the four of BYN do.
const networkSize = 4

// competenceOf gives town t, the pos-th of the run, its competence mapping: the
// national starter areas, up to three competences for each person working in a unit
// (about six in ten verified), one or two needs per unit, and membership of the
// network of its group of networkSize neighbours (the first of a group makes it). It
// draws from a random source of its own, so the rest of the town's data is the same
// with or without it. It returns the town's areas.
func (g *generator) competenceOf(t *town, pos int, c *chunk) []competence.Area {
	rng := rand.New(rand.NewPCG(g.opt.Seed, 0xc0de^uint64(t.index+1)))
	at := t.m.CreatedAt
	if pos%networkSize == 0 {
		g.network = org.Network{ID: randomID(rng), Name: "Samarbeid " + t.m.Name, CreatedAt: at}
		c.networks = append(c.networks, g.network)
	}
	c.members = append(c.members, store.NetworkMember{NetworkID: g.network.ID, MunicipalityID: t.m.ID})
	areas := make([]competence.Area, len(competence.StarterAreas))
	for i, s := range competence.StarterAreas {
		areas[i] = competence.Area{ID: randomID(rng), MunicipalityID: t.m.ID, Name: s.Name, Description: s.Description, CreatedAt: at}
	}
	c.areas = append(c.areas, areas...)
	levels := []competence.Level{competence.Basic, competence.Basic, competence.Advanced, competence.Expert}
	for _, k := range org.UnitKinds {
		for _, u := range t.units[k] {
			for _, p := range append([]person{u.leader}, u.staff...) {
				for _, i := range rng.Perm(len(areas))[:rng.IntN(4)] {
					cm := competence.Competence{UserID: p.ID, AreaID: areas[i].ID, Level: levels[rng.IntN(len(levels))], Source: competence.Self}
					if rng.IntN(10) < 6 {
						cm.Source, cm.Verified = competence.Leader, true
					}
					c.competences = append(c.competences, cm)
				}
			}
			for _, i := range rng.Perm(len(areas))[:1+rng.IntN(2)] {
				c.needs = append(c.needs, store.UnitNeed{UnitID: u.ID, Need: competence.Need{AreaID: areas[i].ID, MinPeople: 1 + rng.IntN(2)}})
			}
		}
	}
	return areas
}
