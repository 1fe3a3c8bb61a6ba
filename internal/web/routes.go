package web

import "net/http"

// routes lists the whole surface of the app. Every API route is wrapped either by
// s.public (no sign-in) or s.authed (signed-in principal required): deny by default.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", s.public(s.handleHealthz))
	mux.Handle("GET /metrics", s.metrics.handler())

	mux.Handle("POST /api/v1/session", s.public(s.handleSessionCreate))
	mux.Handle("DELETE /api/v1/session", s.authed(s.handleSessionDelete))
	mux.Handle("GET /api/v1/me", s.authed(s.handleMeShow))

	mux.Handle("GET /api/v1/municipalities", s.authed(s.handleMunicipalityList))
	mux.Handle("POST /api/v1/municipalities", s.authed(s.handleMunicipalityCreate))
	mux.Handle("GET /api/v1/municipalities/{mid}", s.authed(s.handleMunicipalityShow))
	mux.Handle("GET /api/v1/municipalities/{mid}/units", s.authed(s.handleUnitList))
	mux.Handle("POST /api/v1/municipalities/{mid}/units", s.authed(s.handleUnitCreate))
	mux.Handle("GET /api/v1/municipalities/{mid}/users", s.authed(s.handleUserList))

	mux.Handle("POST /api/v1/users", s.authed(s.handleUserCreate))
	mux.Handle("GET /api/v1/users/{uid}", s.authed(s.handleUserShow))
	mux.Handle("POST /api/v1/users/{uid}/roles", s.authed(s.handleRoleCreate))
	mux.Handle("DELETE /api/v1/users/{uid}/roles", s.authed(s.handleRoleDelete))
	mux.Handle("POST /api/v1/users/{uid}/deactivate", s.authed(s.handleUserDeactivate))
	mux.Handle("POST /api/v1/users/{uid}/activate", s.authed(s.handleUserActivate))

	mux.Handle("/api/", s.public(s.handleAPINotFound))
	return mux
}
