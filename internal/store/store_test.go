package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

func TestMigrationListsMatch(t *testing.T) {
	lite, err := store.MigrationFiles("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.MigrationFiles("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no migrations")
	}
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("migration folders differ (-sqlite +postgres):\n%s", diff)
	}
}

func TestMigrateTwice(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
	})
}

func TestMunicipality(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		t.Run("OK", func(t *testing.T) {
			m := org.Municipality{Number: "5501", Name: "Tromsø"}
			if err := db.CreateMunicipality(ctx, people.System(), &m); err != nil {
				t.Fatal(err)
			}
			if m.ConsentAge != 15 {
				t.Errorf("consent age = %d, want default 15", m.ConsentAge)
			}
			got, err := db.GetMunicipality(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&m, got); diff != "" {
				t.Errorf("stored municipality differs (-want +got):\n%s", diff)
			}
			byNumber, err := db.GetMunicipalityByNumber(ctx, "5501")
			if err != nil || byNumber.ID != m.ID {
				t.Errorf("by number = %v, %v", byNumber, err)
			}
		})
		t.Run("ErrNumberTaken", func(t *testing.T) {
			m := org.Municipality{Number: "5501", Name: "Tromsø igjen"}
			assertField(t, db.CreateMunicipality(ctx, people.System(), &m), "number", fault.FieldTaken)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			m := org.Municipality{Number: "55", Name: " ", ConsentAge: 40}
			err := db.CreateMunicipality(ctx, people.System(), &m)
			assertField(t, err, "number", fault.FieldFormat)
			assertField(t, err, "name", fault.FieldRequired)
			assertField(t, err, "consent_age", fault.FieldRange)
			list, _ := db.ListMunicipalities(ctx)
			if len(list) != 1 {
				t.Errorf("municipalities = %d, want 1 (nothing half-written)", len(list))
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := db.GetMunicipality(ctx, "nope")
			if !fault.Is(err, fault.NotFound) {
				t.Errorf("err = %v, want not_found", err)
			}
		})
	})
}

func TestUnitsUsersRoles(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		a := mustMunicipality(t, db, "4003", "Skien")
		b := mustMunicipality(t, db, "4001", "Porsgrunn")
		school := org.Unit{MunicipalityID: a.ID, Name: "Myren skole", Kind: org.School}
		if err := db.CreateUnit(ctx, people.System(), &school); err != nil {
			t.Fatal(err)
		}
		t.Run("UnitBadKind", func(t *testing.T) {
			u := org.Unit{MunicipalityID: a.ID, Name: "X", Kind: "zoo"}
			assertField(t, db.CreateUnit(ctx, people.System(), &u), "kind", fault.FieldInvalid)
		})
		t.Run("UnitUnknownMunicipality", func(t *testing.T) {
			u := org.Unit{MunicipalityID: "missing", Name: "X", Kind: org.School}
			if err := db.CreateUnit(ctx, people.System(), &u); !fault.Is(err, fault.NotFound) {
				t.Errorf("err = %v, want not_found", err)
			}
		})
		units, err := db.ListUnits(ctx, a.ID)
		if err != nil || len(units) != 1 || units[0].Name != "Myren skole" {
			t.Fatalf("units = %+v, %v", units, err)
		}

		u := people.User{Email: " Kari@Example.NO ", Name: "Kari Nordmann", NationalID: "12345678901", HomeMunicipalityID: a.ID}
		if err := u.Validate(""); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, people.System(), &u, "hash"); err != nil {
			t.Fatal(err)
		}
		t.Run("UserEmailNormalized", func(t *testing.T) {
			cred, err := db.GetCredentials(ctx, "KARI@example.no")
			if err != nil || cred.UserID != u.ID || cred.PasswordHash != "hash" || !cred.Active {
				t.Errorf("credentials = %+v, %v", cred, err)
			}
		})
		t.Run("UserEmailTaken", func(t *testing.T) {
			dup := people.User{Email: "kari@example.no", Name: "Kari To"}
			assertField(t, db.CreateUser(ctx, people.System(), &dup, ""), "email", fault.FieldTaken)
		})
		t.Run("UserNationalIDTaken", func(t *testing.T) {
			dup := people.User{Email: "other@example.no", Name: "Other", NationalID: "12345678901"}
			assertField(t, db.CreateUser(ctx, people.System(), &dup, ""), "national_id", fault.FieldTaken)
		})
		t.Run("RoleTakesMunicipalityFromUnit", func(t *testing.T) {
			r := people.Role{Role: people.Employee, UnitID: school.ID}
			if err := db.GrantRole(ctx, people.System(), u.ID, &r); err != nil {
				t.Fatal(err)
			}
			roles, err := db.ListRoles(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := people.Roles{{Role: people.Employee, MunicipalityID: a.ID, UnitID: school.ID}}
			if diff := cmp.Diff(want, roles); diff != "" {
				t.Errorf("roles (-want +got):\n%s", diff)
			}
		})
		t.Run("RoleTwiceConflict", func(t *testing.T) {
			r := people.Role{Role: people.Employee, UnitID: school.ID}
			if err := db.GrantRole(ctx, people.System(), u.ID, &r); !fault.Is(err, fault.Conflict) {
				t.Errorf("err = %v, want conflict", err)
			}
		})
		t.Run("RoleUnitOfOtherMunicipality", func(t *testing.T) {
			r := people.Role{Role: people.Employee, UnitID: school.ID, MunicipalityID: b.ID}
			assertField(t, db.GrantRole(ctx, people.System(), u.ID, &r), "municipality_id", fault.FieldInvalid)
		})
		t.Run("UserScope", func(t *testing.T) {
			home, in, err := db.UserScope(ctx, u.ID)
			if err != nil || home != a.ID || len(in) != 1 || in[0] != a.ID {
				t.Errorf("scope = %q %v %v", home, in, err)
			}
			listA, _ := db.ListUsers(ctx, a.ID)
			listB, _ := db.ListUsers(ctx, b.ID)
			if len(listA) != 1 || len(listB) != 0 {
				t.Errorf("users in A = %d, in B = %d; want 1, 0", len(listA), len(listB))
			}
		})
		t.Run("RemoveRole", func(t *testing.T) {
			r := people.Role{Role: people.Employee, MunicipalityID: a.ID, UnitID: school.ID}
			if err := db.RevokeRole(ctx, people.System(), u.ID, r); err != nil {
				t.Fatal(err)
			}
			if err := db.RevokeRole(ctx, people.System(), u.ID, r); !fault.Is(err, fault.NotFound) {
				t.Errorf("second remove: %v, want not_found", err)
			}
		})
	})
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		policy := people.SessionPolicy{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}
		u := people.User{Email: "ola@example.no", Name: "Ola"}
		if err := db.CreateSystemAdmin(ctx, people.System(), &u, "h"); err != nil {
			t.Fatal(err)
		}
		if n, err := db.CountSystemAdmins(ctx); err != nil || n != 1 {
			t.Fatalf("system admins = %d, %v", n, err)
		}
		if _, err := db.CreateSession(ctx, u.ID, "tok1", "password", policy); err != nil {
			t.Fatal(err)
		}
		t.Run("OK", func(t *testing.T) {
			p, err := db.Authenticate(ctx, "tok1", policy)
			if err != nil {
				t.Fatal(err)
			}
			if p.User.ID != u.ID || !p.Roles.IsSystemAdmin() {
				t.Errorf("principal = %+v", p)
			}
		})
		t.Run("IdleRefreshedByUse", func(t *testing.T) {
			now = now.Add(20 * time.Minute)
			if _, err := db.Authenticate(ctx, "tok1", policy); err != nil {
				t.Fatal(err)
			}
			now = now.Add(20 * time.Minute) // 40 minutes after sign-in, 20 after last use
			if _, err := db.Authenticate(ctx, "tok1", policy); err != nil {
				t.Fatalf("session ended although used 20 minutes ago: %v", err)
			}
		})
		t.Run("ErrIdle", func(t *testing.T) {
			now = now.Add(31 * time.Minute)
			if _, err := db.Authenticate(ctx, "tok1", policy); !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("err = %v, want unauthenticated after 31 idle minutes", err)
			}
		})
		t.Run("ErrAbsolute", func(t *testing.T) {
			if _, err := db.CreateSession(ctx, u.ID, "tok2", "password", policy); err != nil {
				t.Fatal(err)
			}
			start := now
			for now.Add(29 * time.Minute).Before(start.Add(12 * time.Hour)) { // used every 29 minutes
				now = now.Add(29 * time.Minute)
				if _, err := db.Authenticate(ctx, "tok2", policy); err != nil {
					t.Fatalf("after %v: %v", now.Sub(start), err)
				}
			}
			now = start.Add(12*time.Hour + time.Minute)
			if _, err := db.Authenticate(ctx, "tok2", policy); !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("err = %v, want unauthenticated after 12 h", err)
			}
		})
		t.Run("DeactivateEndsSessions", func(t *testing.T) {
			if _, err := db.CreateSession(ctx, u.ID, "tok3", "password", policy); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ChangeUserActive(ctx, people.System(), u.ID, false); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, "tok3", policy); !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("err = %v, want unauthenticated after deactivation", err)
			}
		})
		t.Run("ErrUnknownToken", func(t *testing.T) {
			if _, err := db.Authenticate(ctx, "nope", policy); !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("err = %v", err)
			}
		})
	})
}

// TestSessionShortIdle: with an idle limit of a minute, a session used every 40
// seconds stays alive (it was ended at 80 s while last-seen was written only once a
// minute), and one left alone past the limit ends.
func TestSessionShortIdle(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		policy := people.SessionPolicy{Idle: time.Minute, Absolute: 12 * time.Hour}
		u := people.User{Email: "kari@example.no", Name: "Kari"}
		if err := db.CreateSystemAdmin(ctx, people.System(), &u, "h"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateSession(ctx, u.ID, "tok", "password", policy); err != nil {
			t.Fatal(err)
		}
		start := now
		for i := 1; i <= 10; i++ {
			now = start.Add(time.Duration(i) * 40 * time.Second)
			p, err := db.Authenticate(ctx, "tok", policy)
			if err != nil {
				t.Fatalf("used every 40 s, refused at %v: %v", now.Sub(start), err)
			}
			if lag := now.Sub(p.Session.LastSeenAt); lag > policy.Idle/4 {
				t.Errorf("at %v last seen lags by %v, want at most %v", now.Sub(start), lag, policy.Idle/4)
			}
		}
		now = now.Add(61 * time.Second)
		if _, err := db.Authenticate(ctx, "tok", policy); !fault.Is(err, fault.Unauthenticated) {
			t.Errorf("err = %v, want unauthenticated after 61 idle seconds", err)
		}
	})
}

func mustMunicipality(t *testing.T, db *store.DB, number, name string) *org.Municipality {
	t.Helper()
	m := org.Municipality{Number: number, Name: name}
	if err := db.CreateMunicipality(context.Background(), people.System(), &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

func assertField(t *testing.T, err error, field, code string) {
	t.Helper()
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Code != fault.Invalid {
		t.Fatalf("err = %v, want validation error", err)
	}
	if got := fe.Fields[field]; got != code {
		t.Errorf("field %s = %q, want %q (all: %v)", field, got, code, fe.Fields)
	}
}
