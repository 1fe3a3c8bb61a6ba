package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/people"
)

// PublishedGuide is one published version of a municipality's action guide.
type PublishedGuide struct {
	MunicipalityID  string
	Version         int
	Source          string // SourceNational, "municipality:<id>" for a fork of a neighbour, "" when edited
	PublishedAt     time.Time
	PublishedBy     string // "" when Stafett published it: the national template of a new municipality
	PublishedByName string
	UndringDays     int
	Guide           guide.Guide // empty in ListGuideVersions
}

// GuideDraft is the guide a municipality administrator is editing. Without a saved
// draft it is the newest published version, with Changed false.
type GuideDraft struct {
	MunicipalityID string
	BasedOn        int // the published version the draft started from
	Source         string
	Changed        bool
	UpdatedAt      time.Time
	UpdatedBy      string
	Guide          guide.Guide
}

// GuideSource is what a fork copies: the national template, or the newest published
// guide of another municipality.
type GuideSource struct {
	National       bool
	MunicipalityID string
}

// SourceNational marks a version or draft copied from the national template.
const SourceNational = "national"

// sourceMunicipality is the source of a fork of municipality mid's guide.
func sourceMunicipality(mid string) string { return "municipality:" + mid }

// NewStepID returns a random step ID that guide.IsStepID accepts.
func NewStepID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "s" + hex.EncodeToString(b)
}

const guideVersionCols = `v.municipality_id, v.version, v.source, v.published_at, COALESCE(v.published_by, ''),
	COALESCE(u.name, ''), v.undring_days`

func scanGuideVersion(s scanner, g *PublishedGuide, extra ...any) error {
	return s.Scan(append([]any{&g.MunicipalityID, &g.Version, &g.Source, timeCol{&g.PublishedAt}, &g.PublishedBy,
		&g.PublishedByName, &g.UndringDays}, extra...)...)
}

// getGuide loads version of municipality mid's guide, the newest when version is 0.
func getGuide(ctx context.Context, tx *tx, mid string, version int) (*PublishedGuide, error) {
	q := `SELECT ` + guideVersionCols + `, v.content FROM guide_versions v LEFT JOIN users u ON u.id = v.published_by
		WHERE v.municipality_id = ? AND v.version = `
	args := []any{mid}
	if version == 0 {
		q += `(SELECT MAX(version) FROM guide_versions WHERE municipality_id = ?)`
		args = append(args, mid)
	} else {
		q += `?`
		args = append(args, version)
	}
	var g PublishedGuide
	var content string
	if err := scanGuideVersion(tx.queryRow(ctx, q, args...), &g, &content); err != nil {
		return nil, notFound(err, "guide")
	}
	if err := json.Unmarshal([]byte(content), &g.Guide); err != nil {
		return nil, err
	}
	g.Guide.Normalize()
	return &g, nil
}

// publishedGuide returns municipality mid's newest published guide, to read only.
// A published version never changes, so it is parsed once per process and kept
// (every view of a log shows its level's steps); only which version is newest is
// asked for each time.
func (t *tx) publishedGuide(ctx context.Context, mid string) (*PublishedGuide, error) {
	var v sql.NullInt64
	if err := t.queryRow(ctx, `SELECT MAX(version) FROM guide_versions WHERE municipality_id = ?`, mid).Scan(&v); err != nil {
		return nil, err
	}
	if !v.Valid {
		return nil, fault.New(fault.NotFound, "guide not found")
	}
	key := mid + "/" + strconv.FormatInt(v.Int64, 10)
	if t.guides == nil {
		return getGuide(ctx, t, mid, int(v.Int64))
	}
	if g, ok := t.guides.Load(key); ok {
		return g.(*PublishedGuide), nil
	}
	g, err := getGuide(ctx, t, mid, int(v.Int64))
	if err != nil {
		return nil, err
	}
	t.guides.Store(key, g)
	return g, nil
}

// GetGuide returns the newest published version of municipality mid's guide.
func (db *DB) GetGuide(ctx context.Context, mid string) (*PublishedGuide, error) {
	return db.GetGuideVersion(ctx, mid, 0)
}

// GetGuideVersion returns one published version of municipality mid's guide (the
// newest for version 0). Published versions stay readable for good.
func (db *DB) GetGuideVersion(ctx context.Context, mid string, version int) (*PublishedGuide, error) {
	var g *PublishedGuide
	err := db.view(ctx, func(tx *tx) (err error) {
		g, err = getGuide(ctx, tx, mid, version)
		return err
	})
	return g, err
}

// ListGuideVersions lists the published versions of municipality mid's guide, newest
// first, without their content.
func (db *DB) ListGuideVersions(ctx context.Context, mid string) ([]PublishedGuide, error) {
	var out []PublishedGuide
	err := db.view(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, mid); err != nil {
			return err
		}
		var err error
		out, err = queryAll(ctx, tx, func(s scanner, g *PublishedGuide) error { return scanGuideVersion(s, g) },
			`SELECT `+guideVersionCols+` FROM guide_versions v LEFT JOIN users u ON u.id = v.published_by
			WHERE v.municipality_id = ? ORDER BY v.version DESC`, mid)
		return err
	})
	return out, err
}

func municipalityExists(ctx context.Context, tx *tx, mid string) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE id = ?`, mid).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fault.New(fault.NotFound, "municipality not found")
	}
	return nil
}

// insertVersion publishes g as the next version of municipality mid's guide, by user
// by ("" for Stafett), and returns its number.
func insertVersion(ctx context.Context, tx *tx, mid string, g guide.Guide, source, by string) (int, error) {
	var next int
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM guide_versions WHERE municipality_id = ?`, mid).Scan(&next); err != nil {
		return 0, err
	}
	content, err := json.Marshal(g)
	if err != nil {
		return 0, err
	}
	_, err = tx.exec(ctx, `INSERT INTO guide_versions (municipality_id, version, content, undring_days, source, published_at, published_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, mid, next, string(content), g.UndringDays(), source, tx.now, nullString(by))
	if isUnique(err) {
		return 0, fault.New(fault.Conflict, "another version was published at the same time")
	}
	return next, err
}

// publishNational publishes the national template as municipality mid's next version,
// on Stafett's own account: for a new municipality, and for those that had none.
func publishNational(ctx context.Context, tx *tx, mid string) error {
	v, err := insertVersion(ctx, tx, mid, guide.National(), SourceNational, "")
	if err != nil {
		return err
	}
	return recordGuideAction(ctx, tx, people.System(), mid, audit.PublishGuide, "version "+strconv.Itoa(v)+" national")
}

// backfillGuides publishes the national template for every municipality without a
// guide, such as those created before guides existed. It runs after migrating and
// does nothing once every municipality has one.
func (db *DB) backfillGuides(ctx context.Context) error {
	return db.update(ctx, func(tx *tx) error {
		if db.dialect.name == "postgres" {
			// Several servers starting at once must not publish twice.
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(7301)`); err != nil {
				return err
			}
		}
		ids, err := queryAll(ctx, tx, scanString, `SELECT id FROM municipalities m
			WHERE NOT EXISTS (SELECT 1 FROM guide_versions v WHERE v.municipality_id = m.id) ORDER BY id`)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := publishNational(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordGuideAction appends the audit record of action by p on municipality mid's
// guide.
func recordGuideAction(ctx context.Context, tx *tx, p *people.Principal, mid string, action audit.Action, detail string) error {
	return recordAdmin(ctx, tx, p, action, audit.TargetGuide, mid, mid, detail)
}

// undringDays is the undring decision deadline of municipality mid's newest guide.
func undringDays(ctx context.Context, tx *tx, mid string) (int, error) {
	var days int
	err := tx.queryRow(ctx, `SELECT undring_days FROM guide_versions WHERE municipality_id = ? ORDER BY version DESC LIMIT 1`, mid).Scan(&days)
	if isNoRows(err) {
		return guide.DefaultUndringDays, nil
	}
	return days, err
}
