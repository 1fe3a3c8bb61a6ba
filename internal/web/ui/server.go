// Package ui serves Stafett's HTML pages, one handler file per page beside its templ component,
// with the texts (i18n) and static files. Its handlers are registered in web/routes.go.
package ui

import (
	"net/http"

	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
)

// Server holds the dependencies of the page handlers.
type Server struct {
	*app.App
	catalog *i18n.Catalog
	static  *staticFiles
	pages   renderer
}

// New returns the page handlers over a. The static files are
// embedded in the binary: a failure here is a defect of the build, which every test
// catches, not a runtime condition, so it panics.
func New(a *app.App) *Server {
	s := &Server{App: a, catalog: a.Texts}
	var err error
	if s.static, err = newStaticFiles(); err != nil {
		panic(err)
	}
	return s
}

// StaticPrefix is the path the static files are served under, with their content version.
func (s *Server) StaticPrefix() string { return s.static.prefix }

// StaticHandler serves the static files under StaticPrefix.
func (s *Server) StaticHandler() http.Handler { return s.static.handler }

// Texts are the UI texts in every language.
func (s *Server) Texts() *i18n.Catalog { return s.catalog }
