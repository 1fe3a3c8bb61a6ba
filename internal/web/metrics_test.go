package web_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// TestMetricsNotPublic checks that the public handler does not serve the metrics,
// while MetricsHandler, which cmd serves on its own listener, does.
func TestMetricsNotPublic(t *testing.T) {
	h := webtest.New(t, storetest.DSN(t, "sqlite"))
	if res := h.Do("GET", "/metrics", "", nil); res.Status != 404 {
		t.Errorf("GET /metrics on the public handler = %d, want 404", res.Status)
	}
	if res := h.Do("GET", "/healthz", "", nil); res.Status != 200 {
		t.Fatalf("healthz = %d", res.Status)
	}
	rec := httptest.NewRecorder()
	h.Srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != 200 {
		t.Fatalf("metrics handler = %d", rec.Code)
	}
	for _, want := range []string{
		`stafett_http_requests_total{code="200",method="GET",route="GET /healthz"} 1`,
		`stafett_http_requests_total{code="404",method="GET",route="/"} 1`,
		"stafett_db_conflicts_total 0", "stafett_db_retries_total 0",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
