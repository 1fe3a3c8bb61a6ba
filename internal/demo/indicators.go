package demo

import (
	"context"
	"fmt"

	"stafett/internal/access"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
)

// seedIndicators gives the network's indicators something to protect: three
// undringer at Havbygd skule — a count from 1 to 4,
// which Fjordvik's administrator sees as "under 5" on /samarbeid/{id}/indikatorer
// while Havbygd's own leader sees them. It adds a few outcome figures (Fjordvik's
// from its administrator, Havbygd's from the network's coordinator) and publishes
// Fjordvik's indicators on /k/9901/indikatorer.
func seedIndicators(ctx context.Context, db *store.DB, res *Result) error {
	oddvar, ok := res.Account("oddvar.havbygd")
	if !ok {
		return fmt.Errorf("demo: no account oddvar.havbygd")
	}
	roles, err := db.ListRoles(ctx, oddvar.ID)
	if err != nil {
		return err
	}
	unit := ""
	for _, r := range roles {
		if r.Role == people.Employee {
			unit = r.UnitID
		}
	}
	staff := access.Actor{UserID: oddvar.ID, Roles: roles}
	s := &seeder{ctx: ctx, db: db}
	for i, concern := range []string{
		"Eleven er mye borte fra skolen den siste måneden.",
		"Eleven virker sliten og trekker seg unna i friminuttene.",
		"Eleven har hatt flere konflikter med andre elever.",
	} {
		s.open(staff, unit, logbook.Child{Initials: []string{"HA", "HB", "HC"}[i], BirthDate: logbook.Date("2014-03-0" + fmt.Sprint(i+1))}, concern)
	}
	if s.err != nil {
		return s.err
	}
	acct := func(local string) (*people.Principal, error) { return res.principal(ctx, db, local) }
	admin, err := acct("kommune.admin")
	if err != nil {
		return err
	}
	coord, err := acct("nettverk.koordinator")
	if err != nil {
		return err
	}
	mid := res.Municipality.ID
	own := "kommunenummer;år;nøkkel;verdi;kilde\n" +
		"9901;2024;school_absence;7,9;SSB KOSTRA\n9901;2025;school_absence;7,2;SSB KOSTRA\n" +
		"9901;2024;thriving_at_school;84;Ungdata\n9901;2025;thriving_at_school;86;Ungdata\n"
	if _, err := db.ImportOutcomes(ctx, admin, store.OutcomeScope{MunicipalityID: mid}, []byte(own)); err != nil {
		return fmt.Errorf("demo: outcome figures: %w", err)
	}
	ns, err := db.ListNetworks(ctx, mid)
	if err != nil || len(ns) == 0 {
		return fmt.Errorf("demo: the network: %v", err)
	}
	hav := "9902;2024;school_absence;8,4;SSB KOSTRA\n9902;2025;school_absence;8,1;SSB KOSTRA\n9902;2025;low_income_children;10,5;SSB\n"
	if _, err := db.ImportOutcomes(ctx, coord, store.OutcomeScope{NetworkID: ns[0].ID}, []byte(hav)); err != nil {
		return fmt.Errorf("demo: network outcome figures: %w", err)
	}
	if err := db.SetIndicatorsPublished(ctx, admin, mid, true); err != nil {
		return fmt.Errorf("demo: publish indicators: %w", err)
	}
	return nil
}
