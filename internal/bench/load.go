package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"strconv"
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
// warm-up count. addr is the server's host:port.
func runOp(ctx context.Context, addr string, o op, c int, warm, d time.Duration) OpResult {
	ws := make([]worker, c)
	start := time.Now()
	measureFrom, stop := start.Add(warm), start.Add(warm+d)
	var wg sync.WaitGroup
	for v := range c {
		wg.Go(func() {
			w := &ws[v]
			vc := &userConn{addr: addr}
			defer vc.close()
			for i := 0; ; i++ {
				t0 := time.Now()
				if !t0.Before(stop) || ctx.Err() != nil {
					return
				}
				r := o.reqs[(v+i*c)%len(o.reqs)]
				// Errors count in the warm-up too: no request may fail.
				if err := vc.send(r); err != nil {
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

// userConn is one virtual user's keep-alive connection to the server. Requests are
// written to it and answers read from it directly, one at a time, as a browser's
// connection carries them. (net/http's client hands every request between
// goroutines and channels; on two cores shared with the server, that cost a sixth of
// the CPU the server could have had.) The answer is read by net/http's own parser,
// whole, chunked or not.
type userConn struct {
	addr string
	conn net.Conn
	r    *bufio.Reader
	buf  []byte
}

// requestTimeout bounds one request, so a stuck server fails the run instead of
// hanging it.
const requestTimeout = time.Minute

// send sends r and reads the whole answer; a status other than the one wanted is
// an error. After any error, and when the server asks, the connection is closed
// and the next request opens a new one.
func (u *userConn) send(r request) error {
	if u.conn == nil {
		c, err := net.DialTimeout("tcp", u.addr, requestTimeout)
		if err != nil {
			return err
		}
		u.conn, u.r = c, bufio.NewReaderSize(c, 32<<10)
	}
	if err := u.conn.SetDeadline(time.Now().Add(requestTimeout)); err != nil {
		u.close()
		return err
	}
	u.buf = r.appendTo(u.buf[:0], u.addr)
	if _, err := u.conn.Write(u.buf); err != nil {
		u.close()
		return err
	}
	resp, err := http.ReadResponse(u.r, nil)
	if err != nil {
		u.close()
		return fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil || resp.Close {
		u.close()
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	if resp.StatusCode != r.want {
		return fmt.Errorf("%s %s: status %d, want %d", r.method, r.path, resp.StatusCode, r.want)
	}
	return nil
}

func (u *userConn) close() {
	if u.conn != nil {
		u.conn.Close()
		u.conn, u.r = nil, nil
	}
}

// appendTo appends r as an HTTP/1.1 request to host.
func (r request) appendTo(b []byte, host string) []byte {
	b = append(b, r.method...)
	b = append(b, ' ')
	b = append(b, r.path...)
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, host...)
	b = append(b, "\r\nUser-Agent: stafett-bench\r\n"...)
	if r.token != "" {
		if r.cookie {
			b = append(b, "Cookie: stafett_session="...)
		} else {
			b = append(b, "Authorization: Bearer "...)
		}
		b = append(b, r.token...)
		b = append(b, "\r\n"...)
	}
	if r.body != "" {
		b = append(b, "Content-Type: application/json\r\nContent-Length: "...)
		b = strconv.AppendInt(b, int64(len(r.body)), 10)
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	return append(b, r.body...)
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
