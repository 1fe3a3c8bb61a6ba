package store_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/audit"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// signIn makes a session for u as a sign-in with a password does, and returns it
// as the principal Authenticate loads for it.
func signIn(t *testing.T, db *store.DB, uid, hash string) *people.Principal {
	t.Helper()
	ctx := context.Background()
	if _, err := db.CreateSession(ctx, uid, hash, "password", people.DefaultSessionPolicy); err != nil {
		t.Fatal(err)
	}
	p, err := db.Authenticate(ctx, hash, people.DefaultSessionPolicy)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAuthenticateSecondFactor checks what a session's principal says about its
// second factor: none for a password on an account without two-step verification,
// present once it is confirmed (and the sessions from before it are gone), and
// present for a session from an identity provider.
func TestAuthenticateSecondFactor(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 10, 0, 15, 0, time.UTC)
		db.Now = func() time.Time { return now }
		w := newAdminWorld(t, db)
		before := signIn(t, db, w.adminA.User.ID, "before")
		p := signIn(t, db, w.adminA.User.ID, "current")
		if before.SecondFactor || p.SecondFactor {
			t.Fatalf("password sessions without TOTP: SecondFactor %v, %v; want false", before.SecondFactor, p.SecondFactor)
		}
		var checker auth.TOTP
		enrol, err := checker.Enrol(w.adminA.User.Email)
		must(t, err)
		must(t, db.BeginTOTP(ctx, w.adminA.User.ID, enrol.Secret))
		_, hashes := auth.NewRecoveryCodes()
		must(t, db.ConfirmTOTP(ctx, w.adminA.User.ID, "current", totpCode(t, enrol.Secret, now), checker, hashes))
		if p, err = db.Authenticate(ctx, "current", people.DefaultSessionPolicy); err != nil || !p.SecondFactor {
			t.Errorf("the confirming session afterwards: %v, %v; want a second factor", p, err)
		}
		if _, err := db.Authenticate(ctx, "before", people.DefaultSessionPolicy); !fault.Is(err, fault.Unauthenticated) {
			t.Errorf("a session from before the confirmation: %v, want unauthenticated", err)
		}

		leader := signIn(t, db, w.leader.User.ID, "leader-oidc")
		if leader.SecondFactor {
			t.Fatal("password session of the leader has a second factor")
		}
		must(t, db.SetSessionProvider(ctx, "leader-oidc", "idporten", "id-token"))
		if p, err := db.Authenticate(ctx, "leader-oidc", people.DefaultSessionPolicy); err != nil || !p.SecondFactor {
			t.Errorf("identity-provider session: %v, %v; want a second factor", p, err)
		}
	})
}

// TestAdminNeedsSecondFactor checks that every administrative method of the store
// refuses an administrator whose session has no second factor with
// second_factor_required, writes nothing and records nothing, while the same
// method lets a leader without one do what a leader may.
func TestAdminNeedsSecondFactor(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newAdminWorld(t, db)
		sys := signIn(t, db, w.sys.User.ID, "sys")
		admin := signIn(t, db, w.adminA.User.ID, "admin")
		employee := people.Role{Role: people.Employee, UnitID: w.unitA.ID}
		writes := map[string]func(p *people.Principal) error{
			"CreateMunicipality": func(p *people.Principal) error {
				return db.CreateMunicipality(ctx, p, &org.Municipality{Number: "5501", Name: "Tromsø"})
			},
			"CreateUnit": func(p *people.Principal) error {
				return db.CreateUnit(ctx, p, &org.Unit{MunicipalityID: w.a.ID, Name: "Ny skole", Kind: org.School})
			},
			"CreateUser": func(p *people.Principal) error {
				return db.CreateUser(ctx, p, &people.User{Email: "ny@skien.no", Name: "Ny", HomeMunicipalityID: w.a.ID}, "hash")
			},
			"GrantRole": func(p *people.Principal) error {
				r := people.Role{Role: people.UnitLeader, UnitID: w.unitA.ID}
				return db.GrantRole(ctx, p, w.target.ID, &r)
			},
			"RevokeRole": func(p *people.Principal) error {
				return db.RevokeRole(ctx, p, w.staff.User.ID, people.Role{Role: people.Employee, MunicipalityID: w.a.ID, UnitID: w.unitA.ID})
			},
			"ChangeUserActive": func(p *people.Principal) error {
				_, err := db.ChangeUserActive(ctx, p, w.target.ID, false)
				return err
			},
			"CreateSystemAdmin": func(p *people.Principal) error {
				return db.CreateSystemAdmin(ctx, p, &people.User{Email: "drift2@stafett.no", Name: "Drift 2"}, "hash")
			},
			"CreateNetwork": func(p *people.Principal) error {
				return db.CreateNetwork(ctx, p, &org.Network{Name: "Grenland", MunicipalityIDs: []string{w.a.ID, w.b.ID}})
			},
			"SaveGuideDraft": func(p *people.Principal) error {
				_, err := db.SaveGuideDraft(ctx, p, w.a.ID, guide.National())
				return err
			},
			"PublishGuide": func(p *people.Principal) error {
				_, err := db.PublishGuide(ctx, p, w.a.ID)
				return err
			},
			"ListAdminAudit": func(p *people.Principal) error {
				_, err := db.ListAdminAudit(ctx, p, audit.AdminFilter{})
				return err
			},
		}
		head, err := db.VerifyAudit(ctx)
		must(t, err)
		for name, write := range writes {
			for who, p := range map[string]*people.Principal{"SystemAdmin": sys, "MunicipalityAdmin": admin} {
				t.Run(name+"/"+who, func(t *testing.T) {
					if err := write(p); !fault.Is(err, fault.SecondFactorRequired) {
						t.Errorf("= %v, want second_factor_required", err)
					}
				})
			}
		}
		if after, err := db.VerifyAudit(ctx); err != nil || after != head {
			t.Errorf("audit head moved from %v to %v (%v): a refused write was recorded", head, after, err)
		}
		// A leader without a second factor still adds an employee to their unit.
		leader := signIn(t, db, w.leader.User.ID, "leader")
		if err := db.GrantRole(ctx, leader, w.target.ID, &employee); err != nil {
			t.Errorf("leader without a second factor adding an employee: %v", err)
		}
	})
}
