package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"stafett/internal/fault"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// probeEvery bounds how often /readyz writes: a load balancer asking every second
// must not turn into a write a second.
const probeEvery = 5 * time.Second

// readiness caches the last write probe.
type readiness struct {
	mu  sync.Mutex
	at  time.Time // of the last probe, on the store's clock; zero for none
	err error
}

// write returns the outcome of a write probe no older than probeEvery.
func (rd *readiness) write(ctx context.Context, db *store.DB) error {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	now := db.Now()
	if !rd.at.IsZero() && !now.Before(rd.at) && now.Sub(rd.at) < probeEvery {
		return rd.err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	rd.at, rd.err = now, db.ProbeWrite(ctx)
	return rd.err
}

// readyBody is /readyz's answer: each check "ok" or what fails.
type readyBody struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// HandleReadyz answers 200 only when a write commits and the database's volume has
// more than MinFree bytes free; else 503 naming the failing checks. /healthz stays
// liveness: a full disk does not make the process worth restarting.
func (s *Server) HandleReadyz(w http.ResponseWriter, r *http.Request) error {
	body := readyBody{Status: "ok", Checks: map[string]string{"write": "ok", "disk": "ok"}}
	if err := s.ready.write(r.Context(), s.DB); err != nil {
		s.Log.WarnContext(r.Context(), "readiness: write failed", "err", err)
		body.Checks["write"] = string(fault.CodeOf(err))
	}
	free, ok, err := s.DB.FreeBytes()
	switch {
	case !ok:
		body.Checks["disk"] = "not_measured" // PostgreSQL: not this machine's disk
	case err != nil:
		s.Log.WarnContext(r.Context(), "readiness: free space unknown", "err", err)
		body.Checks["disk"] = "unknown"
	case free < uint64(s.Cfg.MinFree):
		body.Checks["disk"] = "low"
	}
	status := http.StatusOK
	for _, v := range body.Checks {
		if v != "ok" && v != "not_measured" {
			status, body.Status = http.StatusServiceUnavailable, "unavailable"
		}
	}
	app.WriteJSON(w, status, body)
	return nil
}

// freeBytesGauge reports the free space on the database's volume; nil on
// PostgreSQL.
func freeBytesGauge(db *store.DB) prometheus.Collector {
	if _, ok, _ := db.FreeBytes(); !ok {
		return nil
	}
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "stafett_db_volume_free_bytes", Help: "Free space on the volume holding the SQLite database, in bytes.",
	}, func() float64 {
		free, _, _ := db.FreeBytes()
		return float64(free)
	})
}
