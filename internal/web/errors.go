package web

import (
	"errors"
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// apiFunc is an API handler: it writes a successful response or returns an error
// that the wrapper maps to a status and JSON body.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

// authedFunc is an API handler for a signed-in principal.
type authedFunc func(w http.ResponseWriter, r *http.Request, p *people.Principal) error

func (s *Server) public(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) authed(h authedFunc) http.Handler {
	return s.public(func(w http.ResponseWriter, r *http.Request) error {
		p := app.PrincipalFrom(r.Context())
		if p == nil {
			return fault.New(fault.Unauthenticated, "sign in first")
		}
		return h(w, r, p)
	})
}

// admin wraps an administrative API route (API.md, Session): like authed, but an
// administrator whose session has no second factor is refused first
// (access.Administer, the same check the store's administrative methods make).
func (s *Server) admin(h authedFunc) http.Handler {
	return s.authed(func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		if err := access.Administer(app.ActorOf(p)); err != nil {
			return err
		}
		return h(w, r, p)
	})
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
	status := app.StatusOf(err)
	body := errorDetail{Code: fault.Internal, Message: "internal error"}
	var e *fault.Error
	if status != http.StatusInternalServerError && errors.As(err, &e) {
		body = errorDetail{Code: e.Code, Message: e.Message, Fields: e.Fields}
	} else {
		s.Log.ErrorContext(r.Context(), "request failed", "route", r.Pattern, "method", r.Method, "err", err)
	}
	app.SetRetryAfter(w, err)
	if wantsHTML(r) {
		s.ui.WriteHTMLError(w, r, status)
		return
	}
	app.WriteJSON(w, status, errorBody{Error: body})
}

func (s *Server) HandleAPINotFound(w http.ResponseWriter, r *http.Request) error {
	return fault.New(fault.NotFound, "no such endpoint")
}
