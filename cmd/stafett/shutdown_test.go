package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"stafett/internal/store/storetest"
)

// TestStopWithStalledClient stops the server while one client holds a half-sent body
// and another is in the middle of a sign-in. The sign-in finishes (and is told the
// connection closes), the stalled client is cut when STAFETT_SHUTDOWN_TIMEOUT
// passes, and the program ends without error, logging start, end and the one
// connection it cut. Before, it waited a fixed 10 s and failed with "context deadline
// exceeded".
func TestStopWithStalledClient(t *testing.T) {
	env := map[string]string{
		"STAFETT_DATABASE":       storetest.DSN(t, "sqlite"),
		"STAFETT_ADMIN_EMAIL":    "drift@kommune.no",
		"STAFETT_ADMIN_PASSWORD": "et-langt-passord",
		// Long enough for the sign-in's password check on a busy machine under -race
		// (1 s cut it off there); the stalled client still waits it out.
		"STAFETT_SHUTDOWN_TIMEOUT": "8s",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), out)
	}()
	addr := waitFor(t, out, done, listening)
	addr = strings.TrimPrefix(addr, "http://")

	body := `{"email":"drift@kommune.no","password":"et-langt-passord"}`
	head := "POST /api/v1/session HTTP/1.1\r\nHost: stafett\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
	stalled := dial(t, addr)
	fmt.Fprintf(stalled, head+`{"email":`, len(body)+40) // and never the rest
	inFlight := dial(t, addr)
	fmt.Fprintf(inFlight, head+body[:20], len(body))
	// Let the server read both requests' heads, so both are in its hands.
	time.Sleep(200 * time.Millisecond)

	cancel()
	waitFor(t, out, done, regexpLine("shutdown started"))
	if _, err := io.WriteString(inFlight, body[20:]); err != nil {
		t.Fatalf("finishing the body after the stop began: %v", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(inFlight), nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || m["token"] == nil {
		t.Errorf("sign-in in flight = %d %v, want 200 with a token", res.StatusCode, m)
	}
	if !res.Close {
		t.Errorf("the answer during the stop keeps the connection alive (header %v)", res.Header)
	}

	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run = %v, want nil (exit 0)\n%s", err, out)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("run did not return after the 8s shutdown timeout\n%s", out)
	}
	if _, err := stalled.Read(make([]byte, 1)); err == nil {
		t.Error("the stalled connection is still open")
	}
	log := out.String()
	for _, want := range []string{"shutdown started", "shutdown finished", "cut=1"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func regexpLine(s string) *regexp.Regexp { return regexp.MustCompile(regexp.QuoteMeta(s)) }

// waitFor waits until the program's output matches re and returns the first
// submatch (or the match). A program that ends first fails the test, unless its last
// words matched; then its result is put back for the caller.
func waitFor(t *testing.T, out *syncBuffer, done chan error, re *regexp.Regexp) string {
	t.Helper()
	match := func() (string, bool) {
		m := re.FindStringSubmatch(out.String())
		if m == nil {
			return "", false
		}
		return m[len(m)-1], true
	}
	deadline := time.After(60 * time.Second)
	for {
		if s, ok := match(); ok {
			return s
		}
		select {
		case err := <-done:
			if s, ok := match(); ok {
				done <- err
				return s
			}
			t.Fatalf("run ended early: %v\n%s", err, out)
		case <-deadline:
			t.Fatalf("no %q in the output:\n%s", re, out)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
