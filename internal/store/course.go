package store

import (
	"context"
	"slices"
	"strconv"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// CourseView is a course as its page and API show it.
type CourseView struct {
	course.Course
	Areas        []AreaRef
	Sessions     []course.Session
	Participants []CourseParticipant
	HoursPerFTE  int
}

// AreaRef names an area.
type AreaRef struct{ ID, Name string }

// CourseParticipant is a registered participant with their hours in the course.
type CourseParticipant struct {
	UserID, Name, MunicipalityID, UnitID string
	Centi                                int
	Completed                            bool
}

// Centi is the course's hours in hundredths (course.SessionCenti over its sessions).
func (v *CourseView) Centi() int {
	n := 0
	for _, s := range v.Sessions {
		n += course.SessionCenti(s, len(v.Participants))
	}
	return n
}

// organiser is who organises a course: a municipality, or a network and its members.
type organiser struct {
	municipalityID, networkID string
	municipalities            []string // the municipality, or the network's members
}

// loadOrganiser checks that the organiser (mid or nid) exists.
func loadOrganiser(ctx context.Context, tx *tx, mid, nid string) (*organiser, error) {
	if mid != "" {
		if err := municipalityExists(ctx, tx, mid); err != nil {
			return nil, err
		}
		return &organiser{municipalityID: mid, municipalities: []string{mid}}, nil
	}
	members, err := networkMembers(ctx, tx, nid)
	if err != nil {
		return nil, err
	}
	return &organiser{networkID: nid, municipalities: members}, nil
}

// runs reports whether p runs the organiser's courses: the municipality's
// administrators or the network's coordinators.
func (o *organiser) runs(p *people.Principal) bool {
	if o.municipalityID != "" {
		return access.CanRunMunicipalityCompetence(actorOf(p), o.municipalityID)
	}
	return access.CanRunNetworkCompetence(actorOf(p), o.networkID)
}

// sees reports whether p may see the organiser's courses: those who run them, and
// anyone holding a role in one of its municipalities.
func (o *organiser) sees(p *people.Principal) bool {
	return o.runs(p) || slices.ContainsFunc(o.municipalities, func(m string) bool { return access.HoldsRoleIn(actorOf(p), m) })
}

// refuse is the refusal of p by o: forbidden to those who see its courses, not found
// to anyone else.
func (o *organiser) refuse(p *people.Principal) error {
	if o.sees(p) {
		return fault.New(fault.Forbidden, "only the organiser's administrators and coordinators run its courses")
	}
	return fault.New(fault.NotFound, "course not found")
}

// hoursPerFTE is the organiser's hours of a full-time year.
func (o *organiser) hoursPerFTE(ctx context.Context, tx *tx) (int, error) {
	var h int
	if o.municipalityID != "" {
		return h, tx.queryRow(ctx, `SELECT hours_per_fte FROM municipalities WHERE id = ?`, o.municipalityID).Scan(&h)
	}
	return h, tx.queryRow(ctx, `SELECT hours_per_fte FROM networks WHERE id = ?`, o.networkID).Scan(&h)
}

// CreateCourse stores course c, done by p, who must run its organiser's courses; its
// areas must be the organiser's (area_ids.N not_found).
func (db *DB) CreateCourse(ctx context.Context, p *people.Principal, c *course.Course) error {
	if err := administering(p); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		o, err := loadOrganiser(ctx, tx, c.MunicipalityID, c.NetworkID)
		if err != nil {
			return err
		}
		if !o.runs(p) {
			return o.refuse(p)
		}
		c.ID, c.CreatedAt = newID(), tx.now
		if _, err := tx.exec(ctx, `INSERT INTO courses (id, municipality_id, network_id, title, kind, description, bti, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, nullString(c.MunicipalityID), nullString(c.NetworkID), c.Title, c.Kind,
			c.Description, c.BTI, c.CreatedAt); err != nil {
			return err
		}
		var ids []string
		for i, aid := range c.AreaIDs {
			if slices.Contains(ids, aid) {
				continue
			}
			if err := courseArea(ctx, tx, o, aid, "area_ids."+strconv.Itoa(i)); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO course_areas (course_id, area_id) VALUES (?, ?)`, c.ID, aid); err != nil {
				return err
			}
			ids = append(ids, aid)
		}
		c.AreaIDs = ids
		return recordAdmin(ctx, tx, p, audit.CreateCourse, audit.TargetCourse, c.ID, c.MunicipalityID, string(c.Kind)+" "+c.Title)
	})
}

// courseArea checks that area aid may be given by o's courses: a network's own areas,
// or a municipality's (for a network, of one of its members).
func courseArea(ctx context.Context, tx *tx, o *organiser, aid, field string) error {
	a, err := areaFor(ctx, tx, aid, o.municipalities, field)
	if err != nil {
		return err
	}
	if a.NetworkID != "" && o.networkID != "" && a.NetworkID != o.networkID {
		return fault.Validation(field, fault.FieldNotFound)
	}
	return nil
}

// courseFor loads course cid and its organiser, for p: not found unless p sees it.
func courseFor(ctx context.Context, tx *tx, p *people.Principal, cid string) (*course.Course, *organiser, error) {
	var c course.Course
	err := tx.queryRow(ctx, `SELECT id, COALESCE(municipality_id, ''), COALESCE(network_id, ''), title, kind, description, bti, created_at
		FROM courses WHERE id = ?`, cid).Scan(&c.ID, &c.MunicipalityID, &c.NetworkID, &c.Title, &c.Kind, &c.Description, &c.BTI,
		timeCol{&c.CreatedAt})
	if err != nil {
		return nil, nil, notFound(err, "course")
	}
	o, err := loadOrganiser(ctx, tx, c.MunicipalityID, c.NetworkID)
	if err != nil {
		return nil, nil, err
	}
	if !o.sees(p) {
		return nil, nil, fault.New(fault.NotFound, "course not found")
	}
	return &c, o, nil
}

// runCourse loads course cid for p, who must run it (forbidden to those who only see
// it, not found to the rest).
func runCourse(ctx context.Context, tx *tx, p *people.Principal, cid string) (*course.Course, *organiser, error) {
	c, o, err := courseFor(ctx, tx, p, cid)
	if err != nil {
		return nil, nil, err
	}
	if !o.runs(p) {
		return nil, nil, o.refuse(p)
	}
	return c, o, nil
}

// AddSession adds session s to course cid, done by p, who runs it.
func (db *DB) AddSession(ctx context.Context, p *people.Principal, cid string, s *course.Session) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		c, _, err := runCourse(ctx, tx, p, cid)
		if err != nil {
			return err
		}
		s.ID, s.CourseID = newID(), cid
		if _, err := tx.exec(ctx, `INSERT INTO course_sessions (id, course_id, day, hours_centi, place, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			s.ID, cid, s.Date, s.Centi, s.Place, tx.now); err != nil {
			return err
		}
		// A new session means no one has attended every session until it is taken.
		if err := settleCompletion(ctx, tx, c); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.AddSession, audit.TargetCourse, cid, c.MunicipalityID, s.Date+" "+strconv.Itoa(s.Centi))
	})
}

// GetCourse returns course cid with its areas, sessions and participants, for p, who
// must see it.
func (db *DB) GetCourse(ctx context.Context, p *people.Principal, cid string) (*CourseView, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var v *CourseView
	err := db.view(ctx, func(tx *tx) error {
		c, o, err := courseFor(ctx, tx, p, cid)
		if err != nil {
			return err
		}
		v, err = loadCourse(ctx, tx, c)
		if err != nil {
			return err
		}
		v.HoursPerFTE, err = o.hoursPerFTE(ctx, tx)
		return err
	})
	return v, err
}

// loadCourse loads the areas, sessions (by date) and participants (by name) of c.
func loadCourse(ctx context.Context, tx *tx, c *course.Course) (*CourseView, error) {
	v := &CourseView{Course: *c}
	var err error
	v.Areas, err = queryAll(ctx, tx, func(s scanner, a *AreaRef) error { return s.Scan(&a.ID, &a.Name) },
		`SELECT a.id, a.name FROM course_areas ca JOIN competence_areas a ON a.id = ca.area_id WHERE ca.course_id = ? ORDER BY a.name`, c.ID)
	if err != nil {
		return nil, err
	}
	v.AreaIDs = nil
	for _, a := range v.Areas {
		v.AreaIDs = append(v.AreaIDs, a.ID)
	}
	if v.Sessions, err = courseSessions(ctx, tx, c.ID); err != nil {
		return nil, err
	}
	v.Participants, err = queryAll(ctx, tx, func(s scanner, x *CourseParticipant) error {
		return s.Scan(&x.UserID, &x.Name, &x.MunicipalityID, &x.UnitID)
	}, `SELECT u.id, u.name, cp.municipality_id, COALESCE(cp.unit_id, '') FROM course_participants cp JOIN users u ON u.id = cp.user_id
		WHERE cp.course_id = ? ORDER BY u.name, u.id`, c.ID)
	if err != nil {
		return nil, err
	}
	people.SortByName(v.Participants, func(x CourseParticipant) string { return x.Name })
	for i := range v.Participants {
		x := &v.Participants[i]
		x.Centi = course.PersonCenti(x.UserID, v.Sessions)
		x.Completed = course.Completed(x.UserID, v.Sessions)
	}
	return v, nil
}

// courseSessions returns the sessions of course cid by date, each with who attended.
func courseSessions(ctx context.Context, tx *tx, cid string) ([]course.Session, error) {
	ss, err := queryAll(ctx, tx, func(s scanner, x *course.Session) error {
		return s.Scan(&x.ID, &x.CourseID, &x.Date, &x.Centi, &x.Place, &x.AttendanceTaken)
	}, `SELECT id, course_id, day, hours_centi, place, attendance_taken FROM course_sessions WHERE course_id = ? ORDER BY day, created_at, id`, cid)
	if err != nil {
		return nil, err
	}
	att, err := queryAll(ctx, tx, scanPair, `SELECT a.session_id, a.user_id FROM course_attendance a
		JOIN course_sessions s ON s.id = a.session_id WHERE s.course_id = ? ORDER BY a.user_id`, cid)
	if err != nil {
		return nil, err
	}
	for i := range ss {
		for _, a := range att {
			if a[0] == ss[i].ID {
				ss[i].Attended = append(ss[i].Attended, a[1])
			}
		}
	}
	return ss, nil
}
