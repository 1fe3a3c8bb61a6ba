package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/config"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// demoWriter signs in as a demo employee and creates logs through the API.
type demoWriter struct {
	base, token, unit string
}

func newDemoWriter(t *testing.T, base string) *demoWriter {
	t.Helper()
	res, m := postJSON(t, base+"/api/v1/session", map[string]string{"email": "ole.berg@fjordvik.example", "password": "stafett-demo"})
	if res.StatusCode != 200 {
		t.Fatalf("sign in: %d", res.StatusCode)
	}
	w := &demoWriter{base: base, token: tokenOf(t, m)}
	_, me := getJSON(t, base+"/api/v1/me", w.token)
	w.unit = firstUnit(t, me)
	return w
}

// create makes one log and returns its ID once the server has acknowledged it, or
// "" when the request failed.
func (w *demoWriter) create(ctx context.Context) string {
	b, _ := json.Marshal(map[string]any{"unit_id": w.unit, "child": map[string]any{"initials": "BK", "birth_date": "2019-05-01"}, "concern": "Bekymret"})
	req, _ := http.NewRequestWithContext(ctx, "POST", w.base+"/api/v1/logs", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+w.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return ""
	}
	defer res.Body.Close()
	var m webtest.ID
	if res.StatusCode != 201 || json.NewDecoder(res.Body).Decode(&m) != nil {
		return ""
	}
	return m.ID
}

// TestBackupUnderWritesRestores takes a backup while four clients write, checks it
// against its manifest, restores it, starts a server on the restored database and
// finds there every log acknowledged before the backup began.
func TestBackupUnderWritesRestores(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	base, _ := start(t, map[string]string{"STAFETT_DATABASE": dbPath}, "serve", "--demo")
	w := newDemoWriter(t, base)

	var mu sync.Mutex
	var acked []string
	enough := make(chan struct{})
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if id := w.create(ctx); id != "" {
					mu.Lock()
					acked = append(acked, id)
					if len(acked) == 40 {
						close(enough)
					}
					mu.Unlock()
				}
			}
		}()
	}
	<-enough
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	out := filepath.Join(dir, "copy.db")
	var msg bytes.Buffer
	err := run(context.Background(), []string{"backup", "--out", out, "--database", dbPath}, func(string) string { return "" }, nil, &msg)
	// Writers go on a little after the copy, then stop.
	mu.Lock()
	target := len(acked) + 10
	mu.Unlock()
	for range 1000 {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= target {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, msg.String())
	}
	if !strings.Contains(msg.String(), "verified") {
		t.Errorf("backup said %q", msg.String())
	}
	t.Logf("%d logs acknowledged before the backup began, %d in all; %s", len(before), len(acked), strings.TrimSpace(msg.String()))

	m, err := store.ReadManifest(out + ".json")
	if err != nil {
		t.Fatal(err)
	}
	// The demo has 4 logs; the copy has those and at least every acknowledged one.
	if got := m.Tables["logs"]; got < int64(4+len(before)) || got > int64(4+len(acked)) {
		t.Errorf("manifest: %d logs, want between %d and %d", got, 4+len(before), 4+len(acked))
	}
	msg.Reset()
	if err := run(context.Background(), []string{"backup", "verify", out}, func(string) string { return "" }, nil, &msg); err != nil {
		t.Fatalf("backup verify: %v", err)
	}

	// Restore: the copy becomes the database of a new server.
	restored := filepath.Join(dir, "restored.db")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, b, 0o600); err != nil {
		t.Fatal(err)
	}
	msg.Reset()
	if err := run(context.Background(), []string{"audit", "verify", "--database", restored, "--manifest", out + ".json"}, func(string) string { return "" }, nil, &msg); err != nil {
		t.Fatalf("audit verify of the restored database: %v", err)
	}
	base2, _ := start(t, map[string]string{"STAFETT_DATABASE": restored}, "serve")
	w2 := newDemoWriter(t, base2)
	missing := 0
	for _, id := range before {
		if code, _ := getJSON(t, base2+"/api/v1/logs/"+id, w2.token); code != 200 {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d logs acknowledged before the backup are missing from the restored database", missing, len(before))
	}
}

// TestBackupRefuses checks the refusals: an existing file, a missing database, and
// the procedure printed for PostgreSQL.
func TestBackupRefuses(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--database", dbPath}, func(string) string { return "" }, nil, &out); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	existing := filepath.Join(dir, "taken.db")
	if err := os.WriteFile(existing, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"backup", "--database", dbPath, "--out", existing}, getenv, nil, &out)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup onto an existing file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("the existing file was changed: %q", b)
	}
	missing := filepath.Join(dir, "nope", "stafett.db")
	err = run(context.Background(), []string{"backup", "--database", missing, "--out", filepath.Join(dir, "x.db")}, getenv, nil, &out)
	if err == nil || !strings.Contains(err.Error(), "no database at "+missing) {
		t.Errorf("backup of a missing database: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("backup created the missing database")
	}
	out.Reset()
	err = run(context.Background(), []string{"backup", "--database", "postgres://stafett@db.example/stafett", "--out", "x"}, getenv, nil, &out)
	if err != nil || !strings.Contains(out.String(), "pg_dump") || !strings.Contains(out.String(), "audit verify --head") {
		t.Errorf("backup on PostgreSQL: %v\n%s", err, out.String())
	}
}

// TestAuditVerifyCorruptAndStale checks that audit verify refuses a copy with a
// corrupt index page and a copy older than a given chain head, though the chain in
// each is intact.
func TestAuditVerifyCorruptAndStale(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	base, _ := start(t, map[string]string{"STAFETT_DATABASE": dbPath}, "serve", "--demo")
	w := newDemoWriter(t, base)
	getenv := func(string) string { return "" }
	backup := func(name string) string {
		p := filepath.Join(dir, name)
		var out bytes.Buffer
		if err := run(context.Background(), []string{"backup", "--database", dbPath, "--out", p}, getenv, nil, &out); err != nil {
			t.Fatalf("backup %s: %v", name, err)
		}
		return p
	}
	// copyOf gives a copy to check: audit verify opens (and migrates) what it checks.
	copyOf := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := p + ".check"
		_ = os.Remove(c)
		if err := os.WriteFile(c, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return c
	}
	verify := func(args ...string) error {
		var out bytes.Buffer
		return run(context.Background(), append([]string{"audit", "verify"}, args...), getenv, nil, &out)
	}
	w.create(context.Background())
	old := backup("old.db")
	for range 3 {
		if w.create(context.Background()) == "" {
			t.Fatal("create log failed")
		}
	}
	newer := backup("new.db")
	mNew, err := store.ReadManifest(newer + ".json")
	if err != nil {
		t.Fatal(err)
	}
	mOld, _ := store.ReadManifest(old + ".json")

	t.Run("Intact", func(t *testing.T) {
		if err := verify("--database", copyOf(newer), "--manifest", newer+".json"); err != nil {
			t.Errorf("the newer copy against its own manifest: %v", err)
		}
		if err := verify("--database", copyOf(newer), "--head", mOld.Head.String()); err != nil {
			t.Errorf("the newer copy holds the older head: %v", err)
		}
	})
	t.Run("Stale", func(t *testing.T) {
		if err := verify("--database", copyOf(old)); err != nil {
			t.Fatalf("the old copy's chain alone is intact: %v", err)
		}
		for _, args := range [][]string{{"--manifest", newer + ".json"}, {"--head", mNew.Head.String()}} {
			err := verify(append([]string{"--database", copyOf(old)}, args...)...)
			if err == nil || !strings.Contains(err.Error(), "stale") {
				t.Errorf("old copy with %v: %v", args, err)
			}
		}
	})
	t.Run("OtherHistory", func(t *testing.T) {
		h := mOld.Head
		h.Hash = strings.Repeat("0", len(h.Hash))
		err := verify("--database", copyOf(newer), "--head", h.String())
		if err == nil || !strings.Contains(err.Error(), "another history") {
			t.Errorf("a head with another hash: %v", err)
		}
	})
	t.Run("Corrupt", func(t *testing.T) {
		c := copyOf(newer)
		corruptIndex(t, c, "audit_actor")
		if err := verify("--database", c); err == nil || !strings.Contains(err.Error(), "integrity check failed") {
			t.Errorf("a copy with a corrupt index: %v", err)
		}
		c2 := copyOf(newer)
		corruptIndex(t, c2, "audit_actor")
		if err := os.Rename(c2, filepath.Join(dir, "bad.db")); err != nil {
			t.Fatal(err)
		}
		// backup verify finds it too, by checksum before anything else.
		b, _ := os.ReadFile(newer + ".json")
		_ = os.WriteFile(filepath.Join(dir, "bad.db.json"), b, 0o600)
		var out bytes.Buffer
		if err := run(context.Background(), []string{"backup", "verify", filepath.Join(dir, "bad.db")}, getenv, nil, &out); err == nil || !strings.Contains(err.Error(), "changed since its manifest") {
			t.Errorf("backup verify of a corrupt copy: %v", err)
		}
	})
}

// corruptIndex changes key bytes in the pages of index name in the SQLite file at
// path, leaving the table and its records whole: the damage a torn file copy does,
// which a chain walk in seq order never reads.
func corruptIndex(t *testing.T, path, name string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	if err := raw.QueryRow(`SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := b[(root-1)*pageSize : root*pageSize]
	changed := 0
	// The cells, with the keys' text, fill the page from its end; hex digits of
	// the actor IDs become other hex digits, so every record still parses.
	for i := len(page) - 1; i > len(page)/2 && changed < 64; i-- {
		if c := page[i]; c >= 'a' && c <= 'f' {
			page[i] = 'a' + ('f'-c+1)%6
			changed++
		}
	}
	if changed == 0 {
		t.Fatalf("no key bytes found in index %s (page %d)", name, root)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestAuditVerifyHead checks --head on both dialects: a head past the chain's end
// is stale, the chain's own head holds.
func TestAuditVerifyHead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		env := map[string]string{"STAFETT_DATABASE": dsn}
		getenv := func(k string) string { return env[k] }
		var out bytes.Buffer
		ctx := context.Background()
		if err := run(ctx, []string{"admin", "create", "--email", "drift@kommune.no", "--name", "Drift"}, getenv, strings.NewReader("et-langt-passord\n"), &out); err != nil {
			t.Fatal(err)
		}
		db := storetest.Open(t, dsn)
		head, err := db.AuditHead(ctx)
		if err != nil || head.Seq == 0 {
			t.Fatalf("head %v, %v", head, err)
		}
		out.Reset()
		if err := run(ctx, []string{"audit", "verify", "--head", head.String()}, getenv, nil, &out); err != nil {
			t.Errorf("verify with its own head: %v", err)
		}
		if !strings.Contains(out.String(), "holding the head "+head.String()) {
			t.Errorf("output %q", out.String())
		}
		ahead := store.Head{Seq: head.Seq + 5, Hash: "abc"}
		err = run(ctx, []string{"audit", "verify", "--head", ahead.String()}, getenv, nil, &out)
		if err == nil || !strings.Contains(err.Error(), "stale") || !strings.Contains(err.Error(), "5 records are missing") {
			t.Errorf("verify with a later head: %v", err)
		}
	})
}

// TestServerBackups runs the server's backup schedule on a clock of its own: a
// backup at start when none is recent, one per tick, the newest Keep kept, and the
// metric set to the last one's time.
func TestServerBackups(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--database", dbPath}, func(string) string { return "" }, nil, &out); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	reg := prometheus.NewRegistry()
	b := &backups{
		cfg: config.Backup{Dir: filepath.Join(dir, "backups"), Every: time.Hour, Keep: 2}, src: dbPath,
		now: func() time.Time { return now }, log: slog.New(slog.NewTextHandler(io.Discard, nil)), last: newBackupGauge(reg),
	}
	ctx := context.Background()
	b.catchUp(ctx) // none yet: one now, at 02:00
	for _, h := range []int{3, 4, 5} {
		b.tick(ctx, now.Add(time.Duration(h-2)*time.Hour))
	}
	var names []string
	ents, _ := os.ReadDir(b.cfg.Dir)
	for _, e := range ents {
		names = append(names, e.Name())
	}
	want := []string{"stafett-20260301T040000Z.db", "stafett-20260301T040000Z.db.json", "stafett-20260301T050000Z.db", "stafett-20260301T050000Z.db.json"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("backups kept: %v, want %v", names, want)
	}
	last := float64(now.Add(3 * time.Hour).Unix())
	if got := lastBackup(t, reg); got != last {
		t.Errorf("last success = %v, want %v", got, last)
	}
	if _, err := store.VerifyBackup(context.Background(), filepath.Join(b.cfg.Dir, want[2])); err != nil {
		t.Errorf("the newest backup does not verify: %v", err)
	}
	// A restart within the hour takes none at start; the metric shows the newest.
	reg = prometheus.NewRegistry()
	b.last = newBackupGauge(reg)
	b.now = func() time.Time { return now.Add(3*time.Hour + 30*time.Minute) }
	b.catchUp(ctx)
	if got := lastBackup(t, reg); got != last {
		t.Errorf("after a restart, last success = %v", got)
	}
	if ents, _ := os.ReadDir(b.cfg.Dir); len(ents) != 4 {
		t.Errorf("a restart within the interval took a backup: %d files", len(ents))
	}
}

// TestServeTakesBackups starts the server with STAFETT_BACKUP_DIR and finds its
// first backup and the metric on the metrics listener.
func TestServeTakesBackups(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"STAFETT_DATABASE": filepath.Join(dir, "live.db"), "STAFETT_METRICS_ADDR": "127.0.0.1:0",
		"STAFETT_BACKUP_DIR": filepath.Join(dir, "backups"), "STAFETT_BACKUP_KEEP": "3"}
	_, out := start(t, env, "serve")
	m := metricsListening.FindStringSubmatch(out.String())
	// The metric is set once the backup is taken and verified.
	var metric string
	for range 500 {
		res, err := http.Get(m[1] + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(res.Body)
		res.Body.Close()
		metric = metricLine(body.String(), "stafett_backup_last_success_timestamp_seconds")
		if metric != "" && metric != "stafett_backup_last_success_timestamp_seconds 0" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	found, _ := filepath.Glob(filepath.Join(dir, "backups", "stafett-*.db"))
	if len(found) != 1 {
		t.Fatalf("backups at start: %v (metric %q)\n%s", found, metric, out)
	}
	if _, err := store.VerifyBackup(context.Background(), found[0]); err != nil {
		t.Errorf("the server's backup: %v", err)
	}
	stamp, _ := time.Parse(backupStamp, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(found[0]), backupPrefix), backupExt))
	if want := fmt.Sprintf("stafett_backup_last_success_timestamp_seconds %g", float64(stamp.Unix())); metric != want {
		t.Errorf("metric %q, want %q", metric, want)
	}
}

// metricLine returns the sample line of the metric name in a /metrics body.
func metricLine(body, name string) string {
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, name+" ") {
			return l
		}
	}
	return ""
}

// lastBackup reads stafett_backup_last_success_timestamp_seconds from reg.
func lastBackup(t *testing.T, reg *prometheus.Registry) float64 {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() == "stafett_backup_last_success_timestamp_seconds" {
			return f.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatal("no stafett_backup_last_success_timestamp_seconds")
	return 0
}
