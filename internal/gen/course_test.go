package gen_test

import (
	"context"
	"testing"

	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestCourses: a run gives every municipality a year of courses (a BTI course first)
// and its network two shared courses with people from each member, every session in
// the past year with its attendance taken, as the course report and the training
// coverage read them.
func TestCourses(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		res := generate(t, db, 600, 11)
		c := res.Counts
		if c.Courses < 2*c.Municipalities+2 || c.CourseSessions < c.Courses || c.CourseSeats < 8*c.Courses {
			t.Fatalf("courses %d, sessions %d, participants %d for %d municipalities", c.Courses, c.CourseSessions, c.CourseSeats, c.Municipalities)
		}
		ms, err := db.ListMunicipalities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		nets, err := db.ListNetworks(ctx, "")
		if err != nil || len(nets) != 1 {
			t.Fatalf("networks %v: %v", nets, err)
		}
		from, to := now.AddDate(-1, 0, 0).Format("2006-01-02"), now.Format("2006-01-02")
		coord := &people.Principal{User: people.User{ID: "gen-test", Active: true}, SecondFactor: true,
			Roles: people.Roles{{Role: people.NetworkCoordinator, NetworkID: nets[0].ID}}}
		rep, err := db.CourseReport(ctx, coord, "", nets[0].ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total.Courses != 2 || len(rep.Municipalities) != len(ms) || rep.Total.Centi == 0 {
			t.Errorf("network report: %d courses, %d municipalities of %d, %d centi-hours", rep.Total.Courses, len(rep.Municipalities), len(ms), rep.Total.Centi)
		}
		seats := 0
		for _, m := range ms {
			admin := &people.Principal{User: people.User{ID: "gen-test", Active: true}, SecondFactor: true,
				Roles: people.Roles{{Role: people.MunicipalityAdmin, MunicipalityID: m.ID}}}
			r, err := db.CourseReport(ctx, admin, m.ID, "", from, to)
			if err != nil {
				t.Fatal(err)
			}
			if r.Total.Courses < 2 || r.Total.Centi == 0 {
				t.Errorf("%s: %d courses, %d centi-hours", m.Name, r.Total.Courses, r.Total.Centi)
			}
			seats += r.Total.Participants
			cov, err := db.TrainingCoverage(ctx, admin, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cov.Trained == 0 || cov.Trained >= cov.Staff {
				t.Errorf("%s: %d of %d staff trained in BTI", m.Name, cov.Trained, cov.Staff)
			}
		}
		if seats == 0 {
			t.Error("no participants in the municipalities' courses")
		}
	})
}
