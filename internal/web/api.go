package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/store"
)

// apiFunc is an API handler: it writes a successful response or returns an error
// that the wrapper maps to a status and JSON body.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

// authedFunc is an API handler for a signed-in principal.
type authedFunc func(w http.ResponseWriter, r *http.Request, p *store.Principal) error

func (s *Server) public(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) authed(h authedFunc) http.Handler {
	return s.public(func(w http.ResponseWriter, r *http.Request) error {
		p := principalFrom(r.Context())
		if p == nil {
			return fault.New(fault.Unauthenticated, "sign in first")
		}
		return h(w, r, p)
	})
}

type principalKey struct{}

func withPrincipal(ctx context.Context, p *store.Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

func principalFrom(ctx context.Context) *store.Principal {
	p, _ := ctx.Value(principalKey{}).(*store.Principal)
	return p
}

func actorOf(p *store.Principal) access.Actor {
	return access.Actor{UserID: p.User.ID, Roles: p.Roles}
}

// statusOf maps an error to its HTTP status. It is the only such mapping.
func statusOf(err error) int {
	var e *fault.Error
	if !errors.As(err, &e) {
		return http.StatusInternalServerError
	}
	switch e.Code {
	case fault.Invalid:
		if len(e.Fields) > 0 {
			return http.StatusUnprocessableEntity
		}
		return http.StatusBadRequest
	case fault.Unauthenticated:
		return http.StatusUnauthorized
	case fault.Forbidden:
		return http.StatusForbidden
	case fault.NotFound:
		return http.StatusNotFound
	case fault.Conflict:
		return http.StatusConflict
	case fault.TooLarge:
		return http.StatusRequestEntityTooLarge
	case fault.RateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    fault.Code        `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeError answers with the error's status and body. Internal errors are logged in
// full and answered without detail.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	body := errorDetail{Code: fault.Internal, Message: "internal error"}
	var e *fault.Error
	if status != http.StatusInternalServerError && errors.As(err, &e) {
		body = errorDetail{Code: e.Code, Message: e.Message, Fields: e.Fields}
	} else {
		s.log.ErrorContext(r.Context(), "request failed", "route", r.Pattern, "method", r.Method, "err", err)
	}
	if status == http.StatusTooManyRequests {
		setRetryAfter(w, err)
	}
	if wantsHTML(r) {
		s.writeHTMLError(w, r, status)
		return
	}
	writeJSON(w, status, errorBody{Error: body})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decodeJSON reads one JSON object from the body into dst. Unknown fields and values
// of the wrong type are validation errors naming the field; anything unparseable is
// a 400; a body over the cap is a 413.
func decodeJSON(r *http.Request, dst any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) {
			return timeFieldError(body, dst)
		}
		return bodyError(err)
	}
	if _, extra := dec.Token(); extra != io.EOF {
		return bodyError(errors.New("trailing data after JSON object"))
	}
	return nil
}

// timeFieldError names the time field of dst whose value in body is not a time.
func timeFieldError(body []byte, dst any) error {
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(body, &raw)
	t := reflect.TypeOf(dst).Elem()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type != reflect.TypeFor[time.Time]() && f.Type != reflect.TypeFor[*time.Time]() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if v, ok := raw[name]; ok && json.Unmarshal(v, new(time.Time)) != nil && string(v) != "null" {
			return fault.Validation(name, fault.FieldFormat)
		}
	}
	return fault.New(fault.Invalid, "a time in the request body is not valid")
}

// bodyError maps a JSON decoding error to the answer: too large, a field of the wrong
// type or unknown, or an unreadable body.
func bodyError(err error) error {
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return fault.New(fault.TooLarge, "the request body is larger than %d bytes", maxErr.Limit)
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return fault.Wrap(fault.Invalid, err, "the body must be a JSON object")
		}
		return fault.Validation(field, fault.FieldType)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return fault.Validation(name, fault.FieldUnknown)
	case errors.Is(err, io.EOF):
		return fault.New(fault.Invalid, "the request body is empty")
	}
	return fault.Wrap(fault.Invalid, err, "the request body is not valid JSON")
}

func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) error {
	return fault.New(fault.NotFound, "no such endpoint")
}
