package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/store/storetest"
	"stafett/internal/web"
	"stafett/internal/web/webtest"
)

// newLogBody is a valid new log for the API.
func newLogBody(unitID string) map[string]any {
	return map[string]any{"unit_id": unitID, "child": map[string]any{"initials": "ON", "birth_date": "2017-03-14"},
		"concern": "Ola virker sliten og trekker seg unna i friminuttene."}
}

// until repeats do until it answers something other than ok, at most n times, and
// returns that answer.
func until(t *testing.T, n, ok int, do func() *webtest.Response) *webtest.Response {
	t.Helper()
	for range n {
		if res := do(); res.Status != ok {
			return res
		}
	}
	t.Fatalf("still %d after %d tries", ok, n)
	return nil
}

func wantFault(t *testing.T, res *webtest.Response, status int, code, retry string) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
	}
	if got, _ := res.ErrorCode(t); got != code {
		t.Errorf("code %q, want %q", got, code)
	}
	if got := res.Header.Get("Retry-After"); got != retry {
		t.Errorf("Retry-After %q, want %q", got, retry)
	}
}

// TestFullDisk: on a database that cannot grow (SQLITE_FULL, as on a full disk),
// writes answer 507 storage_full with Retry-After instead of 500, an audited read
// whose record cannot be written is refused the same way (never served unaudited),
// a page says so plainly, /readyz turns 503 when space is low, and everything works
// again once space returns.
func TestFullDisk(t *testing.T) {
	ctx := context.Background()
	h := webtest.New(t, storetest.DSN(t, "sqlite"))
	fx := h.Fx
	holder := h.Login(fx.EmployeeA)
	res := h.Do("POST", "/api/v1/logs", holder, newLogBody(fx.UnitA.ID))
	if res.Status != http.StatusCreated {
		t.Fatalf("create = %d %s", res.Status, res.Body)
	}
	id := webtest.IDOf(t, res)
	if err := h.DB.WriterPragmaForTest(ctx, "max_page_count = 1"); err != nil {
		t.Fatal(err)
	}

	// Every read writes its audit record; once none fits, the read is refused.
	res = until(t, 5000, http.StatusOK, func() *webtest.Response { return h.Do("GET", "/api/v1/logs/"+id, holder, nil) })
	wantFault(t, res, http.StatusInsufficientStorage, "storage_full", "60")
	res = until(t, 500, http.StatusCreated, func() *webtest.Response {
		return h.Do("POST", "/api/v1/logs", holder, newLogBody(fx.UnitA.ID))
	})
	wantFault(t, res, http.StatusInsufficientStorage, "storage_full", "60")
	res = until(t, 500, http.StatusSeeOther, func() *webtest.Response {
		return h.Page("POST", "/logg", holder, url.Values{"unit_id": {fx.UnitA.ID}, "name": {"Ola Nordmann"},
			"birth_date": {"2017-03-14"}, "concern": {"Ola virker sliten."}})
	})
	// The form comes back with what was typed and a plain message.
	doc := res.Doc(t)
	if res.Status != http.StatusInsufficientStorage || res.Header.Get("Retry-After") != "60" ||
		!strings.Contains(doc.Find(".ds-error-summary").Text(), h.NBText("form.storage_full")) ||
		strings.TrimSpace(doc.Find(`textarea[name="concern"]`).Text()) != "Ola virker sliten." {
		t.Errorf("page on a full disk = %d (Retry-After %q)\n%s", res.Status, res.Header.Get("Retry-After"), res.Body)
	}

	// Too little free space on the volume turns /readyz 503, naming the disk.
	low := web.New(h.DB, webtest.Hasher, slog.New(slog.NewTextHandler(io.Discard, nil)), web.Config{MinFree: 1 << 62}, nil)
	res = h.ServeWith(low, "GET", "/readyz")
	if checks := webtest.Decode[webtest.Ready](t, res).Checks; res.Status != http.StatusServiceUnavailable || checks["disk"] != "low" {
		t.Errorf("readyz with low space = %d %s, want 503 with checks.disk low", res.Status, res.Body)
	}

	// Space returns: reads and writes go on without a restart.
	if err := h.DB.WriterPragmaForTest(ctx, "max_page_count = 1000000"); err != nil {
		t.Fatal(err)
	}
	if res := h.Do("GET", "/api/v1/logs/"+id, holder, nil); res.Status != http.StatusOK {
		t.Errorf("read after space returned = %d %s", res.Status, res.Body)
	}
	if res := h.Do("POST", "/api/v1/logs", holder, newLogBody(fx.UnitA.ID)); res.Status != http.StatusCreated {
		t.Errorf("write after space returned = %d %s", res.Status, res.Body)
	}
	res = h.Do("GET", "/readyz", "", nil)
	if webtest.Decode[webtest.Ready](t, res).Checks["write"] != "ok" {
		t.Errorf("readyz after space returned = %d %s, want checks.write ok", res.Status, res.Body)
	}
}

// TestBusyDatabase: another process holds SQLite's write lock past the busy timeout;
// sign-in and writes answer 503 unavailable with Retry-After, /readyz says the write
// check fails, and all recover when the lock goes.
func TestBusyDatabase(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, "sqlite")
	h := webtest.New(t, dsn)
	holder := h.Login(h.Fx.EmployeeA)
	if res := h.Do("GET", "/readyz", "", nil); webtest.Decode[webtest.Ready](t, res).Checks["write"] != "ok" {
		t.Fatalf("readyz before = %d %s", res.Status, res.Body)
	}
	if err := h.DB.WriterPragmaForTest(ctx, "busy_timeout = 50"); err != nil {
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
	wantFault(t, h.Do("POST", "/api/v1/logs", holder, newLogBody(h.Fx.UnitA.ID)), http.StatusServiceUnavailable, "unavailable", "5")
	wantFault(t, h.Do("POST", "/api/v1/session", "", map[string]string{"email": h.Fx.EmployeeB.Email, "password": webtest.Password}),
		http.StatusServiceUnavailable, "unavailable", "5")
	// The cached probe is reused within its few seconds; past them it writes again.
	if res := h.Do("GET", "/readyz", "", nil); res.Status != http.StatusOK {
		t.Errorf("readyz within the cache = %d, want the cached 200", res.Status)
	}
	h.Clock.Add(6 * time.Second)
	res := h.Do("GET", "/readyz", "", nil)
	if checks := webtest.Decode[webtest.Ready](t, res).Checks; res.Status != http.StatusServiceUnavailable || checks["write"] != "unavailable" {
		t.Errorf("readyz while locked = %d %s, want 503 with checks.write unavailable", res.Status, res.Body)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if res := h.Do("POST", "/api/v1/logs", holder, newLogBody(h.Fx.UnitA.ID)); res.Status != http.StatusCreated {
		t.Errorf("write after the lock went = %d %s", res.Status, res.Body)
	}
	h.Clock.Add(6 * time.Second)
	if res := h.Do("GET", "/readyz", "", nil); webtest.Decode[webtest.Ready](t, res).Checks["write"] != "ok" {
		t.Errorf("readyz after the lock went = %d %s", res.Status, res.Body)
	}
}
