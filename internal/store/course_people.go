package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"stafett/internal/audit"
	"stafett/internal/competence"
	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// eligible is a person who may take part in an organiser's courses: where they work.
type eligible struct{ municipalityID, unitID string }

// eligibleIn returns where user uid works among the organiser's municipalities (the
// first unit by ID), ok false if nowhere.
func eligibleIn(ctx context.Context, tx *tx, o *organiser, uid string) (eligible, bool, error) {
	units, err := personUnits(ctx, tx, uid)
	if err != nil {
		return eligible{}, false, err
	}
	for _, u := range units {
		if slices.Contains(o.municipalities, u.municipalityID) {
			return eligible{u.municipalityID, u.unitID}, true, nil
		}
	}
	return eligible{}, false, nil
}

// AddParticipants registers users uids for course cid, done by p, who runs it. Each
// must work in the organiser's municipality or network (user_ids.N: not_found for a
// user that does not exist, not_allowed for one outside); if any is refused, none is
// registered. Registering someone twice adds nobody. It returns how many were added.
func (db *DB) AddParticipants(ctx context.Context, p *people.Principal, cid string, uids []string) (int, error) {
	if err := administering(p); err != nil {
		return 0, err
	}
	if len(uids) == 0 {
		return 0, fault.Validation("user_ids", fault.FieldRequired)
	}
	if len(uids) > course.MaxParticipants {
		return 0, fault.Validation("user_ids", fault.FieldTooLong)
	}
	added := 0
	err := db.update(ctx, func(tx *tx) error {
		c, o, err := runCourse(ctx, tx, p, cid)
		if err != nil {
			return err
		}
		var f fault.Fields
		found := make([]eligible, len(uids))
		for i, uid := range uids {
			field := "user_ids." + strconv.Itoa(i)
			var u people.User
			if err := getUser(ctx, tx, uid, &u); err != nil {
				if !fault.Is(err, fault.NotFound) {
					return err
				}
				f.Add(field, fault.FieldNotFound)
				continue
			}
			e, ok, err := eligibleIn(ctx, tx, o, uid)
			if err != nil {
				return err
			}
			if !ok {
				f.Add(field, fault.FieldNotAllow)
			}
			found[i] = e
		}
		if err := f.Err(); err != nil {
			return err
		}
		added, err = register(ctx, tx, cid, uids, found)
		if err != nil {
			return err
		}
		if err := settleCompletion(ctx, tx, c); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.AddCourseParticipants, audit.TargetCourse, cid, c.MunicipalityID, strconv.Itoa(added))
	})
	return added, err
}

// register inserts the participants not yet registered and returns how many.
func register(ctx context.Context, tx *tx, cid string, uids []string, where []eligible) (int, error) {
	added := 0
	for i, uid := range uids {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM course_participants WHERE course_id = ? AND user_id = ?`, cid, uid).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO course_participants (course_id, user_id, municipality_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			cid, uid, where[i].municipalityID, nullString(where[i].unitID), tx.now); err != nil {
			return 0, err
		}
		added++
	}
	return added, nil
}

// ImportParticipants registers for course cid the users with the e-mail addresses of
// rows (one a line; a first line "e-post"/"email" is a header), done by p, who runs
// it. Every row that names no user, or one outside the organiser, is listed
// (rows.N, counting lines from 1) and then none is registered.
func (db *DB) ImportParticipants(ctx context.Context, p *people.Principal, cid string, rows []string) (int, error) {
	if err := administering(p); err != nil {
		return 0, err
	}
	if len(rows) > course.MaxParticipants+1 {
		return 0, fault.Validation("rows", fault.FieldTooLong)
	}
	added := 0
	err := db.update(ctx, func(tx *tx) error {
		c, o, err := runCourse(ctx, tx, p, cid)
		if err != nil {
			return err
		}
		var where []eligible
		uids, err := usersOfRows(ctx, tx, rows, func(uid string) (bool, error) {
			e, ok, err := eligibleIn(ctx, tx, o, uid)
			if ok {
				where = append(where, e)
			}
			return ok, err
		})
		if err != nil {
			return err
		}
		if len(uids) == 0 {
			return fault.Validation("rows", fault.FieldRequired)
		}
		if added, err = register(ctx, tx, cid, uids, where); err != nil {
			return err
		}
		if err := settleCompletion(ctx, tx, c); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.AddCourseParticipants, audit.TargetCourse, cid, c.MunicipalityID, "import "+strconv.Itoa(added))
	})
	return added, err
}

// usersOfRows returns the users with the e-mail addresses of rows (one a line; a
// first line "e-post"/"email" is a header; blank lines are skipped) for whom ok says
// yes. Every row that names no user (rows.N: not_found, counting lines from 1) or
// one ok refuses (not_allowed) is listed, and then no user is returned.
func usersOfRows(ctx context.Context, tx *tx, rows []string, ok func(uid string) (bool, error)) ([]string, error) {
	var f fault.Fields
	var uids []string
	for i, row := range rows {
		email := strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(row), `";,`)))
		field := "rows." + strconv.Itoa(i+1)
		if email == "" || (i == 0 && (email == "e-post" || email == "email" || email == "epost")) {
			continue
		}
		var uid string
		if err := tx.queryRow(ctx, `SELECT id FROM users WHERE LOWER(email) = ?`, email).Scan(&uid); err != nil {
			if fault.Is(notFound(err, "user"), fault.NotFound) {
				f.Add(field, fault.FieldNotFound)
				continue
			}
			return nil, err
		}
		allowed, err := ok(uid)
		if err != nil {
			return nil, err
		}
		if !allowed {
			f.Add(field, fault.FieldNotAllow)
			continue
		}
		uids = append(uids, uid)
	}
	return uids, f.Err()
}

// RemoveCourseParticipant takes user uid off course cid with their attendance, done by p,
// who runs it; the competence the course gave them goes with it.
func (db *DB) RemoveCourseParticipant(ctx context.Context, p *people.Principal, cid, uid string) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		c, _, err := runCourse(ctx, tx, p, cid)
		if err != nil {
			return err
		}
		if err := mustAffect(tx.exec(ctx, `DELETE FROM course_participants WHERE course_id = ? AND user_id = ?`, cid, uid))("participant"); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM course_attendance WHERE user_id = ? AND session_id IN (SELECT id FROM course_sessions WHERE course_id = ?)`,
			uid, cid); err != nil {
			return err
		}
		if err := settleCompletion(ctx, tx, c); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.RemoveCourseParticipant, audit.TargetCourse, cid, c.MunicipalityID, uid)
	})
}

// TakeAttendance records that users uids attended session sid of course cid, and no
// one else, done by p, who runs it. Each must be a registered participant
// (user_ids.N not_allowed); otherwise nothing is recorded.
func (db *DB) TakeAttendance(ctx context.Context, p *people.Principal, cid, sid string, uids []string) error {
	if err := administering(p); err != nil {
		return err
	}
	if len(uids) > course.MaxParticipants {
		return fault.Validation("user_ids", fault.FieldTooLong)
	}
	return db.update(ctx, func(tx *tx) error {
		c, _, err := runCourse(ctx, tx, p, cid)
		if err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM course_sessions WHERE id = ? AND course_id = ?`, sid, cid).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fault.New(fault.NotFound, "session not found")
		}
		registered, err := queryAll(ctx, tx, scanString, `SELECT user_id FROM course_participants WHERE course_id = ?`, cid)
		if err != nil {
			return err
		}
		var f fault.Fields
		for i, uid := range uids {
			if !slices.Contains(registered, uid) {
				f.Add("user_ids."+strconv.Itoa(i), fault.FieldNotAllow)
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM course_attendance WHERE session_id = ?`, sid); err != nil {
			return err
		}
		var seen []string
		for _, uid := range uids {
			if slices.Contains(seen, uid) {
				continue
			}
			seen = append(seen, uid)
			if _, err := tx.exec(ctx, `INSERT INTO course_attendance (session_id, user_id) VALUES (?, ?)`, sid, uid); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE course_sessions SET attendance_taken = ? WHERE id = ?`, true, sid); err != nil {
			return err
		}
		if err := settleCompletion(ctx, tx, c); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.TakeAttendance, audit.TargetCourse, cid, c.MunicipalityID, sid+" "+strconv.Itoa(len(seen)))
	})
}

// settleCompletion makes the competence course c gives match who completed it: those
// who attended every session get its areas (source course, verified, at basic level
// unless they hold the area verified already); those who no longer have completed it
// lose what it gave them.
func settleCompletion(ctx context.Context, tx *tx, c *course.Course) error {
	sessions, err := courseSessions(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	registered, err := queryAll(ctx, tx, scanString, `SELECT user_id FROM course_participants WHERE course_id = ? ORDER BY user_id`, c.ID)
	if err != nil {
		return err
	}
	areas, err := queryAll(ctx, tx, scanString, `SELECT area_id FROM course_areas WHERE course_id = ? ORDER BY area_id`, c.ID)
	if err != nil {
		return err
	}
	var done []string
	for _, uid := range registered {
		if course.Completed(uid, sessions) {
			done = append(done, uid)
		}
	}
	given, err := queryAll(ctx, tx, scanPair, `SELECT user_id, area_id FROM competences WHERE course_id = ? AND source = ?`, c.ID, competence.Course)
	if err != nil {
		return err
	}
	for _, g := range given {
		if !slices.Contains(done, g[0]) {
			if _, err := tx.exec(ctx, `DELETE FROM competences WHERE user_id = ? AND area_id = ? AND course_id = ?`, g[0], g[1], c.ID); err != nil {
				return err
			}
		}
	}
	for _, uid := range done {
		for _, aid := range areas {
			var verified int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM competences WHERE user_id = ? AND area_id = ? AND (verified OR course_id = ?)`,
				uid, aid, c.ID).Scan(&verified); err != nil {
				return err
			}
			if verified > 0 {
				continue
			}
			cm := competence.Competence{UserID: uid, AreaID: aid, Level: competence.Basic, Source: competence.Course, Verified: true, CourseID: c.ID}
			if err := putCompetence(ctx, tx, &cm, ""); err != nil {
				return err
			}
		}
	}
	return nil
}
