package store

import (
	"context"
	"strconv"
	"time"

	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/people"
)

// GuideFile is a document uploaded as a tool of a guide step. The caller has checked
// its type by content (guide.DocumentType) and made its name safe (guide.FileName).
type GuideFile struct {
	ID             string
	MunicipalityID string
	Name           string
	ContentType    string
	Data           []byte
	CreatedAt      time.Time
}

// insertGuideFile stores f in municipality mid, uploaded by p.
func insertGuideFile(ctx context.Context, tx *tx, p *people.Principal, mid string, f *GuideFile) error {
	f.ID, f.MunicipalityID, f.CreatedAt = newID(), mid, tx.now
	_, err := tx.exec(ctx, `INSERT INTO guide_files (id, municipality_id, name, content_type, size, data, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, mid, f.Name, f.ContentType, len(f.Data), f.Data, f.CreatedAt, p.User.ID)
	if err != nil {
		return err
	}
	return recordAdmin(ctx, tx, p, audit.UploadGuideFile, audit.TargetGuideFile, f.ID, mid, f.ContentType+" "+strconv.Itoa(len(f.Data))+" bytes")
}

// AddGuideFile uploads document f for municipality mid's guide, done by p, who must
// be allowed to edit it (as SaveGuideDraft). It becomes public only when a published
// version refers to it.
func (db *DB) AddGuideFile(ctx context.Context, p *people.Principal, mid string, f *GuideFile) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := editPublished(ctx, tx, p, mid); err != nil {
			return err
		}
		return insertGuideFile(ctx, tx, p, mid, f)
	})
}

// GetPublishedGuideFile returns document fid of municipality mid if a published version
// of its guide refers to it; a document only a draft knows is not found.
func (db *DB) GetPublishedGuideFile(ctx context.Context, mid, fid string) (*GuideFile, error) {
	var f GuideFile
	err := db.view(ctx, func(tx *tx) error {
		row := tx.queryRow(ctx, `SELECT id, municipality_id, name, content_type, data, created_at FROM guide_files
			WHERE id = ? AND municipality_id = ? AND published_at IS NOT NULL`, fid, mid)
		return notFound(row.Scan(&f.ID, &f.MunicipalityID, &f.Name, &f.ContentType, &f.Data, timeCol{&f.CreatedAt}), "file")
	})
	return &f, err
}

// GuideFileNames maps the IDs of municipality mid's documents to their names, for the
// editor.
func (db *DB) GuideFileNames(ctx context.Context, mid string) (map[string]string, error) {
	out := map[string]string{}
	err := db.view(ctx, func(tx *tx) error {
		pairs, err := queryAll(ctx, tx, scanPair, `SELECT id, name FROM guide_files WHERE municipality_id = ?`, mid)
		for _, p := range pairs {
			out[p[0]] = p[1]
		}
		return err
	})
	return out, err
}

// checkFiles makes sure every document g refers to belongs to municipality mid.
func checkFiles(ctx context.Context, tx *tx, mid string, g *guide.Guide) error {
	var f fault.Fields
	for _, l := range g.Levels {
		for j, s := range l.Steps {
			for k, t := range s.Tools {
				if t.FileID == "" {
					continue
				}
				var n int
				if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM guide_files WHERE id = ? AND municipality_id = ?`, t.FileID, mid).Scan(&n); err != nil {
					return err
				}
				if n == 0 {
					f.Add(guide.LevelField(l.Level)+".steps["+strconv.Itoa(j)+"].tools["+strconv.Itoa(k)+"].file_id", fault.FieldNotFound)
				}
			}
		}
	}
	return f.Err()
}

// publishFiles makes the documents g refers to public.
func publishFiles(ctx context.Context, tx *tx, mid string, g *guide.Guide) error {
	for _, id := range g.FileIDs() {
		if _, err := tx.exec(ctx, `UPDATE guide_files SET published_at = ? WHERE id = ? AND municipality_id = ? AND published_at IS NULL`,
			tx.now, id, mid); err != nil {
			return err
		}
	}
	return nil
}

// copyFiles copies the documents of municipality from that g refers to into
// municipality mid, as a fork does, and points g's tools at the copies.
func copyFiles(ctx context.Context, tx *tx, p *people.Principal, from, mid string, g *guide.Guide) error {
	copies := map[string]string{}
	for _, id := range g.FileIDs() {
		var f GuideFile
		err := tx.queryRow(ctx, `SELECT name, content_type, data FROM guide_files WHERE id = ? AND municipality_id = ?`, id, from).
			Scan(&f.Name, &f.ContentType, &f.Data)
		if err != nil {
			return notFound(err, "file")
		}
		if err := insertGuideFile(ctx, tx, p, mid, &f); err != nil {
			return err
		}
		copies[id] = f.ID
	}
	for i := range g.Levels {
		for j := range g.Levels[i].Steps {
			for k := range g.Levels[i].Steps[j].Tools {
				t := &g.Levels[i].Steps[j].Tools[k]
				if t.FileID != "" {
					t.FileID = copies[t.FileID]
				}
			}
		}
	}
	return nil
}
