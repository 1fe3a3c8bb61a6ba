package store

import (
	"context"
	"time"

	"stafett/internal/course"
)

// CourseParticipantRow is one registered participant of a course, for the bulk loader.
type CourseParticipantRow struct {
	CourseID, UserID, MunicipalityID, UnitID string
	CreatedAt                                time.Time
}

// Courses adds courses with their areas (course_areas).
func (b *Bulk) Courses(ctx context.Context, cs []course.Course) error {
	err := b.insert(ctx, "courses", `id, municipality_id, network_id, title, kind, description, bti, created_at`, len(cs),
		func(i int, a []any) []any {
			c := &cs[i]
			return append(a, c.ID, orNull(c.MunicipalityID), orNull(c.NetworkID), c.Title, string(c.Kind), c.Description, c.BTI, b.t(c.CreatedAt))
		})
	if err != nil {
		return err
	}
	var pairs [][2]string
	for _, c := range cs {
		for _, aid := range c.AreaIDs {
			pairs = append(pairs, [2]string{c.ID, aid})
		}
	}
	return b.insert(ctx, "course_areas", `course_id, area_id`, len(pairs), func(i int, a []any) []any {
		return append(a, pairs[i][0], pairs[i][1])
	})
}

// CourseSessions adds sessions (created at at); their attendance separately
// (CourseAttendance).
func (b *Bulk) CourseSessions(ctx context.Context, ss []course.Session, at time.Time) error {
	return b.insert(ctx, "course_sessions", `id, course_id, day, hours_centi, place, attendance_taken, created_at`, len(ss),
		func(i int, a []any) []any {
			s := &ss[i]
			return append(a, s.ID, s.CourseID, s.Date, s.Centi, s.Place, s.AttendanceTaken, b.t(at))
		})
}

// CourseParticipants adds registered participants.
func (b *Bulk) CourseParticipants(ctx context.Context, ps []CourseParticipantRow) error {
	return b.insert(ctx, "course_participants", `course_id, user_id, municipality_id, unit_id, created_at`, len(ps),
		func(i int, a []any) []any {
			p := &ps[i]
			return append(a, p.CourseID, p.UserID, p.MunicipalityID, orNull(p.UnitID), b.t(p.CreatedAt))
		})
}

// CourseAttendance adds who attended sessions: pairs of session and user ID.
func (b *Bulk) CourseAttendance(ctx context.Context, as [][2]string) error {
	return b.insert(ctx, "course_attendance", `session_id, user_id`, len(as), func(i int, a []any) []any {
		return append(a, as[i][0], as[i][1])
	})
}
