package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stafett/internal/store/storetest"
)

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	out := &syncBuffer{}
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), out)
	return out.String(), err
}

func TestGenCommand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		out, err := runCmd(t, "gen", "--logs", "40", "--seed", "3", "--database", dsn)
		if err != nil {
			t.Fatalf("gen: %v\n%s", err, out)
		}
		for _, want := range []string{"40 logs:", "1 municipalities", `password "stafett-gen"`} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		out, err = runCmd(t, "audit", "verify", "--database", dsn)
		if err != nil || !strings.Contains(out, "audit chain intact") {
			t.Errorf("audit verify after gen: %v\n%s", err, out)
		}
		if out, err := runCmd(t, "gen", "--logs", "5", "--database", dsn); err == nil {
			t.Errorf("gen into a filled database succeeded:\n%s", out)
		}
	})
}

// benchReport is the contract of the last line of `stafett bench --json` (API.md).
type benchReport struct {
	Scale   map[string]any `json:"scale"`
	BareRPS float64        `json:"bare_rps"`
	Ops     []struct {
		Name   string   `json:"name"`
		RPS    *float64 `json:"rps"`
		P50    *float64 `json:"p50_ms"`
		P95    *float64 `json:"p95_ms"`
		P99    *float64 `json:"p99_ms"`
		Errors *int     `json:"errors"`
	} `json:"ops"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
}

func TestBenchCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the load for 12 s")
	}
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			args := []string{"bench", "--logs", "50", "--duration", "2s", "--concurrency", "4", "--json"}
			if dialect == "postgres" {
				args = append(args, "--database", storetest.DSN(t, dialect))
			} else {
				// A path of the test's own, so that the default temporary one is not left behind.
				args = append(args, "--database", filepath.Join(t.TempDir(), "bench.db"))
			}
			out, err := runCmd(t, args...)
			if err != nil {
				t.Fatalf("bench: %v\n%s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			var rep benchReport
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rep); err != nil {
				t.Fatalf("last line is not the JSON report: %v\n%s", err, out)
			}
			if rep.BareRPS <= 0 || rep.PeakRSSMB <= 0 || rep.Scale["logs"] != float64(50) || rep.Scale["database"] != dialect {
				t.Errorf("bare_rps %v, peak_rss_mb %v, scale %v", rep.BareRPS, rep.PeakRSSMB, rep.Scale)
			}
			var names []string
			for _, o := range rep.Ops {
				names = append(names, o.Name)
				if o.RPS == nil || o.P50 == nil || o.P95 == nil || o.P99 == nil || o.Errors == nil {
					t.Errorf("%s: a field is missing", o.Name)
					continue
				}
				if *o.Errors != 0 || *o.RPS <= 0 || *o.P50 > *o.P95 || *o.P95 > *o.P99 {
					t.Errorf("%s: rps %.0f, p50 %.2f, p95 %.2f, p99 %.2f, errors %d", o.Name, *o.RPS, *o.P50, *o.P95, *o.P99, *o.Errors)
				}
			}
			// the write last; 50 logs make one municipality, too few for a network op
			want := "log_page access_log overview guardian_view log_api competence_search indicators add_entry"
			if got := strings.Join(names, " "); got != want {
				t.Errorf("ops %q, want %q", got, want)
			}
			if !strings.Contains(out, "of bare") || !strings.Contains(out, "peak RSS") {
				t.Errorf("no table:\n%s", out)
			}
		})
	}
}

// cancelOn cancels once what is written to it holds a word n times: a gen
// interrupted at a chosen point.
type cancelOn struct {
	syncBuffer
	word   string
	n      int
	cancel context.CancelFunc
}

func (c *cancelOn) Write(p []byte) (int, error) {
	n, err := c.syncBuffer.Write(p)
	if strings.Count(c.String(), c.word) >= c.n {
		c.cancel()
	}
	return n, err
}

// TestGenInterrupted stops a gen part-way (its fourth municipality handed to the
// writer, which has then finished the first: chunks queue two deep) and
// checks that the half-filled database is refused, by gen and by serve, naming
// what to do, though its audit chain verifies.
func TestGenInterrupted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out := &cancelOn{word: "logs; ", n: 4, cancel: cancel}
		err := run(ctx, []string{"gen", "-v", "--logs", "3000", "--tx-rows", "200", "--database", dsn}, func(string) string { return "" }, strings.NewReader(""), out)
		if err == nil {
			t.Fatalf("gen was not interrupted:\n%s", out.String())
		}
		db := storetest.Open(t, dsn)
		ms, err := db.ListMunicipalities(context.Background())
		if err != nil || len(ms) == 0 || len(ms) >= 11 {
			t.Fatalf("the interrupted gen left %d of 11 municipalities (%v); the test needs part of them", len(ms), err)
		}
		t.Logf("the interrupted gen left %d of 11 municipalities", len(ms))
		db.Close()
		const want = "an unfinished gen"
		if out, err := runCmd(t, "gen", "--logs", "5", "--database", dsn); err == nil || !strings.Contains(err.Error(), want) ||
			!strings.Contains(err.Error(), "remove the database and run gen again") {
			t.Errorf("gen on the half-filled database: %v\n%s", err, out)
		}
		// A server that starts after all stops when this ends, so the test does.
		sctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		sout := &syncBuffer{}
		err = run(sctx, []string{"serve", "--addr", "127.0.0.1:0", "--database", dsn}, func(string) string { return "" }, strings.NewReader(""), sout)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("serve on the half-filled database: %v\n%s", err, sout.String())
		}
	})
}
