package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/audit"
	"stafett/internal/catalog"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// adminWorld is two municipalities with a unit each, and people in every
// administrative capacity: a system administrator (a person, not Stafett), an
// administrator of each municipality, a leader and an employee of A's unit, and
// target, a person of A with no roles.
type adminWorld struct {
	a, b                               *org.Municipality
	unitA, unitB                       org.Unit
	sys, adminA, adminB, leader, staff *people.Principal
	target                             *people.User
}

// person creates a user with home mid and roles, on Stafett's account, and returns
// them as a principal.
func person(t *testing.T, db *store.DB, email, name, mid string, roles ...people.Role) *people.Principal {
	t.Helper()
	ctx := context.Background()
	u := people.User{Email: email, Name: name, HomeMunicipalityID: mid}
	if err := db.CreateUser(ctx, people.System(), &u, "hash"); err != nil {
		t.Fatal(err)
	}
	for i := range roles {
		if err := db.GrantRole(ctx, people.System(), u.ID, &roles[i]); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := db.ListRoles(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	// As signed in with a second factor: the refused side is TestAdminNeedsSecondFactor.
	return &people.Principal{User: u, Roles: rs, SecondFactor: true}
}

func newAdminWorld(t *testing.T, db *store.DB) *adminWorld {
	t.Helper()
	ctx := context.Background()
	w := &adminWorld{a: mustMunicipality(t, db, "4003", "Skien"), b: mustMunicipality(t, db, "4001", "Porsgrunn")}
	w.unitA = org.Unit{MunicipalityID: w.a.ID, Name: "Myren skole", Kind: org.School}
	w.unitB = org.Unit{MunicipalityID: w.b.ID, Name: "Vestsiden skole", Kind: org.School}
	for _, u := range []*org.Unit{&w.unitA, &w.unitB} {
		if err := db.CreateUnit(ctx, people.System(), u); err != nil {
			t.Fatal(err)
		}
	}
	w.sys = person(t, db, "drift@stafett.no", "Drift", "", people.Role{Role: people.SystemAdmin})
	w.adminA = person(t, db, "admin@skien.no", "Anne Admin", w.a.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.a.ID})
	w.adminB = person(t, db, "admin@porsgrunn.no", "Per Admin", w.b.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.b.ID})
	w.leader = person(t, db, "rektor@skien.no", "Rita Rektor", w.a.ID, people.Role{Role: people.UnitLeader, UnitID: w.unitA.ID})
	w.staff = person(t, db, "ola@skien.no", "Ola Lærer", w.a.ID, people.Role{Role: people.Employee, UnitID: w.unitA.ID})
	w.target = &person(t, db, "kari@skien.no", "Kari Ny", w.a.ID).User
	return w
}

// rec is what an administrative record must say.
type rec struct {
	Actor, Role string
	Action      audit.Action
	Type        audit.TargetType
	ID, Mun     string
}

// allowed runs write and checks that it left exactly the administrative records want
// gives (called after the write, so it can name what the write created).
func allowed(t *testing.T, db *store.DB, write func() error, want func() []rec) {
	t.Helper()
	seq := auditEnd(t, db)
	if err := write(); err != nil {
		t.Fatalf("write: %v", err)
	}
	events, _ := auditSince(t, db, seq)
	var got []rec
	for _, e := range events {
		if e.TargetType != "" {
			got = append(got, rec{e.ActorID, e.Role, e.Action, e.TargetType, e.TargetID, e.MunicipalityID})
		}
	}
	if diff := cmp.Diff(want(), got); diff != "" {
		t.Errorf("administrative records (-want +got):\n%s", diff)
	}
}

// refused runs write and checks that it fails with code and writes no audit record
// (and so, the audit being in the same transaction, nothing at all).
func refused(t *testing.T, db *store.DB, code fault.Code, write func() error) {
	t.Helper()
	seq := auditEnd(t, db)
	if err := write(); !fault.Is(err, code) {
		t.Errorf("err = %v, want %s", err, code)
	}
	if after := auditEnd(t, db); after != seq {
		t.Errorf("audit went from %d to %d records on a refused write", seq, after)
	}
}

// one is want for a write that creates nothing: its record is known beforehand.
func one(r rec) func() []rec { return func() []rec { return []rec{r} } }

func TestAdminWritesOrg(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newAdminWorld(t, db)
		t.Run("CreateMunicipality", func(t *testing.T) {
			m := org.Municipality{Number: "5501", Name: "Tromsø"}
			allowed(t, db, func() error { return db.CreateMunicipality(ctx, w.sys, &m) }, func() []rec {
				return []rec{
					{w.sys.User.ID, "system_admin", audit.CreateMunicipality, audit.TargetMunicipality, m.ID, m.ID},
					{people.SystemActorID, "system", audit.PublishGuide, audit.TargetGuide, m.ID, m.ID},
				}
			})
			for name, p := range map[string]*people.Principal{"MunicipalityAdmin": w.adminA, "Leader": w.leader, "Employee": w.staff} {
				t.Run(name, func(t *testing.T) {
					refused(t, db, fault.Forbidden, func() error {
						return db.CreateMunicipality(ctx, p, &org.Municipality{Number: "5502", Name: "Bodø"})
					})
				})
			}
			refused(t, db, fault.Unauthenticated, func() error {
				return db.CreateMunicipality(ctx, nil, &org.Municipality{Number: "5502", Name: "Bodø"})
			})
			if _, err := db.GetMunicipalityByNumber(ctx, "5502"); !fault.Is(err, fault.NotFound) {
				t.Errorf("refused municipality exists: %v", err)
			}
		})
		t.Run("CreateUnit", func(t *testing.T) {
			u := org.Unit{MunicipalityID: w.a.ID, Name: "Stridsklev skole", Kind: org.School}
			allowed(t, db, func() error { return db.CreateUnit(ctx, w.adminA, &u) },
				func() []rec {
					return []rec{{w.adminA.User.ID, "municipality_admin", audit.CreateUnit, audit.TargetUnit, u.ID, w.a.ID}}
				})
			sysUnit := org.Unit{MunicipalityID: w.b.ID, Name: "Klyve skole", Kind: org.School}
			allowed(t, db, func() error { return db.CreateUnit(ctx, w.sys, &sysUnit) },
				func() []rec {
					return []rec{{w.sys.User.ID, "system_admin", audit.CreateUnit, audit.TargetUnit, sysUnit.ID, w.b.ID}}
				})
			refused(t, db, fault.Forbidden, func() error {
				return db.CreateUnit(ctx, w.adminA, &org.Unit{MunicipalityID: w.b.ID, Name: "Feil", Kind: org.School})
			})
			refused(t, db, fault.Forbidden, func() error {
				return db.CreateUnit(ctx, w.leader, &org.Unit{MunicipalityID: w.a.ID, Name: "Feil", Kind: org.School})
			})
			refused(t, db, fault.NotFound, func() error {
				return db.CreateUnit(ctx, w.adminA, &org.Unit{MunicipalityID: "finnes-ikke", Name: "Feil", Kind: org.School})
			})
			// Forbidden before the input is looked at, as the API always answered.
			refused(t, db, fault.Forbidden, func() error {
				return db.CreateUnit(ctx, w.adminB, &org.Unit{MunicipalityID: w.a.ID, Name: "", Kind: "zoo"})
			})
			units, err := db.ListUnits(ctx, w.b.ID)
			if err != nil || len(units) != 2 {
				t.Errorf("units of B = %d, %v; want 2 (the refused one not stored)", len(units), err)
			}
		})
		t.Run("CreateUser", func(t *testing.T) {
			u := people.User{Email: "nina@skien.no", Name: "Nina"}
			allowed(t, db, func() error { return db.CreateUser(ctx, w.adminA, &u, "hash") },
				func() []rec {
					return []rec{{w.adminA.User.ID, "municipality_admin", audit.CreateUser, audit.TargetUser, u.ID, w.a.ID}}
				})
			if u.HomeMunicipalityID != w.a.ID {
				t.Errorf("home = %q, want the administrator's municipality %q", u.HomeMunicipalityID, w.a.ID)
			}
			homeless := people.User{Email: "konsulent@stafett.no", Name: "Konsulent"}
			allowed(t, db, func() error { return db.CreateUser(ctx, w.sys, &homeless, "") },
				func() []rec {
					return []rec{{w.sys.User.ID, "system_admin", audit.CreateUser, audit.TargetUser, homeless.ID, ""}}
				})
			cases := []struct {
				name string
				p    *people.Principal
				home string
				code fault.Code
			}{
				{"OtherMunicipality", w.adminA, w.b.ID, fault.Forbidden},
				{"Leader", w.leader, w.a.ID, fault.Forbidden},
				{"Employee", w.staff, "", fault.Forbidden},
				{"UnknownMunicipality", w.sys, "finnes-ikke", fault.Invalid},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					refused(t, db, c.code, func() error {
						return db.CreateUser(ctx, c.p, &people.User{Email: "nei@skien.no", Name: "Nei", HomeMunicipalityID: c.home}, "")
					})
				})
			}
			if _, err := db.GetCredentials(ctx, "nei@skien.no"); !fault.Is(err, fault.NotFound) {
				t.Errorf("a refused user was stored: %v", err)
			}
			assertField(t, db.CreateUser(ctx, w.sys, &people.User{Email: "x@y.no", Name: "X", HomeMunicipalityID: "finnes-ikke"}, ""),
				"municipality_id", fault.FieldNotFound)
		})
		t.Run("CreateSystemAdmin", func(t *testing.T) {
			u := people.User{Email: "drift2@stafett.no", Name: "Drift To"}
			allowed(t, db, func() error { return db.CreateSystemAdmin(ctx, w.sys, &u, "hash") }, func() []rec {
				return []rec{
					{w.sys.User.ID, "system_admin", audit.CreateUser, audit.TargetUser, u.ID, ""},
					{w.sys.User.ID, "system_admin", audit.GrantRole, audit.TargetUser, u.ID, ""},
				}
			})
			refused(t, db, fault.Forbidden, func() error {
				return db.CreateSystemAdmin(ctx, w.adminA, &people.User{Email: "drift3@stafett.no", Name: "Nei"}, "hash")
			})
		})
	})
}

func TestAdminWritesRoles(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newAdminWorld(t, db)
		employeeA := people.Role{Role: people.Employee, UnitID: w.unitA.ID}
		t.Run("GrantOK", func(t *testing.T) {
			r := employeeA
			allowed(t, db, func() error { return db.GrantRole(ctx, w.adminA, w.target.ID, &r) },
				one(rec{w.adminA.User.ID, "municipality_admin", audit.GrantRole, audit.TargetUser, w.target.ID, w.a.ID}))
			if r.MunicipalityID != w.a.ID {
				t.Errorf("role's municipality = %q, want the unit's %q", r.MunicipalityID, w.a.ID)
			}
		})
		t.Run("LeaderAddsEmployee", func(t *testing.T) {
			other := person(t, db, "per@skien.no", "Per", w.a.ID)
			r := employeeA
			allowed(t, db, func() error { return db.GrantRole(ctx, w.leader, other.User.ID, &r) },
				one(rec{w.leader.User.ID, "unit_leader", audit.GrantRole, audit.TargetUser, other.User.ID, w.a.ID}))
		})
		before, err := db.ListRoles(ctx, w.target.ID)
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			p    *people.Principal
			uid  string
			role people.Role
			code fault.Code
		}{
			{"OtherMunicipalityCannotSeeUser", w.adminB, w.target.ID, people.Role{Role: people.UnitLeader, UnitID: w.unitA.ID}, fault.NotFound},
			{"UnitOfOtherMunicipality", w.adminA, w.target.ID, people.Role{Role: people.Employee, UnitID: w.unitB.ID}, fault.Forbidden},
			{"OwnRoles", w.adminA, w.adminA.User.ID, people.Role{Role: people.UnitLeader, UnitID: w.unitA.ID}, fault.Forbidden},
			{"SystemAdminOwnRoles", w.sys, w.sys.User.ID, people.Role{Role: people.UnitLeader, UnitID: w.unitA.ID}, fault.Forbidden},
			{"LeaderNotLeader", w.leader, w.target.ID, people.Role{Role: people.UnitLeader, UnitID: w.unitA.ID}, fault.Forbidden},
			{"EmployeeAdministersNobody", w.staff, w.target.ID, employeeA, fault.Forbidden},
			{"AdminNotSystemAdmin", w.adminA, w.target.ID, people.Role{Role: people.SystemAdmin}, fault.Forbidden},
			{"UnknownUser", w.adminA, "finnes-ikke", employeeA, fault.NotFound},
			{"UnknownUnit", w.adminA, w.target.ID, people.Role{Role: people.Employee, UnitID: "finnes-ikke"}, fault.Invalid},
		}
		for _, c := range cases {
			t.Run("Grant"+c.name, func(t *testing.T) {
				refused(t, db, c.code, func() error { r := c.role; return db.GrantRole(ctx, c.p, c.uid, &r) })
			})
		}
		after, err := db.ListRoles(ctx, w.target.ID)
		if err != nil || !cmp.Equal(before, after) {
			t.Errorf("roles after refused grants = %v, %v; want %v", after, err, before)
		}
		for _, c := range []struct {
			name string
			p    *people.Principal
			uid  string
			role people.Role
			code fault.Code
		}{
			{"OtherMunicipality", w.adminB, w.target.ID, employeeA, fault.NotFound},
			{"Employee", w.staff, w.target.ID, employeeA, fault.Forbidden},
			{"OwnRole", w.adminA, w.adminA.User.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.a.ID}, fault.Forbidden},
		} {
			t.Run("Revoke"+c.name, func(t *testing.T) {
				refused(t, db, c.code, func() error { return db.RevokeRole(ctx, c.p, c.uid, c.role) })
			})
		}
		t.Run("RevokeOK", func(t *testing.T) {
			allowed(t, db, func() error { return db.RevokeRole(ctx, w.adminA, w.target.ID, employeeA) },
				one(rec{w.adminA.User.ID, "municipality_admin", audit.RevokeRole, audit.TargetUser, w.target.ID, w.a.ID}))
			refused(t, db, fault.NotFound, func() error { return db.RevokeRole(ctx, w.adminA, w.target.ID, employeeA) })
		})
	})
}

func TestAdminWritesUserActive(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newAdminWorld(t, db)
		for _, c := range []struct {
			name string
			p    *people.Principal
			uid  string
			code fault.Code
		}{
			{"OtherMunicipality", w.adminB, w.target.ID, fault.NotFound},
			{"LeaderSeesButCannotManage", w.leader, w.target.ID, fault.Forbidden},
			{"Employee", w.staff, w.target.ID, fault.Forbidden},
			{"Self", w.adminA, w.adminA.User.ID, fault.Conflict},
		} {
			t.Run(c.name, func(t *testing.T) {
				refused(t, db, c.code, func() error { _, err := db.ChangeUserActive(ctx, c.p, c.uid, false); return err })
			})
		}
		if u, err := db.GetUser(ctx, w.target.ID); err != nil || !u.Active {
			t.Fatalf("target after refusals = %+v, %v; want active", u, err)
		}
		t.Run("Deactivate", func(t *testing.T) {
			var got *people.User
			allowed(t, db, func() (err error) { got, err = db.ChangeUserActive(ctx, w.adminA, w.target.ID, false); return err },
				one(rec{w.adminA.User.ID, "municipality_admin", audit.DeactivateUser, audit.TargetUser, w.target.ID, w.a.ID}))
			if got == nil || got.ID != w.target.ID || got.Active {
				t.Errorf("returned user = %+v, want the target, inactive", got)
			}
		})
		t.Run("ReactivateBySystemAdmin", func(t *testing.T) {
			allowed(t, db, func() error { _, err := db.ChangeUserActive(ctx, w.sys, w.target.ID, true); return err },
				one(rec{w.sys.User.ID, "system_admin", audit.ActivateUser, audit.TargetUser, w.target.ID, w.a.ID}))
		})
		t.Run("ThroughRoleMunicipality", func(t *testing.T) {
			// A person of B working in A is managed by A's administrator, recorded in A.
			commuter := person(t, db, "pendler@porsgrunn.no", "Pendler", w.b.ID, people.Role{Role: people.Employee, UnitID: w.unitA.ID})
			allowed(t, db, func() error { _, err := db.ChangeUserActive(ctx, w.adminA, commuter.User.ID, false); return err },
				one(rec{w.adminA.User.ID, "municipality_admin", audit.DeactivateUser, audit.TargetUser, commuter.User.ID, w.a.ID}))
		})
	})
}

func TestAdminWritesNetworks(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newAdminWorld(t, db)
		n := org.Network{Name: "Grenland", MunicipalityIDs: []string{w.a.ID, w.b.ID}}
		allowed(t, db, func() error { return db.CreateNetwork(ctx, w.sys, &n) },
			func() []rec {
				return []rec{{w.sys.User.ID, "system_admin", audit.CreateNetwork, audit.TargetNetwork, n.ID, ""}}
			})
		n.Name = "Grenlandssamarbeidet"
		allowed(t, db, func() error { return db.UpdateNetwork(ctx, w.sys, &n) },
			one(rec{w.sys.User.ID, "system_admin", audit.UpdateNetwork, audit.TargetNetwork, n.ID, ""}))
		refused(t, db, fault.Forbidden, func() error {
			return db.CreateNetwork(ctx, w.adminA, &org.Network{Name: "Nei", MunicipalityIDs: []string{w.a.ID, w.b.ID}})
		})
		refused(t, db, fault.Forbidden, func() error {
			return db.UpdateNetwork(ctx, w.adminA, &org.Network{ID: n.ID, Name: "Nei", MunicipalityIDs: []string{w.a.ID}})
		})
		got, err := db.GetNetwork(ctx, n.ID)
		if err != nil || got.Name != "Grenlandssamarbeidet" || len(got.MunicipalityIDs) != 2 {
			t.Errorf("network after a refused update = %+v, %v", got, err)
		}
	})
}

func TestAdminWritesPublished(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newAdminWorld(t, db)
		a, mid := w.adminA, w.a.ID
		guideRec := func(action audit.Action) func() []rec {
			return one(rec{a.User.ID, "municipality_admin", action, audit.TargetGuide, mid, mid})
		}
		allowed(t, db, func() error { _, err := db.SaveGuideDraft(ctx, a, mid, guide.National()); return err }, guideRec(audit.SaveGuideDraft))
		allowed(t, db, func() error {
			_, err := db.EditGuideDraft(ctx, a, mid, nil, func(g *guide.Guide, _ string) error { return g.SetLevelText(1, "Nivå 1", "Egen tjeneste") })
			return err
		}, guideRec(audit.SaveGuideDraft))
		f := store.GuideFile{Name: "skjema.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}
		allowed(t, db, func() error { return db.AddGuideFile(ctx, a, mid, &f) },
			func() []rec {
				return []rec{{a.User.ID, "municipality_admin", audit.UploadGuideFile, audit.TargetGuideFile, f.ID, mid}}
			})
		allowed(t, db, func() error { _, err := db.PublishGuide(ctx, a, mid); return err }, guideRec(audit.PublishGuide))
		allowed(t, db, func() error { _, err := db.ForkGuide(ctx, a, mid, store.GuideSource{National: true}); return err }, guideRec(audit.ForkGuide))
		allowed(t, db, func() error { return db.DiscardGuideDraft(ctx, a, mid) }, guideRec(audit.DiscardGuideDraft))

		svc := catalog.Service{MunicipalityID: mid, UnitID: w.unitA.ID, Name: "Leksehjelp", Description: "Hjelp.",
			TargetGroup: "Elever", MinAge: 6, MaxAge: 16, Levels: []int{1}, Contact: "post@skien.no", HowToAccess: "Spør."}
		allowed(t, db, func() error { return db.CreateService(ctx, a, &svc) },
			func() []rec {
				return []rec{{a.User.ID, "municipality_admin", audit.CreateService, audit.TargetService, svc.ID, mid}}
			})
		up := svc
		up.Name = "Leksehjelp på skolen"
		allowed(t, db, func() error { _, err := db.UpdateService(ctx, a, &up); return err },
			func() []rec {
				return []rec{{a.User.ID, "municipality_admin", audit.UpdateService, audit.TargetService, svc.ID, mid}}
			})

		// System administrators operate the installation; they do not write a
		// municipality's texts. Neither do other municipalities' administrators, its
		// leaders, or Stafett itself.
		for name, p := range map[string]*people.Principal{"OtherMunicipality": w.adminB, "SystemAdmin": w.sys, "Leader": w.leader,
			"Employee": w.staff, "System": people.System()} {
			t.Run(name, func(t *testing.T) {
				for what, write := range map[string]func() error{
					"SaveDraft": func() error { _, err := db.SaveGuideDraft(ctx, p, mid, guide.National()); return err },
					"EditDraft": func() error {
						_, err := db.EditGuideDraft(ctx, p, mid, nil, func(*guide.Guide, string) error { return nil })
						return err
					},
					"AddFile": func() error { g := f; return db.AddGuideFile(ctx, p, mid, &g) },
					"Publish": func() error { _, err := db.PublishGuide(ctx, p, mid); return err },
					"Fork":    func() error { _, err := db.ForkGuide(ctx, p, mid, store.GuideSource{National: true}); return err },
					"Discard": func() error { return db.DiscardGuideDraft(ctx, p, mid) },
					"Create":  func() error { s := svc; return db.CreateService(ctx, p, &s) },
					"Update":  func() error { s := up; _, err := db.UpdateService(ctx, p, &s); return err },
					"Retire":  func() error { return db.RetireService(ctx, p, mid, svc.ID) },
					"BadInput": func() error {
						_, err := db.SaveGuideDraft(ctx, p, mid, guide.Guide{Levels: []guide.Level{{Level: 9}}})
						return err
					},
				} {
					t.Run(what, func(t *testing.T) { refused(t, db, fault.Forbidden, write) })
				}
			})
		}
		refused(t, db, fault.NotFound, func() error { _, err := db.SaveGuideDraft(ctx, a, "finnes-ikke", guide.National()); return err })
		if d, err := db.GetGuideDraft(ctx, mid); err != nil || d.Changed {
			t.Errorf("draft after refused writes = changed %v, %v; want none saved", d != nil && d.Changed, err)
		}
		allowed(t, db, func() error { return db.RetireService(ctx, a, mid, svc.ID) },
			func() []rec {
				return []rec{{a.User.ID, "municipality_admin", audit.RetireService, audit.TargetService, svc.ID, mid}}
			})
	})
}
