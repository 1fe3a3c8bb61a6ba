// Package demo fills an empty database with a realistic demo municipality, so a
// newcomer can sign in and look around at once.
package demo

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// Password is the password of every demo account.
const Password = "stafett-demo"

// Account is a demo account printed for the newcomer.
type Account struct {
	Email string
	Name  string
	What  string
	ID    string
}

// Result tells what Seed made.
type Result struct {
	Municipality org.Municipality
	Units        map[string]org.Unit // by short key
	Services     map[string]string   // IDs of the services in the overview, by name
	Accounts     []Account
	Created      bool // false when the database already had data
}

type unitSeed struct {
	key, name string
	kind      org.UnitKind
	leader    [2]string // email local part, name
	staff     [][2]string
}

var units = []unitSeed{
	{"solstralen", "Solstrålen barnehage", org.Kindergarten, [2]string{"hanne.lie", "Hanne Lie"}, [][2]string{{"ole.berg", "Ole Berg"}, {"sofie.dahl", "Sofie Dahl"}}},
	{"bakkane", "Bakkane barnehage", org.Kindergarten, [2]string{"tone.moen", "Tone Moen"}, [][2]string{{"amir.hassan", "Amir Hassan"}}},
	{"fjordvik_skole", "Fjordvik skole", org.School, [2]string{"per.strand", "Per Strand"}, [][2]string{{"marte.lund", "Marte Lund"}, {"jonas.aas", "Jonas Aas"}}},
	{"ungdomsskole", "Fjordvik ungdomsskole", org.School, [2]string{"eva.nilsen", "Eva Nilsen"}, [][2]string{{"magnus.vik", "Magnus Vik"}}},
	{"helsestasjon", "Helsestasjonen", org.HealthStation, [2]string{"randi.holm", "Randi Holm"}, [][2]string{{"nina.eide", "Nina Eide"}}},
	{"ppt", "PPT Fjordvik", org.PPT, [2]string{"knut.bakke", "Knut Bakke"}, [][2]string{{"ida.sande", "Ida Sande"}}},
	{"barnevern", "Barneverntjenesten", org.ChildWelfare, [2]string{"geir.hauge", "Geir Hauge"}, [][2]string{{"linn.aune", "Linn Aune"}}},
	{"nav", "NAV Fjordvik", org.NAV, [2]string{"bjorn.tangen", "Bjørn Tangen"}, [][2]string{{"fatima.noor", "Fatima Noor"}}},
	{"psykisk_helse", "Psykisk helse barn og unge", org.HealthService, [2]string{"silje.ruud", "Silje Ruud"}, [][2]string{{"erik.foss", "Erik Foss"}}},
	{"kulturskolen", "Kulturskolen og fritid", org.CultureLeisure, [2]string{"anne.brekke", "Anne Brekke"}, [][2]string{{"lars.myhre", "Lars Myhre"}}},
	{"familiesenter", "Familiesenteret", org.Other, [2]string{"mona.lie", "Mona Lie"}, [][2]string{{"tor.sunde", "Tor Sunde"}}},
}

var guardians = [][2]string{
	{"line.haugen", "Line Haugen"}, {"thomas.haugen", "Thomas Haugen"},
	{"sara.johansen", "Sara Johansen"}, {"yusuf.ahmadi", "Yusuf Ahmadi"}, {"kristin.bakken", "Kristin Bakken"},
}

const domain = "@fjordvik.example"

// Seed creates the demo municipality when the database has no municipality yet.
// passwordHash is the hash of Password, computed once by the caller. It is all or
// nothing: everything is written in one transaction, so a seed that fails, is
// cancelled or is killed part-way leaves the database as it was, and the next
// start seeds it whole.
func Seed(ctx context.Context, db *store.DB, passwordHash string) (*Result, error) {
	var res *Result
	err := db.Atomic(ctx, func(db *store.DB) (err error) {
		res, err = seed(ctx, db, passwordHash)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func seed(ctx context.Context, db *store.DB, passwordHash string) (*Result, error) {
	existing, err := db.ListMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	res := &Result{Units: map[string]org.Unit{}, Services: map[string]string{}}
	if len(existing) > 0 {
		return res, nil
	}
	res.Created = true
	// Demo data is set up by Stafett itself, recorded as actor "system".
	sys := people.System()
	res.Municipality = org.Municipality{Number: "9901", Name: "Fjordvik", ConsentAge: org.DefaultConsentAge}
	if err := db.CreateMunicipality(ctx, sys, &res.Municipality); err != nil {
		return nil, fmt.Errorf("demo: municipality: %w", err)
	}
	mid := res.Municipality.ID
	add := func(local, name, what string, roles ...people.Role) error {
		u := people.User{Email: local + domain, Name: name, HomeMunicipalityID: mid}
		if err := db.CreateUser(ctx, sys, &u, passwordHash); err != nil {
			return fmt.Errorf("demo: user %s: %w", local, err)
		}
		for _, r := range roles {
			if err := db.GrantRole(ctx, sys, u.ID, &r); err != nil {
				return fmt.Errorf("demo: role for %s: %w", local, err)
			}
		}
		res.Accounts = append(res.Accounts, Account{Email: u.Email, Name: name, What: what, ID: u.ID})
		return nil
	}
	admin := people.User{Email: "drift" + domain, Name: "Drift Stafett"}
	if err := db.CreateSystemAdmin(ctx, sys, &admin, passwordHash); err != nil {
		return nil, fmt.Errorf("demo: system admin: %w", err)
	}
	res.Accounts = append(res.Accounts, Account{Email: admin.Email, Name: admin.Name, What: "systemadministrator", ID: admin.ID})
	if err := add("kommune.admin", "Ingrid Solberg", "kommuneadministrator",
		people.Role{Role: people.MunicipalityAdmin, MunicipalityID: mid}); err != nil {
		return nil, err
	}
	for _, us := range units {
		u := org.Unit{MunicipalityID: mid, Name: us.name, Kind: us.kind}
		if err := db.CreateUnit(ctx, sys, &u); err != nil {
			return nil, fmt.Errorf("demo: unit %s: %w", us.key, err)
		}
		res.Units[us.key] = u
		if err := add(us.leader[0], us.leader[1], "leder, "+us.name, people.Role{Role: people.UnitLeader, UnitID: u.ID}); err != nil {
			return nil, err
		}
		for _, st := range us.staff {
			if err := add(st[0], st[1], "ansatt, "+us.name, people.Role{Role: people.Employee, UnitID: u.ID}); err != nil {
				return nil, err
			}
		}
	}
	if err := seedCounty(ctx, db, res, passwordHash); err != nil {
		return nil, err
	}
	for _, g := range guardians {
		if err := add(g[0], g[1], "foresatt"); err != nil {
			return nil, err
		}
	}
	if err := seedCatalog(ctx, db, res); err != nil {
		return nil, err
	}
	if err := seedLogs(ctx, db, res); err != nil {
		return nil, err
	}
	if err := seedCompetence(ctx, db, res, passwordHash); err != nil {
		return nil, err
	}
	if err := seedIndicators(ctx, db, res); err != nil {
		return nil, err
	}
	return res, nil
}

// Print writes the demo accounts and the shared password for the newcomer.
func (r *Result) Print(w io.Writer) {
	if !r.Created {
		return
	}
	fmt.Fprintf(w, "\nDemo: %s kommune (%s) is ready. Every account below has the password %q.\n\n",
		r.Municipality.Name, r.Municipality.Number, Password)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "E-POST\tNAVN\tROLLE")
	for _, a := range r.Accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Email, a.Name, a.What)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// Account returns the demo account with the e-mail local part local.
func (r *Result) Account(local string) (Account, bool) {
	for _, a := range r.Accounts {
		if a.Email == local+domain {
			return a, true
		}
	}
	return Account{}, false
}
