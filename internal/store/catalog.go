package store

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/catalog"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// The service overview (tiltaksoversikt). Reading it is public; only the
// municipality's administrators write it (access.CanEditPublished), which the methods
// here check themselves, and every write is audited in the same transaction.

// ServiceView is a service with the name of the unit that provides it.
type ServiceView struct {
	catalog.Service
	UnitName string
}

const serviceCols = `s.id, s.municipality_id, s.unit_id, s.name, s.description, s.target_group, s.min_age, s.max_age,
	s.levels, s.contact, s.how_to_access, s.keywords, s.created_at, s.updated_at, s.retired_at, n.name`

const serviceFrom = ` FROM catalog_services s JOIN units n ON n.id = s.unit_id`

func scanService(sc scanner, v *ServiceView) error {
	var levels, keywords string
	var retired *time.Time
	err := sc.Scan(&v.ID, &v.MunicipalityID, &v.UnitID, &v.Name, &v.Description, &v.TargetGroup, &v.MinAge, &v.MaxAge,
		&levels, &v.Contact, &v.HowToAccess, &keywords, timeCol{&v.CreatedAt}, timeCol{&v.UpdatedAt}, nullTimeCol{&retired},
		&v.UnitName)
	if err != nil {
		return err
	}
	v.Retired = retired != nil
	v.Levels = []int{}
	for _, p := range strings.Split(levels, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			v.Levels = append(v.Levels, n)
		}
	}
	v.Keywords = []string{}
	return json.Unmarshal([]byte(keywords), &v.Keywords)
}

// levelsText stores levels as "1,2,3".
func levelsText(levels []int) string {
	parts := make([]string, len(levels))
	for i, n := range levels {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// likeEscape escapes the wildcards of a LIKE pattern, for ESCAPE '\'.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// getService loads service sid of municipality mid, retired or not.
func getService(ctx context.Context, tx *tx, mid, sid string) (*ServiceView, error) {
	var v ServiceView
	err := scanService(tx.queryRow(ctx, `SELECT `+serviceCols+serviceFrom+` WHERE s.id = ? AND s.municipality_id = ?`, sid, mid), &v)
	if err != nil {
		return nil, notFound(err, "service")
	}
	return &v, nil
}

// GetService returns service sid of municipality mid, retired or not (Retired says).
func (db *DB) GetService(ctx context.Context, mid, sid string) (*ServiceView, error) {
	var v *ServiceView
	err := db.view(ctx, func(tx *tx) (err error) {
		v, err = getService(ctx, tx, mid, sid)
		return err
	})
	return v, err
}

// ListServices returns the services municipality mid offers — those not retired —
// that pass f, by name. A municipality that does not exist is not found; one without
// services gives an empty list.
func (db *DB) ListServices(ctx context.Context, mid string, f catalog.Filter) ([]ServiceView, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	q := `SELECT ` + serviceCols + serviceFrom + ` WHERE s.municipality_id = ? AND s.retired_at IS NULL`
	args := []any{mid}
	if f.Age != nil {
		q += ` AND s.min_age <= ? AND s.max_age >= ?`
		args = append(args, *f.Age, *f.Age)
	}
	if f.Level != 0 {
		q += ` AND (',' || s.levels || ',') LIKE ?`
		args = append(args, "%,"+strconv.Itoa(f.Level)+",%")
	}
	for _, w := range f.Words() {
		q += ` AND s.search LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape.Replace(w)+"%")
	}
	if f.UnitID != "" {
		q += ` AND s.unit_id = ?`
		args = append(args, f.UnitID)
	}
	return db.listServices(ctx, mid, q, args)
}

// ListAllServices returns every service of municipality mid, retired ones too, by
// name: the administrators' list.
func (db *DB) ListAllServices(ctx context.Context, mid string) ([]ServiceView, error) {
	return db.listServices(ctx, mid, `SELECT `+serviceCols+serviceFrom+` WHERE s.municipality_id = ?`, []any{mid})
}

func (db *DB) listServices(ctx context.Context, mid, q string, args []any) ([]ServiceView, error) {
	var out []ServiceView
	err := db.view(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, mid); err != nil {
			return err
		}
		var err error
		out, err = queryAll(ctx, tx, scanService, q+` ORDER BY s.name, s.id`, args...)
		return err
	})
	slices.SortStableFunc(out, func(a, b ServiceView) int { return catalog.Compare(&a.Service, &b.Service) })
	if out == nil {
		out = []ServiceView{}
	}
	return out, err
}

// editCatalog runs f in a write transaction once municipality mid is known to exist
// (not found otherwise) and p may edit what it publishes (forbidden otherwise).
func (db *DB) editCatalog(ctx context.Context, p *people.Principal, mid string, f func(tx *tx) error) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		return f(tx)
	})
}

// editPublished checks that municipality mid exists (not found) and that p may edit
// what it publishes, its action guide and its service overview (forbidden).
func editPublished(ctx context.Context, tx *tx, p *people.Principal, mid string) error {
	if err := municipalityExists(ctx, tx, mid); err != nil {
		return err
	}
	if !access.CanEditPublished(actorOf(p), mid) {
		return fault.New(fault.Forbidden, "only the municipality's administrators edit what it publishes")
	}
	return nil
}

// checkServiceUnit checks that unit uid belongs to municipality mid: a service is
// provided by one of the municipality's own units (unit_id: not_found otherwise).
func checkServiceUnit(ctx context.Context, tx *tx, mid, uid string) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE id = ? AND municipality_id = ?`, uid, mid).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fault.Validation("unit_id", fault.FieldNotFound)
	}
	return nil
}

// CreateService adds s to the overview of municipality s.MunicipalityID, setting its
// ID and times.
func (db *DB) CreateService(ctx context.Context, p *people.Principal, s *catalog.Service) error {
	return db.editCatalog(ctx, p, s.MunicipalityID, func(tx *tx) error {
		if err := s.Validate(); err != nil {
			return err
		}
		if err := checkServiceUnit(ctx, tx, s.MunicipalityID, s.UnitID); err != nil {
			return err
		}
		keywords, err := json.Marshal(s.Keywords)
		if err != nil {
			return err
		}
		s.ID, s.CreatedAt, s.UpdatedAt, s.Retired = newID(), tx.now, tx.now, false
		_, err = tx.exec(ctx, `INSERT INTO catalog_services (id, municipality_id, unit_id, name, description, target_group,
			min_age, max_age, levels, contact, how_to_access, keywords, search, created_at, created_by, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.ID, s.MunicipalityID, s.UnitID, s.Name, s.Description, s.TargetGroup, s.MinAge, s.MaxAge, levelsText(s.Levels),
			s.Contact, s.HowToAccess, string(keywords), s.SearchText(), tx.now, p.User.ID, tx.now, p.User.ID)
		if err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.CreateService, audit.TargetService, s.ID, s.MunicipalityID, s.Name)
	})
}

// UpdateService replaces service s.ID of municipality s.MunicipalityID with s. A
// retired service, one of another municipality and one that does not exist are not
// found.
func (db *DB) UpdateService(ctx context.Context, p *people.Principal, s *catalog.Service) (*ServiceView, error) {
	var v *ServiceView
	err := db.editCatalog(ctx, p, s.MunicipalityID, func(tx *tx) error {
		old, err := getService(ctx, tx, s.MunicipalityID, s.ID)
		if err != nil {
			return err
		}
		if old.Retired {
			return fault.New(fault.NotFound, "service not found")
		}
		if err := s.Validate(); err != nil {
			return err
		}
		if err := checkServiceUnit(ctx, tx, s.MunicipalityID, s.UnitID); err != nil {
			return err
		}
		keywords, err := json.Marshal(s.Keywords)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE catalog_services SET unit_id = ?, name = ?, description = ?, target_group = ?,
			min_age = ?, max_age = ?, levels = ?, contact = ?, how_to_access = ?, keywords = ?, search = ?,
			updated_at = ?, updated_by = ? WHERE id = ? AND municipality_id = ?`,
			s.UnitID, s.Name, s.Description, s.TargetGroup, s.MinAge, s.MaxAge, levelsText(s.Levels), s.Contact,
			s.HowToAccess, string(keywords), s.SearchText(), tx.now, p.User.ID, s.ID, s.MunicipalityID)
		if err != nil {
			return err
		}
		if err := recordAdmin(ctx, tx, p, audit.UpdateService, audit.TargetService, s.ID, s.MunicipalityID, s.Name); err != nil {
			return err
		}
		v, err = getService(ctx, tx, s.MunicipalityID, s.ID)
		return err
	})
	return v, err
}

// RetireService takes service sid out of municipality mid's overview. It stays stored,
// so that measures naming it keep their reference. Retiring a retired service is
// not found, as is one of another municipality.
func (db *DB) RetireService(ctx context.Context, p *people.Principal, mid, sid string) error {
	return db.editCatalog(ctx, p, mid, func(tx *tx) error {
		old, err := getService(ctx, tx, mid, sid)
		if err != nil {
			return err
		}
		if old.Retired {
			return fault.New(fault.NotFound, "service not found")
		}
		if _, err := tx.exec(ctx, `UPDATE catalog_services SET retired_at = ?, updated_at = ?, updated_by = ?
			WHERE id = ? AND municipality_id = ?`, tx.now, tx.now, p.User.ID, sid, mid); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.RetireService, audit.TargetService, sid, mid, old.Name)
	})
}

// checkServiceRef checks the catalog service a measure names: a service in the
// overview of the log's municipality mid that is not retired (catalog_service_id:
// not_found otherwise). A correction may keep naming the service the version it
// corrects named, even if the service has been retired since.
func checkServiceRef(ctx context.Context, tx *tx, mid string, e *logbook.Entry) error {
	if e.CatalogServiceID == "" {
		return nil
	}
	var retired *time.Time
	err := tx.queryRow(ctx, `SELECT retired_at FROM catalog_services WHERE id = ? AND municipality_id = ?`, e.CatalogServiceID, mid).
		Scan(nullTimeCol{&retired})
	switch {
	case isNoRows(err):
		return fault.Validation("catalog_service_id", fault.FieldNotFound)
	case err != nil:
		return err
	case retired == nil:
		return nil
	}
	if e.Amends != "" {
		var before string
		err := tx.queryRow(ctx, `SELECT catalog_service_id FROM entries WHERE id = ?`, e.Amends).Scan(&before)
		if err == nil && before == e.CatalogServiceID {
			return nil
		}
	}
	return fault.Validation("catalog_service_id", fault.FieldNotFound)
}

// serviceNames gives the entries of log id that name a catalog service that
// service's name, retired or not.
func serviceNames(ctx context.Context, tx *tx, mid, id string, entries []EntryView) error {
	names := map[string]string{}
	for _, e := range entries {
		if e.CatalogServiceID != "" {
			names[e.CatalogServiceID] = ""
		}
	}
	if len(names) == 0 {
		return nil
	}
	type pair struct{ id, name string }
	rows, err := queryAll(ctx, tx, func(s scanner, p *pair) error { return s.Scan(&p.id, &p.name) },
		`SELECT id, name FROM catalog_services WHERE municipality_id = ?
		AND id IN (SELECT catalog_service_id FROM entries WHERE log_id = ?)`, mid, id)
	if err != nil {
		return err
	}
	for _, p := range rows {
		names[p.id] = p.name
	}
	for i := range entries {
		entries[i].ServiceName = names[entries[i].CatalogServiceID]
	}
	return nil
}
