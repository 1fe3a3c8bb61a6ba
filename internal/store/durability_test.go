package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"stafett/internal/org"
	"stafett/internal/people"
)

func TestSQLitePragmas(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, pool := range []struct {
		name string
		q    func(string) string
	}{
		{"write", func(p string) string { var v string; _ = db.write.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v); return v }},
		{"read", func(p string) string { var v string; _ = db.read.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v); return v }},
	} {
		want := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000", "cache_size": "-2000"}
		for p, w := range want {
			if got := pool.q(p); got != w {
				t.Errorf("%s pool: PRAGMA %s = %q, want %q", pool.name, p, got, w)
			}
		}
	}
	if n := db.write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer pool max connections = %d, want 1", n)
	}
}

// TestCrashKeepsAcknowledgedWrites kills a process with SIGKILL right after a write
// was acknowledged and checks that the write is there after reopening.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if path := os.Getenv("STAFETT_CRASH_DB"); path != "" {
		crashChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKeepsAcknowledgedWrites$")
	cmd.Env = append(os.Environ(), "STAFETT_CRASH_DB="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := stdout.Read(buf)
	if !strings.Contains(string(buf[:n]), "acknowledged") {
		t.Fatalf("child said %q", buf[:n])
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()

	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := db.GetMunicipalityByNumber(context.Background(), "3001")
	if err != nil || m.Name != "Halden" {
		t.Errorf("after crash: %+v, %v; want the acknowledged municipality", m, err)
	}
}

func crashChild(path string) {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err == nil {
		err = db.Migrate(ctx)
	}
	if err == nil {
		err = db.CreateMunicipality(ctx, people.System(), &org.Municipality{Number: "3001", Name: "Halden"})
	}
	if err != nil {
		os.Stdout.WriteString("error " + err.Error())
		os.Exit(1)
	}
	os.Stdout.WriteString("acknowledged\n")
	select {} // wait to be killed, without closing the database
}
