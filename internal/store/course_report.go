package store

import (
	"context"
	"slices"

	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

// CourseReport counts the courses organised by municipality mid or network nid with
// sessions dated from to to (YYYY-MM-DD, inclusive; empty for open), for p, who runs
// the organiser's courses (forbidden to others who work there, not found to the rest).
func (db *DB) CourseReport(ctx context.Context, p *people.Principal, mid, nid, from, to string) (*course.Report, error) {
	if err := administering(p); err != nil {
		return nil, err
	}
	if (mid == "") == (nid == "") {
		return nil, fault.Validation("municipality_id", fault.FieldRequired)
	}
	var r course.Report
	err := db.view(ctx, func(tx *tx) error {
		o, err := loadOrganiser(ctx, tx, mid, nid)
		if err != nil {
			return err
		}
		if !o.runs(p) {
			return o.refuse(p)
		}
		r, err = reportOf(ctx, tx, o, mid, nid, from, to)
		return err
	})
	return &r, err
}

// reportOf is the course report of organiser o (municipality mid or network nid) for
// sessions dated from to to, read in tx.
func reportOf(ctx context.Context, tx *tx, o *organiser, mid, nid, from, to string) (course.Report, error) {
	hours, err := o.hoursPerFTE(ctx, tx)
	if err != nil {
		return course.Report{}, err
	}
	courses, err := queryAll(ctx, tx, func(s scanner, c *course.Reported) error { return s.Scan(&c.ID, &c.Title, &c.Kind) },
		`SELECT id, title, kind FROM courses WHERE municipality_id = ? OR network_id = ? ORDER BY title, id`, mid, nid)
	if err != nil {
		return course.Report{}, err
	}
	for i := range courses {
		c := &courses[i]
		all, err := courseSessions(ctx, tx, c.ID)
		if err != nil {
			return course.Report{}, err
		}
		c.Sessions = slices.DeleteFunc(all, func(s course.Session) bool {
			return (from != "" && s.Date < from) || (to != "" && s.Date > to)
		})
		c.Participants, err = queryAll(ctx, tx, func(s scanner, x *course.Participant) error {
			return s.Scan(&x.UserID, &x.MunicipalityID, &x.MunicipalityName)
		}, `SELECT cp.user_id, m.id, m.name FROM course_participants cp JOIN municipalities m ON m.id = cp.municipality_id
			WHERE cp.course_id = ? ORDER BY cp.user_id`, c.ID)
		if err != nil {
			return course.Report{}, err
		}
	}
	r := course.BuildReport(courses, hours)
	people.SortByName(r.Municipalities, func(m course.MunicipalityRow) string { return m.Name })
	return r, nil
}

// MyCourse is one of a person's own courses with their hours.
type MyCourse struct {
	ID, Title string
	Kind      course.Kind
	Centi     int
	Completed bool
}

// MyCourses returns the courses p is registered for, by title, with p's hours.
func (db *DB) MyCourses(ctx context.Context, p *people.Principal) ([]MyCourse, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var out []MyCourse
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, c *MyCourse) error { return s.Scan(&c.ID, &c.Title, &c.Kind) },
			`SELECT c.id, c.title, c.kind FROM course_participants cp JOIN courses c ON c.id = cp.course_id
			WHERE cp.user_id = ? ORDER BY c.title, c.id`, p.User.ID)
		if err != nil {
			return err
		}
		for i := range out {
			ss, err := courseSessions(ctx, tx, out[i].ID)
			if err != nil {
				return err
			}
			out[i].Centi = course.PersonCenti(p.User.ID, ss)
			out[i].Completed = course.Completed(p.User.ID, ss)
		}
		return nil
	})
	people.SortByName(out, func(c MyCourse) string { return c.Title })
	return out, err
}

// childKinds are the units that serve children, youth and pregnant women, whose staff
// training coverage counts.
var childKinds = []org.UnitKind{org.Kindergarten, org.School, org.HealthStation, org.PPT, org.ChildWelfare, org.HealthService}

// Coverage is training coverage: of Staff people working in municipality's units for
// children, Trained completed a BTI course (organised by anyone).
type Coverage struct{ Trained, Staff int }

// Share is Trained of Staff (0 for no staff).
func (c Coverage) Share() float64 {
	if c.Staff == 0 {
		return 0
	}
	return float64(c.Trained) / float64(c.Staff)
}

// TrainingCoverage returns the training coverage of municipality mid for p, who must
// reach it (any role there, or a coordinator of one of its networks).
func (db *DB) TrainingCoverage(ctx context.Context, p *people.Principal, mid string) (Coverage, error) {
	var c Coverage
	if err := signedIn(p); err != nil {
		return c, err
	}
	err := db.view(ctx, func(tx *tx) error {
		if err := reachMunicipality(ctx, tx, p, mid); err != nil {
			return err
		}
		var err error
		c, err = trainingCoverage(ctx, tx, mid)
		return err
	})
	return c, err
}

// trainingCoverage is municipality mid's training coverage, read in tx.
func trainingCoverage(ctx context.Context, tx *tx, mid string) (Coverage, error) {
	var c Coverage
	kinds := make([]any, 0, len(childKinds)+1)
	kinds = append(kinds, mid)
	for _, k := range childKinds {
		kinds = append(kinds, string(k))
	}
	staff, err := queryAll(ctx, tx, scanString, `SELECT DISTINCT r.user_id FROM roles r JOIN units u ON u.id = r.unit_id
		JOIN users us ON us.id = r.user_id
		WHERE u.municipality_id = ? AND r.role IN ('employee', 'unit_leader') AND us.active AND u.kind IN (`+placeholders(len(childKinds))+`)`, kinds...)
	if err != nil {
		return c, err
	}
	c.Staff = len(staff)
	isStaff := make(map[string]bool, len(staff))
	for _, id := range staff {
		isStaff[id] = true
	}
	bti, err := queryAll(ctx, tx, scanPair, `SELECT DISTINCT c.id, cp.user_id FROM courses c JOIN course_participants cp ON cp.course_id = c.id
		WHERE c.bti AND cp.municipality_id = ? ORDER BY c.id`, mid)
	if err != nil {
		return c, err
	}
	sessions := map[string][]course.Session{}
	trained := map[string]bool{}
	for _, b := range bti {
		ss, ok := sessions[b[0]]
		if !ok {
			if ss, err = courseSessions(ctx, tx, b[0]); err != nil {
				return c, err
			}
			sessions[b[0]] = ss
		}
		if isStaff[b[1]] && course.Completed(b[1], ss) {
			trained[b[1]] = true
		}
	}
	c.Trained = len(trained)
	return c, nil
}
