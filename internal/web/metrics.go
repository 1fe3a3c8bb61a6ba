package web

import (
	"net/http"
	"stafett/internal/store"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	gatherer prometheus.Gatherer
}

func newMetrics(reg *prometheus.Registry, db *store.DB) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stafett_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "stafett_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
	}
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	write, read := db.Pools()
	reg.MustRegister(m.requests, m.latency,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "stafett_db_commits_total", Help: "Write transactions committed; each holds one or more writes.",
		}, func() float64 { return float64(db.WriterStats().Commits) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "stafett_db_writes_total", Help: "Writes committed (audit records of reads among them), grouped into the commits.",
		}, func() float64 { return float64(db.WriterStats().Writes) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "stafett_db_conflicts_total", Help: "Transactions the database aborted for a deadlock, a serialization conflict or a lock.",
		}, func() float64 { return float64(db.ConflictStats().Seen) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "stafett_db_retries_total", Help: "Aborted transactions run again; conflicts minus retries reached a request.",
		}, func() float64 { return float64(db.ConflictStats().Retried) }),
		collectors.NewDBStatsCollector(write, "write"),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if read != write {
		reg.MustRegister(collectors.NewDBStatsCollector(read, "read"))
	}
	if g := freeBytesGauge(db); g != nil {
		reg.MustRegister(g)
	}
	m.gatherer = reg
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
}

// MetricsHandler serves the server's metrics as Prometheus text. It is not among the
// routes: the public listener answers 404 for /metrics, and cmd serves this handler on
// its own listener (STAFETT_METRICS_ADDR), so that only the monitoring network sees it.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler() }

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{})
}
