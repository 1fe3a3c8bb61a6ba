package ui

import (
	"errors"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
)

// signInPage is the sign-in form.
type signInPage struct {
	layout
	Next      string
	Providers []signInProvider // a button for each identity provider
}

// HandleSignInShow shows the sign-in form; someone already signed in goes on.
func (s *Server) HandleSignInShow(w http.ResponseWriter, r *http.Request) error {
	next := localPath(r.URL.Query().Get("neste"))
	if app.PrincipalFrom(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	return s.show(w, r, http.StatusOK, signInView(&signInPage{layout: s.layoutFor(r, "signin.title"), Next: next, Providers: s.signInProviders()}))
}

// HandleSignIn checks e-mail and password from the form and starts a session.
func (s *Server) HandleSignIn(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	email, password := r.PostForm.Get("email"), r.PostForm.Get("password")
	next := localPath(r.PostForm.Get("neste"))
	var f fault.Fields
	f.Text("email", email, 320)
	if password == "" {
		f.Add("password", fault.FieldRequired)
	} else if len(password) > people.MaxPasswordLen {
		f.Add("password", fault.FieldTooLong)
	}
	err := f.Err()
	var user *people.User
	if err == nil {
		user, err = s.CheckPassword(r, email, password)
	}
	if err != nil {
		m := &signInPage{layout: s.layoutFor(r, "signin.title"), Next: next, Providers: s.signInProviders()}
		fm := &form{Name: "signin", Values: r.PostForm, Errors: f}
		fm.Values.Del("password")
		status := http.StatusUnprocessableEntity
		var ex *ratelimit.Exceeded
		if fault.Is(err, fault.Unauthenticated) {
			fm.Message, status = "signin.failed", http.StatusUnauthorized
		} else if fault.Is(err, fault.RateLimited) && errors.As(err, &ex) {
			// Minutes, rounded up: a person waits, a program reads Retry-After.
			fm.Message, fm.Args, status = "signin.rate_limited", []any{(ex.Seconds() + 59) / 60}, http.StatusTooManyRequests
			app.SetRetryAfter(w, err)
		} else if len(f) == 0 {
			return err
		}
		m.failed = fm
		return s.show(w, r, status, signInView(m))
	}
	if err := s.CheckSecondFactor(r, user, "", false); errors.Is(err, app.ErrCodeNeeded) {
		return s.beginCodeStep(w, r, user.ID, next)
	} else if err != nil {
		return err
	}
	if _, err := s.StartSession(w, r, user.ID, app.MethodPassword); err != nil {
		return err
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// HandleSignOut ends the session and goes back to the sign-in page; a session from
// an identity provider that can end its own session goes there first, and the
// provider sends the person back to the sign-in page.
func (s *Server) HandleSignOut(w http.ResponseWriter, r *http.Request) error {
	target := "/innlogging"
	if p := app.PrincipalFrom(r.Context()); p != nil {
		if end := s.ProviderSignOut(r, p); end != "" { // read before the session is gone
			target = end
		}
		if err := s.DB.SignOut(r.Context(), p.Session.TokenHash); err != nil {
			return err
		}
	}
	s.ClearSessionCookie(w)
	s.RedirectWithFlash(w, r, target, "signed_out")
	return nil
}

// HandleLanguage remembers the language chosen: on the person when signed in, in a
// cookie otherwise.
func (s *Server) HandleLanguage(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	lang, ok := i18n.Parse(r.PostForm.Get("lang"))
	if !ok {
		return fault.Validation("lang", fault.FieldInvalid)
	}
	l := string(lang)
	if p := app.PrincipalFrom(r.Context()); p != nil {
		if err := s.DB.SetUserLanguage(r.Context(), p.User.ID, l); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.PostForm.Get("neste")), http.StatusSeeOther)
	return nil
}

// HandlePageNotFound answers any path that is no page.
func (s *Server) HandlePageNotFound(w http.ResponseWriter, r *http.Request) error {
	return fault.New(fault.NotFound, "no such page")
}
