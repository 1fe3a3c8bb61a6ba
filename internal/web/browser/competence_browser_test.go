package browser_test

import (
	"context"
	"net/url"
	"testing"

	"stafett/internal/competence"
	"stafett/internal/course"
	"stafett/internal/people"
	"stafett/internal/store/storetest"
)

// TestCompetencePagesInBrowser gives a demo employee a competence and a course, and
// checks /kompetanse (with a search), /kurs and the course's page with axe at both
// widths in bokmål, nynorsk and English, as the employee and as a unit leader (who
// also sees the risks).
func TestCompetencePagesInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx, mid := context.Background(), w.demo.Municipality.ID
		marte := w.account("marte.lund")
		roles, err := w.db.ListRoles(ctx, marte.ID)
		if err != nil {
			t.Fatal(err)
		}
		me := &people.Principal{User: people.User{ID: marte.ID, Name: marte.Name, Active: true}, Roles: roles}
		areas, err := w.db.ListAreas(ctx, me, mid)
		if err != nil || len(areas) == 0 {
			t.Fatalf("areas: %v", err)
		}
		if err := w.db.AddCompetence(ctx, me, &competence.Competence{UserID: marte.ID, AreaID: areas[0].ID, Level: competence.Advanced}); err != nil {
			t.Fatal(err)
		}
		ka := w.account("kommune.admin")
		aroles, err := w.db.ListRoles(ctx, ka.ID)
		if err != nil {
			t.Fatal(err)
		}
		admin := &people.Principal{User: people.User{ID: ka.ID, Name: ka.Name, Active: true}, Roles: aroles, SecondFactor: true}
		c := course.Course{Title: "BTI for alle", Kind: course.FagligPafyll, MunicipalityID: mid, BTI: true, AreaIDs: []string{areas[0].ID}}
		if err := w.db.CreateCourse(ctx, admin, &c); err != nil {
			t.Fatal(err)
		}
		s := course.Session{Date: "2026-05-05", Centi: 225, Place: "Rådhuset"}
		if err := w.db.AddSession(ctx, admin, c.ID, &s); err != nil {
			t.Fatal(err)
		}
		if _, err := w.db.AddParticipants(ctx, admin, c.ID, []string{marte.ID}); err != nil {
			t.Fatal(err)
		}

		violations := 0
		p := w.as(t, "marte.lund")
		leader := w.as(t, "per.strand")
		for _, lang := range []string{"nb", "nn", "en"} {
			p.visit("/kompetanse")
			p.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			p.contains("#own", areas[0].Name)
			violations += p.axe("competence-" + lang)
			p.visit("/kurs")
			p.contains("#mine", "BTI for alle")
			violations += p.axe("courses-" + lang)
			p.visit("/kurs/" + c.ID)
			p.contains("#participants", marte.Name)
			violations += p.axe("course-" + lang)
			leader.visit("/kompetanse?q=" + url.QueryEscape(areas[0].Name))
			leader.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			leader.contains("#hits", marte.Name)
			violations += leader.axe("competence-search-" + lang)
		}
		if violations != 0 {
			t.Errorf("%d axe violations on the competence and course pages", violations)
		}
	})
}
