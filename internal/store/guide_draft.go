package store

import (
	"context"
	"encoding/json"
	"strconv"

	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/people"
)

// The editing of a guide: a draft per municipality, saved whole, published as the next
// version or discarded, or replaced by a fork. Each write checks, in its transaction,
// that the municipality exists (not found) and that the actor may edit what it
// publishes (access.CanEditPublished; forbidden), before it looks at its input, and
// records itself in the audit.

// getDraft loads municipality mid's draft, or its newest version when none is saved.
func getDraft(ctx context.Context, tx *tx, mid string) (*GuideDraft, error) {
	if err := municipalityExists(ctx, tx, mid); err != nil {
		return nil, err
	}
	d := &GuideDraft{MunicipalityID: mid}
	var content string
	err := tx.queryRow(ctx, `SELECT content, based_on, source, updated_at, updated_by FROM guide_drafts WHERE municipality_id = ?`, mid).
		Scan(&content, &d.BasedOn, &d.Source, timeCol{&d.UpdatedAt}, &d.UpdatedBy)
	switch {
	case err == nil:
		d.Changed = true
		if err := json.Unmarshal([]byte(content), &d.Guide); err != nil {
			return nil, err
		}
		d.Guide.Normalize()
		return d, nil
	case !isNoRows(err):
		return nil, err
	}
	pg, err := getGuide(ctx, tx, mid, 0)
	if fault.Is(err, fault.NotFound) {
		d.Guide.Normalize()
		return d, nil
	} else if err != nil {
		return nil, err
	}
	d.BasedOn, d.Guide = pg.Version, pg.Guide
	return d, nil
}

// GetGuideDraft returns municipality mid's draft: the saved one, or else its newest
// published version.
func (db *DB) GetGuideDraft(ctx context.Context, mid string) (*GuideDraft, error) {
	var d *GuideDraft
	err := db.view(ctx, func(tx *tx) (err error) {
		d, err = getDraft(ctx, tx, mid)
		return err
	})
	return d, err
}

// putDraft saves g as municipality mid's draft. A new draft starts from the newest
// version (basedOn); an existing one keeps what it started from unless source is set,
// as by a fork.
func putDraft(ctx context.Context, tx *tx, p *people.Principal, mid string, g guide.Guide, basedOn int, source string, fork bool) error {
	content, err := json.Marshal(g)
	if err != nil {
		return err
	}
	q := `INSERT INTO guide_drafts (municipality_id, content, based_on, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (municipality_id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at,
		updated_by = excluded.updated_by`
	if fork {
		q += `, based_on = excluded.based_on, source = excluded.source`
	}
	_, err = tx.exec(ctx, q, mid, string(content), basedOn, source, tx.now, p.User.ID)
	return err
}

// SaveGuideDraft replaces municipality mid's draft with g. The draft may be
// incomplete but must pass guide.Check (422 with the fields otherwise); steps without
// an ID get a new one, steps with one keep it.
func (db *DB) SaveGuideDraft(ctx context.Context, p *people.Principal, mid string, g guide.Guide) (*GuideDraft, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	var d *GuideDraft
	err := db.update(ctx, func(tx *tx) (err error) {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		if err := g.Check(); err != nil {
			return err
		}
		g.AssignIDs(NewStepID)
		cur, err := getDraft(ctx, tx, mid)
		if err != nil {
			return err
		}
		if err := checkFiles(ctx, tx, mid, &g); err != nil {
			return err
		}
		if err := putDraft(ctx, tx, p, mid, g, cur.BasedOn, cur.Source, false); err != nil {
			return err
		}
		if err := recordGuideAction(ctx, tx, p, mid, audit.SaveGuideDraft, "based on version "+strconv.Itoa(cur.BasedOn)); err != nil {
			return err
		}
		d, err = getDraft(ctx, tx, mid)
		return err
	})
	return d, err
}

// EditGuideDraft applies edit to municipality mid's draft and saves it, in one
// transaction, for the editor's one-change-at-a-time forms. With file set, the
// document is uploaded in the same transaction and edit gets its ID. An error from
// edit leaves the draft as it was and uploads nothing.
func (db *DB) EditGuideDraft(ctx context.Context, p *people.Principal, mid string, file *GuideFile, edit func(g *guide.Guide, fileID string) error) (*GuideDraft, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	var d *GuideDraft
	err := db.update(ctx, func(tx *tx) (err error) {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		cur, err := getDraft(ctx, tx, mid)
		if err != nil {
			return err
		}
		var fileID string
		if file != nil {
			if err := insertGuideFile(ctx, tx, p, mid, file); err != nil {
				return err
			}
			fileID = file.ID
		}
		g := cur.Guide.Clone()
		if err := edit(&g, fileID); err != nil {
			return err
		}
		if err := g.Check(); err != nil {
			return err
		}
		if err := checkFiles(ctx, tx, mid, &g); err != nil {
			return err
		}
		g.AssignIDs(NewStepID)
		if err := putDraft(ctx, tx, p, mid, g, cur.BasedOn, cur.Source, false); err != nil {
			return err
		}
		if err := recordGuideAction(ctx, tx, p, mid, audit.SaveGuideDraft, "based on version "+strconv.Itoa(cur.BasedOn)); err != nil {
			return err
		}
		d, err = getDraft(ctx, tx, mid)
		return err
	})
	return d, err
}

// DiscardGuideDraft throws municipality mid's saved draft away; the draft is then
// the newest published version again. Discarding when there is none changes nothing.
func (db *DB) DiscardGuideDraft(ctx context.Context, p *people.Principal, mid string) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM guide_drafts WHERE municipality_id = ?`, mid)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return recordGuideAction(ctx, tx, p, mid, audit.DiscardGuideDraft, "")
	})
}

// PublishGuide publishes municipality mid's draft as the next version and removes the
// draft. Without a saved draft there is nothing to publish (conflict); a draft that is
// not a whole guide (guide.Validate) is refused with its fields.
func (db *DB) PublishGuide(ctx context.Context, p *people.Principal, mid string) (*PublishedGuide, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	var out *PublishedGuide
	err := db.update(ctx, func(tx *tx) error {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		d, err := getDraft(ctx, tx, mid)
		if err != nil {
			return err
		}
		if !d.Changed {
			return fault.New(fault.Conflict, "there is no draft to publish")
		}
		if err := d.Guide.Validate(); err != nil {
			return err
		}
		if err := checkFiles(ctx, tx, mid, &d.Guide); err != nil {
			return err
		}
		if err := publishFiles(ctx, tx, mid, &d.Guide); err != nil {
			return err
		}
		v, err := insertVersion(ctx, tx, mid, d.Guide, d.Source, p.User.ID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM guide_drafts WHERE municipality_id = ?`, mid); err != nil {
			return err
		}
		if err := recordGuideAction(ctx, tx, p, mid, audit.PublishGuide, "version "+strconv.Itoa(v)); err != nil {
			return err
		}
		out, err = getGuide(ctx, tx, mid, v)
		return err
	})
	return out, err
}

// ForkGuide makes municipality mid's draft a copy of the national template or of the
// newest published guide of another municipality, step IDs included, to adapt and
// publish. Copying from a municipality is allowed only when both are in the same
// network: otherwise forbidden (guides are public, so the other municipality is no
// secret). An unknown or the same municipality is a field error of
// from_municipality_id.
func (db *DB) ForkGuide(ctx context.Context, p *people.Principal, mid string, from GuideSource) (*GuideDraft, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	var d *GuideDraft
	err := db.update(ctx, func(tx *tx) error {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		cur, err := getDraft(ctx, tx, mid)
		if err != nil {
			return err
		}
		g, source, err := forkSource(ctx, tx, mid, from)
		if err != nil {
			return err
		}
		if !from.National {
			// The neighbour's documents come along as copies of the municipality's own.
			if err := copyFiles(ctx, tx, p, from.MunicipalityID, mid, &g); err != nil {
				return err
			}
		}
		var latest int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM guide_versions WHERE municipality_id = ?`, mid).Scan(&latest); err != nil {
			return err
		}
		if err := putDraft(ctx, tx, p, mid, g, latest, source, true); err != nil {
			return err
		}
		if err := recordGuideAction(ctx, tx, p, mid, audit.ForkGuide, source+" replacing draft based on version "+strconv.Itoa(cur.BasedOn)); err != nil {
			return err
		}
		d, err = getDraft(ctx, tx, mid)
		return err
	})
	return d, err
}

func forkSource(ctx context.Context, tx *tx, mid string, from GuideSource) (guide.Guide, string, error) {
	if from.National {
		return guide.National(), SourceNational, nil
	}
	switch {
	case from.MunicipalityID == "":
		return guide.Guide{}, "", fault.Validation("from_municipality_id", fault.FieldRequired)
	case from.MunicipalityID == mid:
		return guide.Guide{}, "", fault.Validation("from_municipality_id", fault.FieldInvalid)
	}
	if err := municipalityExists(ctx, tx, from.MunicipalityID); err != nil {
		return guide.Guide{}, "", fault.Validation("from_municipality_id", fault.FieldNotFound)
	}
	ok, err := sameNetwork(ctx, tx, mid, from.MunicipalityID)
	if err != nil {
		return guide.Guide{}, "", err
	}
	if !ok {
		return guide.Guide{}, "", fault.New(fault.Forbidden, "you can copy the guide of a municipality in the same network only")
	}
	pg, err := getGuide(ctx, tx, from.MunicipalityID, 0)
	if err != nil {
		return guide.Guide{}, "", err
	}
	return pg.Guide, sourceMunicipality(from.MunicipalityID), nil
}
