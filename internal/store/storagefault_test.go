package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// fillUp writes municipalities until the database refuses one, and returns that
// error (nil if it never did).
func fillUp(t *testing.T, db *store.DB) error {
	t.Helper()
	for i := range 500 {
		m := org.Municipality{Number: fmt.Sprintf("%04d", 1000+i), Name: "Kommune " + strings.Repeat("x", 80) + fmt.Sprint(i)}
		if err := db.CreateMunicipality(context.Background(), people.System(), &m); err != nil {
			return err
		}
	}
	return nil
}

// TestStorageFull makes SQLite's file unable to grow (max_page_count: SQLITE_FULL,
// as on a full disk): writes fail with storage_full, not internal, and succeed again
// once space returns, without reopening.
func TestStorageFull(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, storetest.DSN(t, "sqlite"))
	if err := db.WriterPragmaForTest(ctx, "max_page_count = 1"); err != nil { // = the current size
		t.Fatal(err)
	}
	err := fillUp(t, db)
	if code := fault.CodeOf(err); code != fault.StorageFull {
		t.Fatalf("write on a full database: code %q (%v), want storage_full", code, err)
	}
	if err := db.WriterPragmaForTest(ctx, "max_page_count = 1000000"); err != nil {
		t.Fatal(err)
	}
	m := org.Municipality{Number: "9999", Name: "Etter opprydding"}
	if err := db.CreateMunicipality(ctx, people.System(), &m); err != nil {
		t.Fatalf("write after space returned: %v", err)
	}
	if _, err := db.GetMunicipality(ctx, m.ID); err != nil {
		t.Fatalf("written municipality: %v", err)
	}
}

// TestStorageBusy: another process holds SQLite's write lock past the busy timeout;
// writes answer unavailable, and go through once the lock is released.
func TestStorageBusy(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, "sqlite")
	db := storetest.Open(t, dsn)
	if err := db.WriterPragmaForTest(ctx, "busy_timeout = 50"); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	m := org.Municipality{Number: "5501", Name: "Tromsø"}
	err = db.CreateMunicipality(ctx, people.System(), &m)
	if code := fault.CodeOf(err); code != fault.Unavailable {
		t.Fatalf("write while locked: code %q (%v), want unavailable", code, err)
	}
	if err := db.ProbeWrite(ctx); !fault.Is(err, fault.Unavailable) {
		t.Errorf("probe while locked = %v, want unavailable", err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateMunicipality(ctx, people.System(), &m); err != nil {
		t.Fatalf("write after the lock was released: %v", err)
	}
}
