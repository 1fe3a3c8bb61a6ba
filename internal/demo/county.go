package demo

import (
	"context"
	"fmt"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// seedCounty adds the county Fjordvik lies in, with its upper-secondary school and
// a contact teacher there, so a log can be handed on to the school (API.md,
// Counties and moves).
func seedCounty(ctx context.Context, db *store.DB, res *Result, passwordHash string) error {
	sys := people.System()
	county := org.Municipality{Kind: org.KindCounty, Number: "99", Name: "Fjordvik fylkeskommune", ConsentAge: org.DefaultConsentAge}
	if err := db.CreateMunicipality(ctx, sys, &county); err != nil {
		return fmt.Errorf("demo: county: %w", err)
	}
	school := org.Unit{MunicipalityID: county.ID, Name: "Fjordvik videregående skole", Kind: org.UpperSecondary}
	if err := db.CreateUnit(ctx, sys, &school); err != nil {
		return fmt.Errorf("demo: county school: %w", err)
	}
	res.Units["vgs"] = school
	u := people.User{Email: "kontaktlarer.vgs" + domain, Name: "Vilde Haugen", HomeMunicipalityID: county.ID}
	if err := db.CreateUser(ctx, sys, &u, passwordHash); err != nil {
		return fmt.Errorf("demo: county teacher: %w", err)
	}
	if err := db.GrantRole(ctx, sys, u.ID, &people.Role{Role: people.Employee, UnitID: school.ID}); err != nil {
		return fmt.Errorf("demo: county teacher's role: %w", err)
	}
	res.Accounts = append(res.Accounts, Account{Email: u.Email, Name: u.Name, What: "ansatt, " + school.Name, ID: u.ID})
	return nil
}
