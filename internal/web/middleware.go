package web

import (
	"net/http"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/web/app"
	"strings"
	"time"
)

// middleware wraps the mux: outermost first, so a panic anywhere still gets security
// headers and is counted.
func (s *Server) middleware(mux http.Handler) http.Handler {
	return s.outer(s.authenticate(mux))
}

// outer is the chain around authentication: cross-origin protection, body limit,
// panic recovery, metrics and security headers.
func (s *Server) outer(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(s.public(func(w http.ResponseWriter, r *http.Request) error {
		return fault.New(fault.Forbidden, "cross-origin request refused")
	}))
	h = cop.Handler(h)
	h = s.limitBody(h)
	h = s.recoverPanic(h)
	h = s.observe(h)
	return s.securityHeaders(h)
}

// securityHeaders sets the headers every answer carries, errors and static files
// included. Nothing is cached (no-store: the pages and API answers are about
// children) except the static files under their content-hashed path, which set
// their own long cache, and the health check.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"+s.formAction+"; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if s.Cfg.HSTS {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if r.URL.Path != "/healthz" {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.Cfg.MaxBodyBytes
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit = app.MaxConsentFileBytes + 1<<20 // the scanned form and the other fields
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.ErrorContext(r.Context(), "panic", "route", r.Pattern, "method", r.Method, "panic", v)
				s.writeError(w, r, fault.New(fault.Internal, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// authenticate loads the principal of a bearer token or session cookie, if any.
// Requests without a valid session go on anonymously; routes decide whether that
// is enough.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := app.RequestToken(r)
		if token == "" {
			next.ServeHTTP(w, r)
			return
		}
		p, err := s.DB.Authenticate(r.Context(), auth.HashToken(token), s.Cfg.Sessions)
		switch {
		case err == nil:
			r = r.WithContext(app.WithPrincipal(r.Context(), p))
		case !fault.Is(err, fault.Unauthenticated):
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe counts requests and their latency by route pattern (never by path, which
// would put IDs in metric labels).
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		_, route := s.mux.Handler(r)
		s.metrics.observe(route, r.Method, sw.status, time.Since(start))
	})
}
