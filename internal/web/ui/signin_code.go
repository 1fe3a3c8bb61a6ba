package ui

import (
	"errors"
	"net/http"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// The second step of a password sign-in for people with two-step verification: the
// password was right, and a pending sign-in waits for the code. The pending sign-in
// is a single-use login state (as for identity providers) Named by a random token in
// a cookie that only the sign-in pages see.
const (
	CodeCookie   = "stafett_code"
	codeProvider = "totp" // the login state's kind
)

// codePage is the form asking for the code.
type codePage struct {
	layout
}

// beginCodeStep stores a pending sign-in for uid and sends the person to the code
// form.
func (s *Server) beginCodeStep(w http.ResponseWriter, r *http.Request, uid, next string) error {
	if err := s.pendCode(w, r, uid, next); err != nil {
		return err
	}
	http.Redirect(w, r, "/innlogging/kode", http.StatusSeeOther)
	return nil
}

// pendCode stores a pending sign-in for uid, going to next, and names it in the
// code cookie.
func (s *Server) pendCode(w http.ResponseWriter, r *http.Request, uid, next string) error {
	token, hash := auth.NewToken()
	err := s.DB.CreateLoginState(r.Context(), hash, &store.LoginState{Provider: codeProvider, Nonce: uid, Verifier: "-", ReturnTo: next})
	if err != nil {
		return err
	}
	s.setCodeCookie(w, token, int(store.LoginStateTTL.Seconds()))
	return nil
}

func (s *Server) setCodeCookie(w http.ResponseWriter, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: CodeCookie, Value: token, Path: "/innlogging", MaxAge: maxAge,
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

func (s *Server) HandleCodeShow(w http.ResponseWriter, r *http.Request) error {
	if _, err := r.Cookie(CodeCookie); err != nil {
		http.Redirect(w, r, "/innlogging", http.StatusSeeOther)
		return nil
	}
	return s.show(w, r, http.StatusOK, codeView(&codePage{layout: s.layoutFor(r, "signin.code_title")}))
}

// HandleCode finishes the sign-in when the code is right. A wrong code starts a
// new pending sign-in (each is used once) and asks again; the sign-in rate limits
// count it as a failure.
func (s *Server) HandleCode(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	ls, err := &store.LoginState{}, error(nil)
	if c, cerr := r.Cookie(CodeCookie); cerr == nil {
		ls, err = s.DB.TakeLoginState(r.Context(), auth.HashToken(c.Value))
	}
	if err != nil && !fault.Is(err, fault.NotFound) {
		return err
	}
	if err != nil || ls.Provider != codeProvider {
		s.RedirectWithFlash(w, r, "/innlogging", "signin_expired")
		return nil
	}
	user, err := s.DB.GetUser(r.Context(), ls.Nonce)
	if err != nil {
		return err
	}
	if !user.Active {
		s.RedirectWithFlash(w, r, "/innlogging", "signin_expired")
		return nil
	}
	err = s.CheckSecondFactor(r, user, r.PostForm.Get("code"), true)
	if errors.Is(err, app.ErrBadCode) || errors.Is(err, app.ErrCodeNeeded) || fault.Is(err, fault.RateLimited) {
		m := &codePage{layout: s.layoutFor(r, "signin.code_title")}
		f := &form{Name: "code", Values: r.PostForm, Errors: fault.Fields{"code": fault.FieldInvalid}, Message: "signin.code_wrong"}
		status := http.StatusUnauthorized
		if fault.Is(err, fault.RateLimited) {
			f.Errors, f.Message, status = nil, "signin.rate_limited_short", http.StatusTooManyRequests
			app.SetRetryAfter(w, err)
		} else if errors.Is(err, app.ErrCodeNeeded) {
			f.Errors["code"] = fault.FieldRequired
		}
		m.failed = f
		if err := s.pendCode(w, r, ls.Nonce, ls.ReturnTo); err != nil {
			return err
		}
		return s.show(w, r, status, codeView(m))
	}
	if err != nil {
		return err
	}
	s.setCodeCookie(w, "", -1)
	if _, err := s.StartSession(w, r, user.ID, app.MethodPassword); err != nil {
		return err
	}
	http.Redirect(w, r, localPath(ls.ReturnTo), http.StatusSeeOther)
	return nil
}
