package store

import (
	"context"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// CompetenceQuery is a search by need: text (Q) and/or an area, in a municipality or a
// network (neither: the searcher's own municipality).
type CompetenceQuery struct {
	Q, AreaID, MunicipalityID, NetworkID string
}

// CompetenceHit is one person in one of their units with the matching areas they hold.
type CompetenceHit struct {
	UserID, Name                     string
	UnitID, UnitName, UnitKind       string
	MunicipalityID, MunicipalityName string
	Areas                            []HitArea
}

// HitArea is a matching area a person holds.
type HitArea struct {
	ID, Name string
	Level    competence.Level
	Verified bool
	Source   competence.Source
}

// Verified reports whether the person holds one of the matching areas verified.
func (h CompetenceHit) Verified() bool {
	return slices.ContainsFunc(h.Areas, func(a HitArea) bool { return a.Verified })
}

// maxSearchAreas bounds the areas one search matches; maxHits the people it returns.
const (
	maxSearchAreas = 500
	maxHits        = 100
)

// SearchCompetence finds the people holding areas that match q, grouped by
// municipality and unit, verified first. Areas are matched by their folded words
// (search_tokens, made when an area is written) among those of the scope, a few dozen
// per municipality; people are then found through the index on competences by area,
// never by scanning staff. A person who does not share their competence is found only
// by searchers of their own municipality.
func (db *DB) SearchCompetence(ctx context.Context, p *people.Principal, q CompetenceQuery) ([]CompetenceHit, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	if len(p.Roles.Municipalities()) == 0 && len(p.Roles.Networks()) == 0 {
		return nil, fault.New(fault.Forbidden, "only staff, administrators and coordinators search competence")
	}
	words := competence.Tokens(norm.NFC.String(q.Q))
	switch {
	case len(q.Q) > competence.MaxQueryLen:
		return nil, fault.Validation("q", fault.FieldTooLong)
	case len(words) == 0 && q.AreaID == "":
		return nil, fault.Validation("q", fault.FieldRequired)
	}
	var out []CompetenceHit
	err := db.view(ctx, func(tx *tx) error {
		scope, err := searchScope(ctx, tx, p, q)
		if err != nil {
			return err
		}
		areas, err := matchAreas(ctx, tx, scope, q.AreaID, words)
		if err != nil || len(areas) == 0 {
			return err
		}
		out, err = findHolders(ctx, tx, scope, areas, p.Roles.Municipalities())
		return err
	})
	return out, err
}

// searchScope returns the municipalities q searches, checking that p may: a network p
// works in or coordinates, or a municipality p reaches; not found otherwise.
func searchScope(ctx context.Context, tx *tx, p *people.Principal, q CompetenceQuery) ([]string, error) {
	if q.NetworkID != "" {
		members, err := networkMembers(ctx, tx, q.NetworkID)
		if err != nil {
			return nil, err
		}
		ok := p.Roles.Coordinates(q.NetworkID)
		for _, m := range p.Roles.Municipalities() {
			ok = ok || slices.Contains(members, m)
		}
		if !ok {
			return nil, fault.New(fault.NotFound, "network not found")
		}
		return members, nil
	}
	mid := q.MunicipalityID
	if mid == "" {
		if ms := p.Roles.Municipalities(); len(ms) > 0 {
			mid = ms[0]
		} else {
			return nil, fault.Validation("municipality_id", fault.FieldRequired)
		}
	}
	if err := reachMunicipality(ctx, tx, p, mid); err != nil {
		return nil, err
	}
	return []string{mid}, nil
}

type areaMatch struct{ id, name, tokens string }

// matchAreas returns the areas of the municipalities of scope and of their networks
// that are aid (when given) and match words (when given).
func matchAreas(ctx context.Context, tx *tx, scope []string, aid string, words []string) (map[string]string, error) {
	args := make([]any, 0, 2*len(scope))
	for range 2 {
		for _, m := range scope {
			args = append(args, m)
		}
	}
	all, err := queryAll(ctx, tx, func(s scanner, a *areaMatch) error { return s.Scan(&a.id, &a.name, &a.tokens) },
		`SELECT id, name, search_tokens FROM competence_areas WHERE municipality_id IN (`+placeholders(len(scope))+`)
		OR network_id IN (SELECT network_id FROM network_members WHERE municipality_id IN (`+placeholders(len(scope))+`))`, args...)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	found := aid == ""
	for _, a := range all {
		if aid != "" && a.id != aid {
			continue
		}
		found = found || a.id == aid
		if len(words) > 0 && !competence.Matches(a.tokens, words) {
			continue
		}
		if len(out) < maxSearchAreas {
			out[a.id] = a.name
		}
	}
	if !found {
		return nil, fault.Validation("area_id", fault.FieldNotFound)
	}
	return out, nil
}

// findHolders returns the people working in the municipalities of scope who hold one
// of areas, those who do not share their competence only when they work in one of
// mine, ordered by municipality, unit, verified first, level and name: at most
// maxHits of them, the verified and most skilled kept. The choice of whom to show is
// made in SQL (rankHolders), which returns only those; their names, units and areas
// are then read for them alone, so a search that matches thousands of people in a
// large municipality reads and sorts a hundred.
func findHolders(ctx context.Context, tx *tx, scope []string, areas map[string]string, mine []string) ([]CompetenceHit, error) {
	ids := make([]string, 0, len(areas))
	for id := range areas {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	pairs, err := rankHolders(ctx, tx, scope, ids, mine)
	if err != nil || len(pairs) == 0 {
		return nil, err
	}
	var users, units []string
	for _, p := range pairs {
		if !slices.Contains(users, p[0]) {
			users = append(users, p[0])
		}
		if !slices.Contains(units, p[1]) {
			units = append(units, p[1])
		}
	}
	args := make([]any, 0, len(users)+len(ids)+len(units))
	for _, xs := range [][]string{users, ids, units} {
		for _, x := range xs {
			args = append(args, x)
		}
	}
	type row struct {
		hit  CompetenceHit
		area HitArea
	}
	rows, err := queryAll(ctx, tx, func(s scanner, r *row) error {
		return s.Scan(&r.hit.UserID, &r.hit.Name, &r.hit.UnitID, &r.hit.UnitName, &r.hit.UnitKind, &r.hit.MunicipalityID,
			&r.hit.MunicipalityName, &r.area.ID, &r.area.Level, &r.area.Verified, &r.area.Source)
	}, `SELECT DISTINCT us.id, us.name, un.id, un.name, un.kind, m.id, m.name, c.area_id, c.level, c.verified, c.source
		FROM competences c JOIN users us ON us.id = c.user_id
		JOIN roles r ON r.user_id = c.user_id AND r.role IN ('employee', 'unit_leader')
		JOIN units un ON un.id = r.unit_id JOIN municipalities m ON m.id = un.municipality_id
		WHERE c.user_id IN (`+placeholders(len(users))+`) AND c.area_id IN (`+placeholders(len(ids))+`)
		AND un.id IN (`+placeholders(len(units))+`)`, args...)
	if err != nil {
		return nil, err
	}
	byKey := make(map[[2]string]int, len(pairs))
	for _, p := range pairs {
		byKey[p] = -1
	}
	var out []CompetenceHit
	for _, r := range rows {
		k := [2]string{r.hit.UserID, r.hit.UnitID}
		i, ok := byKey[k]
		if !ok {
			continue // another unit of the person's, not among those chosen
		}
		if i < 0 {
			i = len(out)
			byKey[k] = i
			out = append(out, r.hit)
		}
		r.area.Name = areas[r.area.ID]
		out[i].Areas = append(out[i].Areas, r.area)
	}
	for i := range out {
		slices.SortFunc(out[i].Areas, func(a, b HitArea) int { return strings.Compare(a.Name, b.Name) })
	}
	sortHits(out)
	return out, nil
}

// rankHolders returns the (user, unit) pairs findHolders shows: of the people working in
// the municipalities of scope who hold one of areas (and share their competence, or
// work in one of mine), the maxHits with a verified area first, then by their best
// level, then by ID so the choice is the same every time.
func rankHolders(ctx context.Context, tx *tx, scope, areas, mine []string) ([][2]string, error) {
	args := make([]any, 0, len(areas)+len(scope)+len(mine)+1)
	for _, xs := range [][]string{areas, scope, mine} {
		for _, x := range xs {
			args = append(args, x)
		}
	}
	own := `1 = 0`
	if len(mine) > 0 {
		own = `un.municipality_id IN (` + placeholders(len(mine)) + `)`
	}
	args = append(args, maxHits)
	return queryAll(ctx, tx, scanPair, `SELECT c.user_id, r.unit_id FROM competences c JOIN users us ON us.id = c.user_id
		JOIN roles r ON r.user_id = c.user_id AND r.role IN ('employee', 'unit_leader')
		JOIN units un ON un.id = r.unit_id
		WHERE c.area_id IN (`+placeholders(len(areas))+`) AND un.municipality_id IN (`+placeholders(len(scope))+`)
		AND us.active AND (us.share_competence OR `+own+`)
		GROUP BY c.user_id, r.unit_id
		ORDER BY MAX(CASE WHEN c.verified THEN 1 ELSE 0 END) DESC,
			MAX(CASE c.level WHEN 'expert' THEN 3 WHEN 'advanced' THEN 2 WHEN 'basic' THEN 1 ELSE 0 END) DESC,
			c.user_id, r.unit_id
		LIMIT ?`, args...)
}

// sortHits orders hits by municipality, unit, verified first, best level and name.
// Each name's collation key is made once (people.NameKey), not at every comparison:
// a network search sorts thousands of hits.
func sortHits(hits []CompetenceHit) {
	keys := map[string]string{}
	key := func(s string) string {
		k, ok := keys[s]
		if !ok {
			k = people.NameKey(s)
			keys[s] = k
		}
		return k
	}
	type sortable struct {
		muni, unit, name string
		verified         bool
		level            int
		hit              CompetenceHit
	}
	xs := make([]sortable, len(hits))
	for i, h := range hits {
		xs[i] = sortable{key(h.MunicipalityName) + "\x00" + h.MunicipalityID, key(h.UnitName) + "\x00" + h.UnitID,
			key(h.Name), h.Verified(), bestLevel(h), h}
	}
	slices.SortStableFunc(xs, func(a, b sortable) int {
		if d := strings.Compare(a.muni, b.muni); d != 0 {
			return d
		}
		if d := strings.Compare(a.unit, b.unit); d != 0 {
			return d
		}
		if a.verified != b.verified {
			if a.verified {
				return -1
			}
			return 1
		}
		if d := b.level - a.level; d != 0 {
			return d
		}
		return strings.Compare(a.name, b.name)
	})
	for i := range xs {
		hits[i] = xs[i].hit
	}
}

func bestLevel(h CompetenceHit) int {
	best := 0
	for _, a := range h.Areas {
		best = max(best, a.Level.Rank())
	}
	return best
}
