package store_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// TestSecurityEvents checks that each change to an account is shown to the person
// it concerns, names who made it, and sits in the audit chain from the same
// transaction; and that people list and end only their own sessions.
func TestSecurityEvents(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		policy := people.SessionPolicy{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}
		m := mustMunicipality(t, db, "4003", "Skien")
		unit := org.Unit{MunicipalityID: m.ID, Name: "Myren skole", Kind: org.School}
		admin := people.User{Email: "admin@skien.no", Name: "Anne Admin", HomeMunicipalityID: m.ID}
		ola := people.User{Email: "ola@skien.no", Name: "Ola Lærer", HomeMunicipalityID: m.ID}
		kari := people.User{Email: "kari@skien.no", Name: "Kari Lærer", HomeMunicipalityID: m.ID}
		must(t, db.CreateUnit(ctx, people.System(), &unit))
		for _, u := range []*people.User{&admin, &ola, &kari} {
			must(t, db.CreateUser(ctx, people.System(), u, "h"))
		}
		adminRole := people.Role{Role: people.MunicipalityAdmin, MunicipalityID: m.ID}
		must(t, db.GrantRole(ctx, people.System(), admin.ID, &adminRole))
		byAdmin := &people.Principal{User: admin, Roles: people.Roles{adminRole}, SecondFactor: true}
		head, err := db.VerifyAudit(ctx)
		must(t, err)

		role := people.Role{Role: people.Employee, UnitID: unit.ID}
		must(t, db.GrantRole(ctx, byAdmin, ola.ID, &role))
		now = now.Add(time.Minute)
		must(t, db.RevokeRole(ctx, byAdmin, ola.ID, role))
		for _, tok := range []string{"ola-phone", "ola-laptop"} {
			now = now.Add(time.Minute)
			if _, err := db.CreateSession(ctx, ola.ID, tok, "password", policy); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.CreateSession(ctx, kari.ID, "kari-1", "password", policy); err != nil {
			t.Fatal(err)
		}

		sessions, err := db.ListSessions(ctx, ola.ID, "ola-laptop")
		must(t, err)
		if len(sessions) != 2 || !sessions[0].Current || sessions[1].Current {
			t.Fatalf("sessions = %+v, want 2 with the newest current", sessions)
		}
		if sessions[1].ID != store.SessionID("ola-phone") || sessions[1].ID == "ola-phone" {
			t.Errorf("session ID = %q, want an ID derived from the token hash, not the hash", sessions[1].ID)
		}
		if err := db.EndSession(ctx, kari.ID, sessions[1].ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("Kari ending Ola's session: err = %v, want not found", err)
		}
		now = now.Add(time.Minute)
		must(t, db.EndSession(ctx, ola.ID, sessions[1].ID))
		if _, err := db.Authenticate(ctx, "ola-phone", policy); !fault.Is(err, fault.Unauthenticated) {
			t.Errorf("ended session still signs in: %v", err)
		}
		if _, err := db.Authenticate(ctx, "kari-1", policy); err != nil {
			t.Errorf("Kari's session ended too: %v", err)
		}
		now = now.Add(time.Minute)
		must(t, db.SignOut(ctx, "ola-laptop"))
		now = now.Add(time.Minute)
		if _, err := db.ChangeUserActive(ctx, byAdmin, kari.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, "kari-1", policy); !fault.Is(err, fault.Unauthenticated) {
			t.Errorf("a deactivated user's session still signs in: %v", err)
		}
		must(t, db.RecordSecurity(ctx, store.SecurityEvent{UserID: ola.ID, Kind: store.SecSignInFailed, Detail: "password"}))

		got, err := db.SecurityEvents(ctx, ola.ID, 10)
		must(t, err)
		want := []struct {
			kind   store.SecurityKind
			actor  string
			detail string
		}{
			{store.SecSignInFailed, "", "password"},
			{store.SecSignOut, ola.ID, ""},
			{store.SecSessionEnded, ola.ID, ""},
			{store.SecSignIn, ola.ID, "password"},
			{store.SecSignIn, ola.ID, "password"},
			{store.SecRoleRevoked, admin.ID, "employee"},
			{store.SecRoleGranted, admin.ID, "employee"},
		}
		if len(got) != len(want) {
			t.Fatalf("Ola's events = %+v, want %d", got, len(want))
		}
		for i, w := range want {
			if got[i].Kind != w.kind || got[i].ActorID != w.actor || got[i].Detail != w.detail || got[i].UserID != ola.ID {
				t.Errorf("event %d = %+v, want %+v", i, got[i], w)
			}
		}
		kariEvents, err := db.SecurityEvents(ctx, kari.ID, 10)
		must(t, err)
		if len(kariEvents) != 2 || kariEvents[0].Kind != store.SecDeactivated || kariEvents[0].ActorID != admin.ID || kariEvents[1].Kind != store.SecSignIn {
			t.Errorf("Kari's events = %+v, want her sign-in and her deactivation by the admin", kariEvents)
		}

		records, err := db.AuditAfterForTest(ctx, head)
		must(t, err)
		actions := map[string]int{}
		for _, r := range records {
			actions[string(r.Action)]++
		}
		for action, n := range map[string]int{"security.role_granted": 1, "security.role_revoked": 1, "security.session_ended": 1,
			"security.signout": 1, "security.deactivated": 1, "security.signin_failed": 1, "security.signin": 3,
			"role.grant": 1, "role.revoke": 1, "user.deactivate": 1} {
			if actions[action] != n {
				t.Errorf("audit has %d %s records, want %d (all: %v)", actions[action], action, n, actions)
			}
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("audit chain: %v", err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
