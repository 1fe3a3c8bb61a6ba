package demo

import (
	"context"
	"fmt"
	"time"

	"stafett/internal/competence"
	"stafett/internal/course"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// seedCompetence makes a neighbour municipality, Havbygd, and the network
// Kystnettverket of the two with a coordinator; a year of courses (a network course in
// motivational interviewing and Fjordvik's own BTI course); and at Fjordvik skole a
// need for two people with MI of whom only one has it verified — a one-person risk, with
// a holder in Havbygd to ask.
func seedCompetence(ctx context.Context, db *store.DB, res *Result, passwordHash string) error {
	sys := people.System()
	hav := org.Municipality{Number: "9902", Name: "Havbygd", ConsentAge: org.DefaultConsentAge}
	if err := db.CreateMunicipality(ctx, sys, &hav); err != nil {
		return fmt.Errorf("demo: neighbour municipality: %w", err)
	}
	havSchool := org.Unit{MunicipalityID: hav.ID, Name: "Havbygd skule", Kind: org.School}
	if err := db.CreateUnit(ctx, sys, &havSchool); err != nil {
		return fmt.Errorf("demo: neighbour unit: %w", err)
	}
	net := org.Network{Name: "Kystnettverket", MunicipalityIDs: []string{res.Municipality.ID, hav.ID}}
	if err := db.CreateNetwork(ctx, sys, &net); err != nil {
		return fmt.Errorf("demo: network: %w", err)
	}
	// The seed acts as each account itself, as if signed in with two-step verification.
	as := func(local, name, what, home string, roles ...people.Role) (*people.Principal, error) {
		u := people.User{Email: local + domain, Name: name, HomeMunicipalityID: home}
		if err := db.CreateUser(ctx, sys, &u, passwordHash); err != nil {
			return nil, fmt.Errorf("demo: user %s: %w", local, err)
		}
		for _, r := range roles {
			if err := db.GrantRole(ctx, sys, u.ID, &r); err != nil {
				return nil, fmt.Errorf("demo: role for %s: %w", local, err)
			}
		}
		res.Accounts = append(res.Accounts, Account{Email: u.Email, Name: name, What: what, ID: u.ID})
		return principal(ctx, db, Account{ID: u.ID, Name: name})
	}
	coord, err := as("nettverk.koordinator", "Kari Kyst", "nettverkskoordinator, Kystnettverket", "",
		people.Role{Role: people.NetworkCoordinator, NetworkID: net.ID})
	if err != nil {
		return err
	}
	havLeader, err := as("astrid.havbygd", "Astrid Havbygd", "leiar, Havbygd skule", hav.ID, people.Role{Role: people.UnitLeader, UnitID: havSchool.ID})
	if err != nil {
		return err
	}
	havStaff, err := as("oddvar.havbygd", "Oddvar Havbygd", "tilsett, Havbygd skule", hav.ID, people.Role{Role: people.Employee, UnitID: havSchool.ID})
	if err != nil {
		return err
	}
	acct := func(local string) (*people.Principal, error) { return res.principal(ctx, db, local) }
	admin, err := acct("kommune.admin")
	if err != nil {
		return err
	}
	leader, err := acct("per.strand")
	if err != nil {
		return err
	}
	areaNamed := func(p *people.Principal, mid, name string) (string, error) {
		as, err := db.ListAreas(ctx, p, mid)
		if err != nil {
			return "", err
		}
		for _, a := range as {
			if a.Name == name {
				return a.ID, nil
			}
		}
		return "", fmt.Errorf("demo: no area %q", name)
	}
	mi, err := areaNamed(admin, res.Municipality.ID, "Motiverende intervju (MI)")
	if err != nil {
		return err
	}
	miHav, err := areaNamed(havLeader, hav.ID, "Motiverende intervju (MI)")
	if err != nil {
		return err
	}
	bti, err := areaNamed(admin, res.Municipality.ID, "BTI – Bedre tverrfaglig innsats")
	if err != nil {
		return err
	}
	school := res.Units["fjordvik_skole"]
	marte, _ := res.Account("marte.lund")
	jonas, _ := res.Account("jonas.aas")
	if err := db.AddCompetence(ctx, leader, &competence.Competence{UserID: marte.ID, AreaID: mi, Level: competence.Advanced}); err != nil {
		return fmt.Errorf("demo: competence: %w", err)
	}
	if err := db.AddCompetence(ctx, havLeader, &competence.Competence{UserID: havStaff.User.ID, AreaID: miHav, Level: competence.Expert}); err != nil {
		return fmt.Errorf("demo: competence: %w", err)
	}
	if err := db.SetNeeds(ctx, leader, school.ID, []competence.Need{{AreaID: mi, MinPeople: 2}}); err != nil {
		return fmt.Errorf("demo: needs: %w", err)
	}

	// A year of courses: sessions from eleven months ago up to last week.
	now := time.Now().UTC()
	day := func(monthsAgo int) string { return now.AddDate(0, -monthsAgo, -7).Format(time.DateOnly) }
	type sessionSeed struct {
		monthsAgo, centi int
		place            string
	}
	mkCourse := func(p *people.Principal, c course.Course, sessions []sessionSeed, participants []string, attended []string) error {
		if err := db.CreateCourse(ctx, p, &c); err != nil {
			return fmt.Errorf("demo: course %s: %w", c.Title, err)
		}
		if _, err := db.AddParticipants(ctx, p, c.ID, participants); err != nil {
			return fmt.Errorf("demo: participants of %s: %w", c.Title, err)
		}
		for i, s := range sessions {
			se := course.Session{Date: day(s.monthsAgo), Centi: s.centi, Place: s.place}
			if err := db.AddSession(ctx, p, c.ID, &se); err != nil {
				return fmt.Errorf("demo: session of %s: %w", c.Title, err)
			}
			if i == 0 && attended != nil {
				if err := db.TakeAttendance(ctx, p, c.ID, se.ID, attended); err != nil {
					return fmt.Errorf("demo: attendance in %s: %w", c.Title, err)
				}
			}
		}
		return nil
	}
	if err := mkCourse(coord, course.Course{Title: "MI grunnkurs", Kind: course.Fagutvikling, NetworkID: net.ID,
		Description: "Motiverende intervju for skole, barnehage og helsestasjon i Kystnettverket."},
		[]sessionSeed{{10, 700, "Fjordvik rådhus"}, {9, 700, "Havbygd kulturhus"}, {6, 350, "Digitalt"}},
		[]string{jonas.ID, havLeader.User.ID, marte.ID}, []string{jonas.ID, havLeader.User.ID}); err != nil {
		return err
	}
	staff := []string{}
	for _, local := range []string{"ole.berg", "sofie.dahl", "marte.lund", "nina.eide", "ida.sande"} {
		if a, ok := res.Account(local); ok {
			staff = append(staff, a.ID)
		}
	}
	if err := mkCourse(admin, course.Course{Title: "BTI for alle", Kind: course.FagligPafyll, MunicipalityID: res.Municipality.ID, BTI: true,
		AreaIDs: []string{bti}, Description: "Stafettloggen og handlingsveilederen i praksis."},
		[]sessionSeed{{4, 350, "Fjordvik rådhus"}}, staff, nil); err != nil {
		return err
	}
	return mkCourse(admin, course.Course{Title: "Veiledning for ledere", Kind: course.Lederutvikling, MunicipalityID: res.Municipality.ID},
		[]sessionSeed{{2, 300, "Fjordvik rådhus"}, {1, 300, "Fjordvik rådhus"}}, []string{leader.User.ID}, nil)
}

// principal is the demo account with e-mail local@… as principal does it.
func (r *Result) principal(ctx context.Context, db *store.DB, local string) (*people.Principal, error) {
	a, ok := r.Account(local)
	if !ok {
		return nil, fmt.Errorf("demo: no account %s", local)
	}
	return principal(ctx, db, a)
}

// principal is account a with its roles, as if signed in with two-step verification.
func principal(ctx context.Context, db *store.DB, a Account) (*people.Principal, error) {
	roles, err := db.ListRoles(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	return &people.Principal{User: people.User{ID: a.ID, Name: a.Name, Active: true}, Roles: roles, SecondFactor: true}, nil
}
