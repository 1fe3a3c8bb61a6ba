package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"stafett/internal/audit"
	"stafett/internal/catalog"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// catalogWorld is two municipalities, each with an administrator, and units in both.
type catalogWorld struct {
	a, b             *org.Municipality
	adminA, adminB   *people.Principal
	family, health   org.Unit // in a
	school           org.Unit // in b
	sys, leader, emp *people.Principal
}

func newCatalogWorld(t *testing.T, db *store.DB) *catalogWorld {
	t.Helper()
	ctx := context.Background()
	w := &catalogWorld{a: mustMunicipality(t, db, "4003", "Skien"), b: mustMunicipality(t, db, "4001", "Porsgrunn")}
	w.adminA = guideAdmin(t, db, w.a, "admin@skien.no")
	w.adminB = guideAdmin(t, db, w.b, "admin@porsgrunn.no")
	w.family = org.Unit{MunicipalityID: w.a.ID, Name: "Familiesenteret", Kind: org.Other}
	w.health = org.Unit{MunicipalityID: w.a.ID, Name: "Helsestasjonen", Kind: org.HealthStation}
	w.school = org.Unit{MunicipalityID: w.b.ID, Name: "Vestsiden skole", Kind: org.School}
	for _, u := range []*org.Unit{&w.family, &w.health, &w.school} {
		if err := db.CreateUnit(ctx, people.System(), u); err != nil {
			t.Fatal(err)
		}
	}
	// Refused actors never reach a write, so they need no rows of their own.
	w.sys = &people.Principal{User: people.User{ID: "sys"}, Roles: people.Roles{{Role: people.SystemAdmin}}, SecondFactor: true}
	w.leader = &people.Principal{User: people.User{ID: "leader"}, Roles: people.Roles{{Role: people.UnitLeader, MunicipalityID: w.a.ID, UnitID: w.family.ID}}}
	w.emp = &people.Principal{User: people.User{ID: "emp"}, Roles: people.Roles{{Role: people.Employee, MunicipalityID: w.a.ID, UnitID: w.family.ID}}}
	return w
}

// service is a valid service of the world's first municipality at unit.
func (w *catalogWorld) service(name string, unit org.Unit, minAge, maxAge int, levels ...int) catalog.Service {
	return catalog.Service{MunicipalityID: unit.MunicipalityID, UnitID: unit.ID, Name: name, Description: "Om " + name + ".",
		TargetGroup: "Barn og unge", MinAge: minAge, MaxAge: maxAge, Levels: levels, Contact: "post@kommune.no",
		HowToAccess: "Ta kontakt."}
}

func mustService(t *testing.T, db *store.DB, a *people.Principal, s catalog.Service) catalog.Service {
	t.Helper()
	if err := db.CreateService(context.Background(), a, &s); err != nil {
		t.Fatalf("create %s: %v", s.Name, err)
	}
	return s
}

func serviceNames(list []store.ServiceView) []string {
	out := []string{}
	for _, v := range list {
		out = append(out, v.Name)
	}
	return out
}

func TestCatalogServiceLifecycle(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCatalogWorld(t, db)
		seq := auditEnd(t, db)
		in := w.service("Foreldreveiledning ICDP", w.family, 0, 18, 2, 1)
		in.Keywords = []string{"samspill", "ICDP"}
		in.Name = "  Foreldreveiledning ICDP "
		if err := db.CreateService(ctx, w.adminA, &in); err != nil {
			t.Fatal(err)
		}
		if len(in.ID) != 32 || in.CreatedAt.IsZero() {
			t.Errorf("created service = %+v", in)
		}
		got, err := db.GetService(ctx, w.a.ID, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := store.ServiceView{Service: catalog.Service{ID: in.ID, MunicipalityID: w.a.ID, UnitID: w.family.ID,
			Name: "Foreldreveiledning ICDP", Description: "Om Foreldreveiledning ICDP.", TargetGroup: "Barn og unge", MinAge: 0, MaxAge: 18,
			Levels: []int{1, 2}, Contact: "post@kommune.no", HowToAccess: "Ta kontakt.", Keywords: []string{"samspill", "ICDP"}},
			UnitName: "Familiesenteret"}
		if diff := cmp.Diff(want, *got, cmpopts.IgnoreFields(catalog.Service{}, "CreatedAt", "UpdatedAt")); diff != "" {
			t.Errorf("stored service (-want +got):\n%s", diff)
		}
		events, seq := auditSince(t, db, seq)
		if len(events) != 1 || events[0].Action != audit.CreateService || events[0].ActorID != w.adminA.User.ID ||
			events[0].Role != "municipality_admin" || events[0].MunicipalityID != w.a.ID || events[0].LogID != "" ||
			events[0].TargetType != audit.TargetService || events[0].TargetID != in.ID {
			t.Errorf("audit of create = %+v", events)
		}

		t.Run("Update", func(t *testing.T) {
			up := w.service("Foreldreveiledning – ICDP-gruppe", w.health, 3, 12, 3)
			up.ID = in.ID
			v, err := db.UpdateService(ctx, w.adminA, &up)
			if err != nil {
				t.Fatal(err)
			}
			if v.Name != "Foreldreveiledning – ICDP-gruppe" || v.UnitName != "Helsestasjonen" || v.MinAge != 3 || v.MaxAge != 12 ||
				!cmp.Equal(v.Levels, []int{3}) || len(v.Keywords) != 0 || !v.CreatedAt.Equal(got.CreatedAt) {
				t.Errorf("updated = %+v", v)
			}
			var events []audit.Event
			events, seq = auditSince(t, db, seq)
			if len(events) != 1 || events[0].Action != audit.UpdateService || events[0].MunicipalityID != w.a.ID {
				t.Errorf("audit of update = %+v", events)
			}
		})
		t.Run("ErrUnitOfOtherMunicipality", func(t *testing.T) {
			s := w.service("Leksehjelp", w.school, 6, 12, 1)
			s.MunicipalityID = w.a.ID
			assertField(t, db.CreateService(ctx, w.adminA, &s), "unit_id", "not_found")
			up := w.service("x", w.school, 6, 12, 1)
			up.ID, up.MunicipalityID = in.ID, w.a.ID
			_, err := db.UpdateService(ctx, w.adminA, &up)
			assertField(t, err, "unit_id", "not_found")
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			s := w.service("", w.family, 10, 5)
			err := db.CreateService(ctx, w.adminA, &s)
			assertField(t, err, "name", "required")
			assertField(t, err, "max_age", "range")
			assertField(t, err, "levels", "required")
		})
		t.Run("ErrUnknownMunicipality", func(t *testing.T) {
			s := w.service("x", w.family, 1, 2, 1)
			s.MunicipalityID = "finnes-ikke"
			if err := db.CreateService(ctx, w.adminA, &s); !fault.Is(err, fault.NotFound) {
				t.Errorf("create in unknown municipality: %v", err)
			}
			if _, err := db.ListServices(ctx, "finnes-ikke", catalog.Filter{}); !fault.Is(err, fault.NotFound) {
				t.Errorf("list of unknown municipality: %v", err)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			for name, a := range map[string]*people.Principal{"OtherAdmin": w.adminB, "SystemAdmin": w.sys, "Leader": w.leader,
				"Employee": w.emp, "Nobody": {}} {
				s := w.service("Ulovlig", w.family, 1, 2, 1)
				if err := db.CreateService(ctx, a, &s); !fault.Is(err, fault.Forbidden) {
					t.Errorf("%s creates: %v", name, err)
				}
				up := w.service("Ulovlig", w.family, 1, 2, 1)
				up.ID = in.ID
				if _, err := db.UpdateService(ctx, a, &up); !fault.Is(err, fault.Forbidden) {
					t.Errorf("%s updates: %v", name, err)
				}
				if err := db.RetireService(ctx, a, w.a.ID, in.ID); !fault.Is(err, fault.Forbidden) {
					t.Errorf("%s retires: %v", name, err)
				}
			}
			// B's administrator addressing A's service through B is as if it did not exist.
			if err := db.RetireService(ctx, w.adminB, w.b.ID, in.ID); !fault.Is(err, fault.NotFound) {
				t.Errorf("retire through another municipality: %v", err)
			}
		})
		all, err := db.ListAllServices(ctx, w.a.ID)
		if err != nil || len(all) != 1 || all[0].Name != "Foreldreveiledning – ICDP-gruppe" {
			t.Fatalf("refused writes changed the overview: %v %v", serviceNames(all), err)
		}
		if events, _ := auditSince(t, db, seq); len(events) != 0 {
			t.Errorf("refused writes were audited: %+v", events)
		}

		t.Run("Retire", func(t *testing.T) {
			if err := db.RetireService(ctx, w.adminA, w.a.ID, in.ID); err != nil {
				t.Fatal(err)
			}
			var events []audit.Event
			events, seq = auditSince(t, db, seq)
			if len(events) != 1 || events[0].Action != audit.RetireService || events[0].TargetID != in.ID {
				t.Errorf("audit of retire = %+v", events)
			}
			list, err := db.ListServices(ctx, w.a.ID, catalog.Filter{})
			if err != nil || len(list) != 0 {
				t.Errorf("public list after retiring = %v, %v", serviceNames(list), err)
			}
			all, err := db.ListAllServices(ctx, w.a.ID)
			if err != nil || len(all) != 1 || !all[0].Retired {
				t.Errorf("all services after retiring = %+v, %v", all, err)
			}
			if v, err := db.GetService(ctx, w.a.ID, in.ID); err != nil || !v.Retired {
				t.Errorf("retired service = %+v, %v", v, err)
			}
			if err := db.RetireService(ctx, w.adminA, w.a.ID, in.ID); !fault.Is(err, fault.NotFound) {
				t.Errorf("retire twice: %v", err)
			}
			up := w.service("Tilbake", w.family, 1, 2, 1)
			up.ID = in.ID
			if _, err := db.UpdateService(ctx, w.adminA, &up); !fault.Is(err, fault.NotFound) {
				t.Errorf("update retired: %v", err)
			}
		})
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("audit chain: %v", err)
		}
	})
}

func TestCatalogFilters(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCatalogWorld(t, db)
		icdp := w.service("Foreldreveiledning ICDP", w.family, 0, 18, 1, 2)
		icdp.Keywords = []string{"samspill"}
		group := w.service("Samtalegruppe for barn av skilte foreldre", w.health, 8, 15, 1, 2)
		group.Keywords = []string{"skilsmisse", "samlivsbrudd"}
		milieu := w.service("Miljøterapeut i skolen", w.family, 12, 16, 3, 1, 2)
		milieu.Keywords = []string{"Fravær", "trivsel"}
		leisure := w.service("Fritidskontakt", w.health, 6, 25, 2, 3)
		leisure.TargetGroup = "Barn og unge som trenger følge til en aktivitet"
		door := w.service("Åpen dør hos helsesykepleier", w.health, 6, 20, 1)
		door.Description = "Snakk om SØVN, følelser og 100 prosent alt annet."
		for _, s := range []catalog.Service{icdp, group, milieu, leisure, door} {
			mustService(t, db, w.adminA, s)
		}
		old := mustService(t, db, w.adminA, w.service("Gammelt tiltak for alle", w.family, 0, 25, 1, 2, 3))
		if err := db.RetireService(ctx, w.adminA, w.a.ID, old.ID); err != nil {
			t.Fatal(err)
		}
		other := w.service("Leksehjelp for alle", w.school, 0, 25, 1, 2, 3)
		mustService(t, db, w.adminB, other)

		age := func(n int) *int { return &n }
		const (
			fICDP  = "Foreldreveiledning ICDP"
			fFri   = "Fritidskontakt"
			fMiljo = "Miljøterapeut i skolen"
			fSamt  = "Samtalegruppe for barn av skilte foreldre"
			fDoor  = "Åpen dør hos helsesykepleier"
		)
		tests := []struct {
			name string
			f    catalog.Filter
			want []string
		}{
			{"All", catalog.Filter{}, []string{fICDP, fFri, fMiljo, fSamt, fDoor}}, // Å last, the Norwegian way
			{"AgeZero", catalog.Filter{Age: age(0)}, []string{fICDP}},
			{"AgeSevenBelowGroup", catalog.Filter{Age: age(7)}, []string{fICDP, fFri, fDoor}},
			{"AgeEightGroupStarts", catalog.Filter{Age: age(8)}, []string{fICDP, fFri, fSamt, fDoor}},
			{"AgeFifteenGroupEnds", catalog.Filter{Age: age(15)}, []string{fICDP, fFri, fMiljo, fSamt, fDoor}},
			{"AgeSixteen", catalog.Filter{Age: age(16)}, []string{fICDP, fFri, fMiljo, fDoor}},
			{"AgeNineteen", catalog.Filter{Age: age(19)}, []string{fFri, fDoor}},
			{"AgeTwentyFive", catalog.Filter{Age: age(25)}, []string{fFri}},
			{"Level1", catalog.Filter{Level: 1}, []string{fICDP, fMiljo, fSamt, fDoor}},
			{"Level3", catalog.Filter{Level: 3}, []string{fFri, fMiljo}},
			{"KeywordUpperCase", catalog.Filter{Query: "SKILSMISSE"}, []string{fSamt}},
			{"DescriptionÆØÅ", catalog.Filter{Query: "søvn"}, []string{fDoor}},
			{"KeywordÆØÅ", catalog.Filter{Query: "FRAVÆR"}, []string{fMiljo}},
			{"NameÆØÅ", catalog.Filter{Query: "miljø"}, []string{fMiljo}},
			{"NameÅ", catalog.Filter{Query: "åpen DØR"}, []string{fDoor}},
			{"TargetGroup", catalog.Filter{Query: "følge"}, []string{fFri}},
			{"EveryWordMustMatch", catalog.Filter{Query: "barn skilte"}, []string{fSamt}},
			{"WordsInAnyField", catalog.Filter{Query: "fritidskontakt aktivitet"}, []string{fFri}},
			{"NoMatch", catalog.Filter{Query: "skilsmisse søvn"}, []string{}},
			{"PercentIsNoWildcard", catalog.Filter{Query: "%"}, []string{}},
			{"UnderscoreIsNoWildcard", catalog.Filter{Query: "milj_"}, []string{}},
			{"RetiredNeverFound", catalog.Filter{Query: "gammelt"}, []string{}},
			{"OtherMunicipalityNeverFound", catalog.Filter{Query: "leksehjelp"}, []string{}},
			{"Unit", catalog.Filter{UnitID: w.family.ID}, []string{fICDP, fMiljo}},
			{"UnitOfOtherMunicipality", catalog.Filter{UnitID: w.school.ID}, []string{}},
			{"Combined", catalog.Filter{Age: age(12), Level: 3, Query: "skolen"}, []string{fMiljo}},
			{"CombinedNone", catalog.Filter{Age: age(17), Level: 3, Query: "skolen"}, []string{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := db.ListServices(ctx, w.a.ID, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, serviceNames(list)); diff != "" {
					t.Errorf("services (-want +got):\n%s", diff)
				}
			})
		}
		if _, err := db.ListServices(ctx, w.a.ID, catalog.Filter{Level: 4}); !fault.Is(err, fault.Invalid) {
			t.Errorf("level 4: %v", err)
		}
		if list, err := db.ListServices(ctx, w.b.ID, catalog.Filter{}); err != nil || len(list) != 1 || list[0].UnitName != "Vestsiden skole" {
			t.Errorf("B's overview = %v, %v", serviceNames(list), err)
		}
	})
}
