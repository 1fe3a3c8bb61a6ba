package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// request is one request a virtual user sends, with the status that means success.
type request struct {
	method, path string
	body         string
	token        string
	cookie       bool // send the token as the session cookie, as a browser does
	want         int
}

// op is one kind of request, with the requests to cycle through.
type op struct {
	name string
	reqs []request
}

// OpResult is what one op achieved.
type OpResult struct {
	Name     string  `json:"name"`
	RPS      float64 `json:"rps"`
	P50      float64 `json:"p50_ms"`
	P95      float64 `json:"p95_ms"`
	P99      float64 `json:"p99_ms"`
	Errors   int     `json:"errors"`
	Requests int     `json:"requests"` // answered in the measured time
	// BareRatio is RPS as a share of the bare baseline's.
	BareRatio float64 `json:"bare_ratio"`
	// WritesPerCommit is how many writes (audit records of reads among them) the
	// server's commits held on average while the op ran: above 1, concurrent
	// requests shared durable commits.
	WritesPerCommit float64 `json:"writes_per_commit"`
	// FirstError describes the first failed request, if any.
	FirstError string `json:"first_error,omitempty"`
}

// worker is one virtual user's tally.
type worker struct {
	lat    []time.Duration
	errors int
	first  string
}

// runOp drives o closed-loop: c virtual users each send a request, wait for the whole
// answer, and send the next, for warm plus d. Only requests started after the
// warm-up count.
func runOp(ctx context.Context, client *http.Client, base string, o op, c int, warm, d time.Duration) OpResult {
	ws := make([]worker, c)
	start := time.Now()
	measureFrom, stop := start.Add(warm), start.Add(warm+d)
	var wg sync.WaitGroup
	for v := range c {
		wg.Go(func() {
			w := &ws[v]
			for i := 0; ; i++ {
				t0 := time.Now()
				if !t0.Before(stop) || ctx.Err() != nil {
					return
				}
				r := o.reqs[(v+i*c)%len(o.reqs)]
				// Errors count in the warm-up too: no request may fail.
				if err := send(ctx, client, base, r); err != nil {
					w.errors++
					if w.first == "" {
						w.first = err.Error()
					}
				} else if !t0.Before(measureFrom) {
					w.lat = append(w.lat, time.Since(t0))
				}
			}
		})
	}
	wg.Wait()
	return summarize(o.name, ws, d)
}

// send sends r and reads the whole answer; a status other than the one wanted is
// an error.
func send(ctx context.Context, client *http.Client, base string, r request) error {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, base+r.path, body)
	if err != nil {
		return err
	}
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		if r.cookie {
			req.Header.Set("Cookie", "stafett_session="+r.token)
		} else {
			req.Header.Set("Authorization", "Bearer "+r.token)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != r.want {
		return fmt.Errorf("%s %s: status %d, want %d", r.method, r.path, resp.StatusCode, r.want)
	}
	return nil
}

func summarize(name string, ws []worker, d time.Duration) OpResult {
	var all []time.Duration
	res := OpResult{Name: name}
	for _, w := range ws {
		all = append(all, w.lat...)
		res.Errors += w.errors
		if res.FirstError == "" {
			res.FirstError = w.first
		}
	}
	slices.Sort(all)
	res.Requests = len(all)
	res.RPS = float64(len(all)) / d.Seconds()
	res.P50, res.P95, res.P99 = quantile(all, 0.50), quantile(all, 0.95), quantile(all, 0.99)
	return res
}

// quantile returns the q-quantile of sorted (nearest rank) in milliseconds.
func quantile(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := sort.Search(len(sorted), func(i int) bool { return float64(i+1) >= q*float64(len(sorted)) })
	i = min(i, len(sorted)-1)
	return float64(sorted[i].Microseconds()) / 1000
}
