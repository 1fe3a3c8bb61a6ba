package web

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"strings"
)

// page wraps h: anonymous visitors are sent to sign in and come back afterwards;
// errors become friendly pages in the person's language.
func (s *Server) page(h app.PageFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := app.PrincipalFrom(r.Context())
		if p == nil {
			s.ui.RedirectToSignIn(w, r)
			return
		}
		if err := h(w, r, p); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// publicPage wraps a page anyone may see.
func (s *Server) publicPage(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// wantsHTML reports whether the error for r should be a page rather than JSON.
func wantsHTML(r *http.Request) bool {
	return !strings.HasPrefix(r.URL.Path, "/api/") && r.URL.Path != "/healthz" && r.URL.Path != "/readyz" && r.URL.Path != "/metrics"
}

// adminPage wraps an administration page or action. Like page, but whatever the
// person may not do here answers 404: the administration pages reveal nothing about
// municipalities, units or people to those who do not administer them.
//
// Administrators signed in with a password must have a second factor first: until
// they have, every administration page sends them to set one up.
func (s *Server) adminPage(h app.PageFunc) http.Handler {
	return s.page(func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		if err := access.Administer(app.ActorOf(p)); err != nil {
			s.ui.RedirectWithFlash(w, r, "/meg/sikkerhet", "totp_required")
			return nil
		}
		err := h(w, r, p)
		if fault.Is(err, fault.Forbidden) {
			return fault.Wrap(fault.NotFound, err, "not found")
		}
		return err
	})
}
