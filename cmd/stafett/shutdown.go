package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// connCount tracks a server's open connections, so that a stop that runs out of time
// can say how many it cut.
type connCount struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// track is an http.Server ConnState hook.
func (c *connCount) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch state {
	case http.StateNew:
		if c.conns == nil {
			c.conns = map[net.Conn]struct{}{}
		}
		c.conns[conn] = struct{}{}
	case http.StateHijacked, http.StateClosed:
		delete(c.conns, conn)
	}
}

func (c *connCount) open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.conns)
}

// shutdown stops the servers: no new connections and no more keep-alive, requests
// in flight may finish within timeout, and whatever is left then is closed. Running
// out of time is not a failure of the stop (a client holding a half-sent body must
// not make it exit non-zero); it is logged with the number of connections cut.
func shutdown(log *slog.Logger, timeout time.Duration, servers []*http.Server, conns []*connCount) error {
	start := time.Now()
	log.Info("shutdown started", "timeout", timeout.String())
	for _, hs := range servers {
		hs.SetKeepAlivesEnabled(false)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	errs := make([]error, len(servers))
	var wg sync.WaitGroup
	for i, hs := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = hs.Shutdown(ctx)
		}()
	}
	wg.Wait()
	cut := 0
	var failed []error
	for i, hs := range servers {
		if !errors.Is(errs[i], context.DeadlineExceeded) {
			failed = append(failed, errs[i])
			continue
		}
		cut += conns[i].open()
		// Close's only errors are from listeners Shutdown has closed already.
		_ = hs.Close()
	}
	if cut > 0 {
		log.Warn("shutdown timeout passed; closed the remaining connections", "cut", cut)
	}
	log.Info("shutdown finished", "took", time.Since(start).Round(time.Millisecond).String(), "cut", cut)
	return errors.Join(failed...)
}
