// Package api serves Stafett's JSON API under /api/v1 (shared/API.md), one file per
// resource. Its handlers are registered in web/routes.go.
package api

import "stafett/internal/web/app"

// Server holds the dependencies of the JSON handlers.
type Server struct {
	*app.App
}

// New returns the JSON handlers over a.
func New(a *app.App) *Server { return &Server{App: a} }
