package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"stafett/internal/competence"
	"stafett/internal/course"
	"stafett/internal/org"
	"stafett/internal/store"
)

// courses are a chunk's rows of the course registry, parents first.
type courses struct {
	courses      []course.Course
	sessions     []course.Session
	participants []store.CourseParticipantRow
	attendance   [][2]string
	at           time.Time // when the sessions were entered
}

func (cs *courses) write(ctx context.Context, b *store.Bulk) error {
	if err := b.Courses(ctx, cs.courses); err != nil {
		return err
	}
	if err := b.CourseSessions(ctx, cs.sessions, cs.at); err != nil {
		return err
	}
	if err := b.CourseParticipants(ctx, cs.participants); err != nil {
		return err
	}
	return b.CourseAttendance(ctx, cs.attendance)
}

// netCourse is a course of the network being made, which each member town fills with
// participants of its own.
type netCourse struct {
	id       string
	sessions []course.Session
}

// Course sizes, from the seeds: a municipality runs a BTI course for its staff and a
// few more a year (one, and one more per 150 staff), of one to four sessions of three to
// seven hours with 8 to 40 participants; a network runs two shared courses (BYN's MI:
// 54 people × 6 days × 7 hours) of three to six sessions, each member sending up to 15.
// About nine in ten registered attend a session.
const (
	staffPerCourse   = 150
	netCourses       = 2
	netPerMember     = 15
	attendPerTen     = 9
	courseYearInDays = 365
)

// courseTitles are the courses a municipality runs besides its BTI course, by kind.
var courseTitles = []struct {
	title string
	kind  course.Kind
	area  int // index in competence.StarterAreas
}{
	{"Motiverende intervju, grunnkurs", course.FagligPafyll, 1},
	{"Traumebevisst omsorg i praksis", course.Fagutvikling, 2},
	{"Veiledningsgruppe for helsesykepleiere", course.Veiledning, 3},
	{"Samhandlende ledelse", course.Lederutvikling, 0},
	{"Samtaler med barn", course.FagligPafyll, 4},
}

// coursesOf gives town t (the pos-th of the run, with its areas) a year of courses up
// to the generator's now: its own, and, when it is the first of its network, the
// network's, which every member then sends people to. It draws from a source of its
// own, so the rest of the data is the same with or without courses.
func (g *generator) coursesOf(t *town, pos int, areas []competence.Area, c *chunk) {
	rng := rand.New(rand.NewPCG(g.opt.Seed, 0xc0c5e^uint64(t.index+1)))
	var staff []store.CourseParticipantRow
	for _, k := range org.UnitKinds {
		for _, u := range t.units[k] {
			for _, p := range append([]person{u.leader}, u.staff...) {
				staff = append(staff, store.CourseParticipantRow{UserID: p.ID, MunicipalityID: t.m.ID, UnitID: u.ID})
			}
		}
	}
	at := g.now.AddDate(0, 0, -courseYearInDays)
	c.courses.at = at
	if pos%networkSize == 0 {
		g.netCourses = g.netCourses[:0]
		for i := range netCourses {
			nc := course.Course{ID: randomID(rng), NetworkID: g.network.ID, Kind: course.FagligPafyll, CreatedAt: at,
				Title: fmt.Sprintf("%s: motiverende intervju, kull %d", g.network.Name, i+1)}
			c.courses.courses = append(c.courses.courses, nc)
			g.netCourses = append(g.netCourses, netCourse{id: nc.ID, sessions: g.sessionsOf(rng, nc.ID, 3+rng.IntN(4), c)})
		}
	}
	if len(staff) == 0 {
		return
	}
	for _, nc := range g.netCourses {
		g.register(rng, staff, min(len(staff), 1+rng.IntN(netPerMember)), nc.id, nc.sessions, at, c)
	}
	n := 2 + len(staff)/staffPerCourse
	for i := range n {
		x := course.Course{ID: randomID(rng), MunicipalityID: t.m.ID, CreatedAt: at}
		if i == 0 {
			x.Title, x.Kind, x.BTI, x.AreaIDs = "BTI og stafettloggen for alle ansatte", course.FagligPafyll, true, []string{areas[0].ID}
		} else {
			ct := courseTitles[(i-1)%len(courseTitles)]
			x.Title, x.Kind, x.AreaIDs = ct.title, ct.kind, []string{areas[ct.area%len(areas)].ID}
		}
		c.courses.courses = append(c.courses.courses, x)
		ss := g.sessionsOf(rng, x.ID, 1+rng.IntN(4), c)
		g.register(rng, staff, min(len(staff), 8+rng.IntN(33)), x.ID, ss, at, c)
	}
}

// sessionsOf makes k sessions of course cid, a week apart, starting on a day of the past
// year, of three to seven hours (in half hours), attendance taken for those past.
func (g *generator) sessionsOf(rng *rand.Rand, cid string, k int, c *chunk) []course.Session {
	day := g.now.AddDate(0, 0, -rng.IntN(courseYearInDays-7*k)-7*k)
	out := make([]course.Session, k)
	for i := range out {
		d := day.AddDate(0, 0, 7*i)
		out[i] = course.Session{ID: randomID(rng), CourseID: cid, Date: d.Format(time.DateOnly), Centi: 300 + 50*rng.IntN(9),
			Place: "Kommunestyresalen", AttendanceTaken: d.Before(g.now)}
	}
	c.courses.sessions = append(c.courses.sessions, out...)
	return out
}

// register registers n of staff, drawn at random, for course cid with sessions ss, and
// records about nine in ten of them at each session whose attendance is taken.
func (g *generator) register(rng *rand.Rand, staff []store.CourseParticipantRow, n int, cid string, ss []course.Session, at time.Time, c *chunk) {
	for _, i := range rng.Perm(len(staff))[:n] {
		p := staff[i]
		p.CourseID, p.CreatedAt = cid, at
		c.courses.participants = append(c.courses.participants, p)
		for _, s := range ss {
			if s.AttendanceTaken && rng.IntN(10) < attendPerTen {
				c.courses.attendance = append(c.courses.attendance, [2]string{s.ID, p.UserID})
			}
		}
	}
}
