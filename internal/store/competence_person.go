package store

import (
	"context"
	"database/sql"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/competence"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// AddCompetence records competence c of user c.UserID, done by p: the person
// themselves (source self, not verified) or a leader of one of their units (source
// leader, verified). The area must be one of the person's municipalities or networks
// (area_id not_found). A competence the person already has in that area is replaced.
func (db *DB) AddCompetence(ctx context.Context, p *people.Principal, c *competence.Competence) error {
	if err := signedIn(p); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		x, err := loadPerson(ctx, tx, p, c.UserID)
		if err != nil {
			return err
		}
		if !access.CanEditCompetence(actorOf(p), c.UserID, x.units) {
			return fault.New(fault.Forbidden, "only the person and their leader record their competence")
		}
		a, err := areaFor(ctx, tx, c.AreaID, x.municipalities, "area_id")
		if err != nil {
			return err
		}
		c.AreaName, c.Source, c.Verified, c.CourseID = a.Name, competence.Self, false, ""
		verifier := ""
		if p.User.ID != c.UserID {
			c.Source, c.Verified, verifier = competence.Leader, true, p.User.ID
		}
		if err := putCompetence(ctx, tx, c, verifier); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.AddCompetence, audit.TargetUser, c.UserID, x.municipality, c.AreaID+" "+string(c.Level))
	})
}

// putCompetence replaces the competence of c.UserID in c.AreaID with c.
func putCompetence(ctx context.Context, tx *tx, c *competence.Competence, verifier string) error {
	if _, err := tx.exec(ctx, `DELETE FROM competences WHERE user_id = ? AND area_id = ?`, c.UserID, c.AreaID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO competences (user_id, area_id, level, note, source, verified, verified_by, course_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.UserID, c.AreaID, c.Level, c.Note, c.Source, c.Verified,
		nullString(verifier), nullString(c.CourseID), tx.now)
	return err
}

// VerifyCompetence marks the competence of user uid in area aid verified, done by p: a
// leader of one of the person's units, never the person themselves.
func (db *DB) VerifyCompetence(ctx context.Context, p *people.Principal, uid, aid string) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		x, err := loadPerson(ctx, tx, p, uid)
		if err != nil {
			return err
		}
		if p.User.ID == uid || !access.LeadsOneOf(actorOf(p), x.units) {
			return fault.New(fault.Forbidden, "only the person's leader verifies their competence")
		}
		if err := mustAffect(tx.exec(ctx, `UPDATE competences SET verified = ?, verified_by = ? WHERE user_id = ? AND area_id = ?`,
			true, p.User.ID, uid, aid))("competence"); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.VerifyCompetence, audit.TargetUser, uid, x.municipality, aid)
	})
}

// RemoveCompetence deletes the competence of user uid in area aid, done by the person
// or a leader of one of their units.
func (db *DB) RemoveCompetence(ctx context.Context, p *people.Principal, uid, aid string) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		x, err := loadPerson(ctx, tx, p, uid)
		if err != nil {
			return err
		}
		if !access.CanEditCompetence(actorOf(p), uid, x.units) {
			return fault.New(fault.Forbidden, "only the person and their leader record their competence")
		}
		if err := mustAffect(tx.exec(ctx, `DELETE FROM competences WHERE user_id = ? AND area_id = ?`, uid, aid))("competence"); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.RemoveCompetence, audit.TargetUser, uid, x.municipality, aid)
	})
}

// ListCompetences returns the competence of user uid, by area name, for p (loadPerson
// decides who may see it).
func (db *DB) ListCompetences(ctx context.Context, p *people.Principal, uid string) ([]competence.Competence, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out []competence.Competence
	err := db.view(ctx, func(tx *tx) (err error) {
		if _, err := loadPerson(ctx, tx, p, uid); err != nil {
			return err
		}
		out, err = queryAll(ctx, tx, func(s scanner, c *competence.Competence) error {
			var course sql.NullString
			err := s.Scan(&c.UserID, &c.AreaID, &c.AreaName, &c.Level, &c.Note, &c.Source, &c.Verified, &course)
			c.CourseID = course.String
			return err
		}, `SELECT c.user_id, c.area_id, a.name, c.level, c.note, c.source, c.verified, c.course_id
			FROM competences c JOIN competence_areas a ON a.id = c.area_id WHERE c.user_id = ? ORDER BY a.name`, uid)
		return err
	})
	people.SortByName(out, func(c competence.Competence) string { return c.AreaName })
	return out, err
}

// SetShareCompetence says whether p's competence may be found from other
// municipalities of their networks (share) or only inside their own.
func (db *DB) SetShareCompetence(ctx context.Context, p *people.Principal, share bool) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := mustAffect(tx.exec(ctx, `UPDATE users SET share_competence = ? WHERE id = ?`, share, p.User.ID))("user"); err != nil {
			return err
		}
		detail := "false"
		if share {
			detail = "true"
		}
		return recordAdmin(ctx, tx, p, audit.SetShareCompetence, audit.TargetUser, p.User.ID, p.User.HomeMunicipalityID, detail)
	})
}

// ShareCompetence reports whether user uid shares their competence beyond their
// municipality.
func (db *DB) ShareCompetence(ctx context.Context, uid string) (bool, error) {
	var share bool
	err := db.view(ctx, func(tx *tx) error {
		return notFound(tx.queryRow(ctx, `SELECT share_competence FROM users WHERE id = ?`, uid).Scan(&share), "user")
	})
	return share, err
}
