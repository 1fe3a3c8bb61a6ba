package bench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestQuantile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		q    float64
		want float64
	}{{0.5, 50}, {0.95, 95}, {0.99, 99}, {1, 100}} {
		if got := quantile(d, c.q); got != c.want {
			t.Errorf("q%.2f = %v, want %v", c.q, got, c.want)
		}
	}
	if quantile(nil, 0.5) != 0 {
		t.Error("empty: not 0")
	}
}

func TestRunOp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "no", http.StatusNotFound)
			return
		}
		switch r.URL.Path {
		case "/big": // 64 KB, chunked
			w.Write([]byte(strings.Repeat("x", 64<<10)))
			return
		case "/close":
			w.Header().Set("Connection", "close")
			w.Write([]byte("bye"))
			return
		case "/post":
			b, _ := io.ReadAll(r.Body)
			if r.Method != "POST" || r.Header.Get("Authorization") != "Bearer tok" || string(b) != `{"text":"hei"}` {
				http.Error(w, "wrong", http.StatusBadRequest)
				return
			}
			w.WriteHeader(http.StatusCreated)
			return
		}
		if r.Header.Get("Cookie") != "stafett_session=tok" {
			http.Error(w, "no cookie", http.StatusUnauthorized)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		o := op{name: "good", reqs: []request{{method: "GET", path: "/", token: "tok", cookie: true, want: 200}}}
		r := runOp(ctx, srv.Listener.Addr().String(), o, 2, 20*time.Millisecond, 200*time.Millisecond)
		if r.Errors != 0 || r.Requests == 0 || r.RPS <= 0 || r.P99 < r.P50 {
			t.Errorf("%+v", r)
		}
	})
	t.Run("ChunkedPostedAndClosed", func(t *testing.T) {
		o := op{name: "mixed", reqs: []request{
			{method: "GET", path: "/big", want: 200},
			{method: "POST", path: "/post", body: `{"text":"hei"}`, token: "tok", want: 201},
			{method: "GET", path: "/close", want: 200},
		}}
		r := runOp(ctx, srv.Listener.Addr().String(), o, 2, 0, 200*time.Millisecond)
		if r.Errors != 0 || r.Requests < 3 { // each of the three at least once, however busy the machine
			t.Errorf("%+v", r)
		}
	})
	t.Run("WrongStatusIsAnError", func(t *testing.T) {
		o := op{name: "bad", reqs: []request{{method: "GET", path: "/bad", want: 200}}}
		r := runOp(ctx, srv.Listener.Addr().String(), o, 2, 0, 100*time.Millisecond)
		if r.Errors == 0 || r.Requests != 0 || !strings.Contains(r.FirstError, "status 404") {
			t.Errorf("%+v", r)
		}
	})
}
