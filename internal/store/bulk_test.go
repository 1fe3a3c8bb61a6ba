package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"stafett/internal/audit"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

func TestBulk(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// A municipality made the ordinary way first: its guide's audit record is in
		// the chain before the bulk load's.
		first := mustMunicipality(t, db, "4601", "Bergen")
		at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		m := org.Municipality{ID: "m-bulk", Number: "5001", Name: "Trondheim", ConsentAge: 15, CreatedAt: at}
		u := org.Unit{ID: "u-bulk", MunicipalityID: m.ID, Name: "Lykkeberg skole", Kind: org.School, CreatedAt: at}
		var users []people.User
		var roles []store.UserRole
		for i := range 7 {
			id := "user-" + strconv.Itoa(i)
			users = append(users, people.User{ID: id, Email: id + "@trondheim.kommune.example", Name: "Ansatt " + strconv.Itoa(i),
				Active: true, CreatedAt: at, HomeMunicipalityID: m.ID})
			roles = append(roles, store.UserRole{UserID: id, CreatedAt: at,
				Role: people.Role{Role: people.Employee, MunicipalityID: m.ID, UnitID: u.ID}})
		}
		var events []audit.Event
		for i := range 11 {
			events = append(events, audit.Event{At: at.Add(time.Duration(i) * time.Minute), ActorID: users[i%7].ID,
				Role: "holder", UnitID: u.ID, MunicipalityID: m.ID, LogID: "log-x", Action: audit.ReadLog})
		}
		// Three rows per transaction: the load commits in the middle of each call.
		b, err := db.BeginBulk(ctx, store.BulkOptions{TxRows: 3, CacheMiB: 8, DeferIndexes: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []func() error{
			func() error { return b.Municipalities(ctx, []org.Municipality{m}) },
			func() error { return b.Units(ctx, []org.Unit{u}) },
			func() error { return b.Users(ctx, users, "hash") },
			func() error { return b.Roles(ctx, roles) },
			func() error { return b.Audit(ctx, events[:5]) },
			func() error { return b.Audit(ctx, events[5:]) },
		} {
			if err := step(); err != nil {
				b.Abort()
				t.Fatal(err)
			}
		}
		if err := b.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if b.Rows() != 1+1+7+7+11 {
			t.Errorf("rows written %d, want 27", b.Rows())
		}

		t.Run("ChainVerifies", func(t *testing.T) {
			// Bergen's creation and guide, 11 bulk records, then Trondheim's guide
			// published by Close.
			n, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n != 14 {
				t.Errorf("%d records, want 14", n)
			}
			for i := 1; i < len(events); i++ {
				if events[i].Seq != events[i-1].Seq+1 || events[i].PrevHash != events[i-1].Hash {
					t.Errorf("record %d not chained to the one before", i)
				}
			}
		})

		t.Run("RowsReadBack", func(t *testing.T) {
			got, err := db.CountBulk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got.Municipalities != 2 || got.Units != 1 || got.Users != 7 || got.Roles != 7 || got.Audit != 14 {
				t.Errorf("counts %+v", got)
			}
			staff, err := db.SearchStaff(ctx, m.ID, "", 100)
			if err != nil || len(staff) != 7 || staff[0].UnitName != "Lykkeberg skole" {
				t.Errorf("staff %v, %v", staff, err)
			}
			if few, err := db.SearchStaff(ctx, m.ID, "LYKKEBERG", 3); err != nil || len(few) != 3 || few[0] != staff[0] {
				t.Errorf("the first 3 staff of Lykkeberg = %v, %v; want %v first", few, err, staff[0])
			}
			if _, err := db.GetGuide(ctx, m.ID); err != nil {
				t.Errorf("no guide for the bulk-loaded municipality: %v", err)
			}
			if first.ID == m.ID {
				t.Error("IDs clash")
			}
		})

		t.Run("IndexesBack", func(t *testing.T) {
			// roles_unique was dropped for the load; it refuses a second equal role again.
			r := roles[0].Role
			err := db.GrantRole(ctx, people.System(), users[0].ID, &r)
			if !fault.Is(err, fault.Conflict) {
				t.Errorf("the same role twice: %v, want a conflict", err)
			}
		})

		t.Run("Sessions", func(t *testing.T) {
			token, hash := auth.NewToken()
			now := db.Now().UTC()
			b, err := db.BeginBulk(ctx, store.BulkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			err = b.Sessions(ctx, []people.Session{{TokenHash: hash, UserID: users[2].ID, CreatedAt: now, LastSeenAt: now,
				ExpiresAt: now.Add(time.Hour)}}, "bench")
			if err != nil {
				b.Abort()
				t.Fatal(err)
			}
			if err := b.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			p, err := db.Authenticate(ctx, auth.HashToken(token), people.DefaultSessionPolicy)
			if err != nil || p.User.ID != users[2].ID || len(p.Roles) != 1 {
				t.Fatalf("authenticate: %+v, %v", p, err)
			}
			evs, err := db.SecurityEvents(ctx, users[2].ID, 5)
			if err != nil || len(evs) != 1 || evs[0].Kind != store.SecSignIn {
				t.Errorf("security events %+v, %v", evs, err)
			}
			if n, err := db.VerifyAudit(ctx); err != nil || n != 15 {
				t.Errorf("chain after sessions: %d records, %v", n, err)
			}
		})
	})
}
