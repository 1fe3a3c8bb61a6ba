package ui

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"strings"
	"time"
)

// Sign-in through an OpenID Connect identity provider (ID-porten, Ansattporten,
// Entra ID). A button on the sign-in page posts to HandleOIDCStart, which keeps a
// pending sign-in and sends the browser to the provider; the provider sends it back
// to HandleOIDCCallback, which signs in the user whose national ID the provider
// vouched for. No account is ever created here.

// OIDCCookie binds a pending sign-in to the browser that started it: the callback
// must bring the state this cookie holds, so a callback URL someone else obtained
// (to sign a victim in as themselves) signs no one in.
const OIDCCookie = "stafett_oidc"

// OIDCPath is where the provider sign-in routes live, and the OIDCCookie's path.
const OIDCPath = "/innlogging/oidc/"

// signInProvider is one identity provider's button on the sign-in page.
type signInProvider struct {
	Name, Label string
}

// signInProviders returns the buttons of the configured identity providers.
func (s *Server) signInProviders() []signInProvider {
	var out []signInProvider
	for _, p := range s.Cfg.Providers.List() {
		out = append(out, signInProvider{Name: p.Name(), Label: p.Label()})
	}
	return out
}

// noAccessPage tells why a sign-in through an identity provider let no one in,
// with the way back to the sign-in page.
type noAccessPage struct {
	layout
	Text string
}

// refusal is a callback that signs no one in: the page saying why, and whether
// it counts as a failed sign-in from the client's address.
type refusal struct {
	status int
	title  string // catalog key
	text   string // catalog key; "%s" in it is the provider's label
	count  bool
	reason string // for the server log; never a token or national ID
}

func (e *refusal) Error() string { return "sign-in refused: " + e.reason }

// The refusals. Which step failed is logged; the page says only what the person
// can do about it.
func refuseState(reason string) *refusal {
	return &refusal{http.StatusBadRequest, "oidc.expired.title", "oidc.expired.text", true, reason}
}

func refuseCancelled(reason string) *refusal {
	return &refusal{http.StatusUnauthorized, "oidc.cancelled.title", "oidc.cancelled.text", false, reason}
}

func refuseToken(reason string) *refusal {
	return &refusal{http.StatusUnauthorized, "oidc.failed.title", "oidc.failed.text", true, reason}
}

func refuseACR(reason string) *refusal {
	return &refusal{http.StatusUnauthorized, "oidc.acr.title", "oidc.acr.text", true, reason}
}

func refuseNoID(reason string) *refusal {
	return &refusal{http.StatusUnauthorized, "oidc.no_id.title", "oidc.no_id.text", true, reason}
}

func refuseNoAccess(reason string) *refusal {
	return &refusal{http.StatusForbidden, "oidc.no_access.title", "oidc.no_access.text", true, reason}
}

// HandleOIDCStart keeps a pending sign-in (state, nonce and PKCE verifier, and the
// page to return to) and sends the browser to the identity provider.
func (s *Server) HandleOIDCStart(w http.ResponseWriter, r *http.Request) error {
	prov, ok := s.Cfg.Providers.Get(r.PathValue("provider"))
	if !ok {
		return fault.New(fault.NotFound, "no such identity provider")
	}
	if err := r.ParseForm(); err != nil {
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	// A pending sign-in is a row written for anyone who asks, so starts count
	// against the global sign-in cap.
	_, err := s.DB.TakeRate(r.Context(), store.Counter{Bucket: app.BucketSignInGlobal, Limit: s.Cfg.Limits.SignInGlobal})
	if err != nil {
		return s.oidcRateLimited(w, r, err)
	}
	authURL, pend, err := prov.Begin(r.Context())
	if err != nil {
		s.Log.WarnContext(r.Context(), "identity provider unavailable", "provider", prov.Name(), "err", err)
		return s.renderNoAccess(w, r, prov, &refusal{status: http.StatusServiceUnavailable,
			title: "oidc.unavailable.title", text: "oidc.unavailable.text"})
	}
	ls := &store.LoginState{Provider: prov.Name(), Nonce: pend.Nonce, Verifier: pend.Verifier, ReturnTo: localPath(r.PostForm.Get("neste"))}
	if err := s.DB.CreateLoginState(r.Context(), auth.HashToken(pend.State), ls); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: OIDCCookie, Value: pend.State, Path: OIDCPath, MaxAge: int(store.LoginStateTTL.Seconds()),
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, authURL, http.StatusSeeOther)
	return nil
}

// HandleOIDCCallback finishes a sign-in when the provider sends the browser back
// with a code, or with an error (the person cancelled). Every callback is checked
// against the per-address sign-in failure limit first, as a password attempt is;
// only one refused for a reason that counts is counted as a failure, after it.
func (s *Server) HandleOIDCCallback(w http.ResponseWriter, r *http.Request) error {
	prov, ok := s.Cfg.Providers.Get(r.PathValue("provider"))
	if !ok {
		return fault.New(fault.NotFound, "no such identity provider")
	}
	failures := store.Counter{Bucket: app.BucketSignInAddress, Subject: s.ClientAddr(r), Limit: s.Cfg.Limits.SignInAddressFailures}
	if err := s.DB.CheckRate(r.Context(), failures); err != nil {
		return s.oidcRateLimited(w, r, err)
	}
	// The pending sign-in is used once, whatever happens next.
	http.SetCookie(w, &http.Cookie{Name: OIDCCookie, Value: "", Path: OIDCPath, MaxAge: -1,
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	in, err := s.oidcIdentify(r, prov)
	var ref *refusal
	if errors.As(err, &ref) {
		s.Log.InfoContext(r.Context(), "identity provider sign-in refused", "provider", prov.Name(), "reason", ref.reason)
		if ref.count {
			if err := s.DB.CountRate(r.Context(), failures); err != nil {
				return err
			}
		}
		return s.renderNoAccess(w, r, prov, ref)
	}
	if err != nil {
		return err
	}
	token, err := s.StartSession(w, r, in.user.ID, prov.Name())
	if err != nil {
		return err
	}
	hash := auth.HashToken(token)
	if err := s.DB.SetSessionProvider(r.Context(), hash, prov.Name(), in.id.IDToken); err != nil {
		// Without the record, sign-out could not end the provider's session: end
		// this one rather than leave it half made.
		_ = s.DB.DeleteSession(r.Context(), hash)
		s.ClearSessionCookie(w)
		return err
	}
	http.Redirect(w, r, localPath(in.returnTo), http.StatusSeeOther)
	return nil
}

// oidcSignIn is a callback that proved an active user.
type oidcSignIn struct {
	user     *people.User
	id       *auth.Identity
	returnTo string
}

// oidcIdentify checks a callback: the state is this browser's and pending for this
// provider (and is used up), the provider sent a code, the code yields a valid ID
// token at the required level, and the person it names is an active user. A
// *refusal says why not.
func (s *Server) oidcIdentify(r *http.Request, prov *auth.Provider) (*oidcSignIn, error) {
	ctx := r.Context()
	q := r.URL.Query()
	state := q.Get("state")
	c, err := r.Cookie(OIDCCookie)
	if state == "" || len(state) > 256 || err != nil || subtle.ConstantTimeCompare([]byte(c.Value), []byte(state)) != 1 {
		return nil, refuseState("state missing or not started in this browser")
	}
	ls, err := s.DB.TakeLoginState(ctx, auth.HashToken(state))
	if fault.Is(err, fault.NotFound) {
		return nil, refuseState("state unknown, used or expired")
	}
	if err != nil {
		return nil, err
	}
	if ls.Provider != prov.Name() {
		return nil, refuseState("state of another provider")
	}
	if e := q.Get("error"); e != "" {
		return nil, refuseCancelled("provider answered " + strings.ToValidUTF8(e[:min(len(e), 64)], "?"))
	}
	code := q.Get("code")
	if code == "" {
		return nil, refuseToken("no code")
	}
	id, err := prov.Finish(ctx, code, auth.Pending{State: state, Nonce: ls.Nonce, Verifier: ls.Verifier})
	switch {
	case errors.Is(err, auth.ErrACR):
		return nil, refuseACR(err.Error())
	case errors.Is(err, auth.ErrIDClaim):
		return nil, refuseNoID(err.Error())
	case fault.Is(err, fault.Unauthenticated):
		return nil, refuseToken(err.Error())
	case err != nil:
		return nil, err
	}
	user, err := s.DB.FindUserByNationalID(ctx, id.ID)
	if fault.Is(err, fault.NotFound) {
		return nil, refuseNoAccess("no user with this national ID")
	}
	if err != nil {
		return nil, err
	}
	if !user.Active {
		ev := store.SecurityEvent{UserID: user.ID, ActorID: user.ID, Kind: store.SecSignInFailed, Detail: prov.Name()}
		if err := s.DB.RecordSecurity(ctx, ev); err != nil {
			return nil, err
		}
		return nil, refuseNoAccess("user deactivated")
	}
	return &oidcSignIn{user: user, id: id, returnTo: ls.ReturnTo}, nil
}

// oidcRateLimited answers a start or callback over a sign-in limit with the
// sign-in page's message and Retry-After; any other error goes on as it is.
func (s *Server) oidcRateLimited(w http.ResponseWriter, r *http.Request, err error) error {
	var ex *ratelimit.Exceeded
	if !fault.Is(err, fault.RateLimited) || !errors.As(err, &ex) {
		return err
	}
	app.SetRetryAfter(w, err)
	m := &noAccessPage{layout: s.layoutFor(r, "error.rate_limited")}
	// Minutes, rounded up, as on the sign-in page.
	m.Text = m.T("signin.rate_limited", (ex.Seconds()+59)/60)
	return s.show(w, r, http.StatusTooManyRequests, noAccessView(m))
}

// renderNoAccess shows the page of refusal ref.
func (s *Server) renderNoAccess(w http.ResponseWriter, r *http.Request, prov *auth.Provider, ref *refusal) error {
	m := &noAccessPage{layout: s.layoutFor(r, ref.title)}
	if strings.Contains(m.T(ref.text), "%s") {
		m.Text = m.T(ref.text, prov.Label())
	} else {
		m.Text = m.T(ref.text)
	}
	return s.show(w, r, ref.status, noAccessView(m))
}

// ProviderSignOut returns where to send the browser so that the identity provider
// ends its own session too: the provider's end-session URL, with the session's ID
// token as id_token_hint and the sign-in page as post_logout_redirect_uri, when p
// signed in through a provider that has one; "" otherwise (a password session, or
// a provider without end_session_endpoint). Call it before the session is deleted:
// the provider and ID token are kept with the session and go with it.
func (s *Server) ProviderSignOut(r *http.Request, p *people.Principal) string {
	if p == nil || s.Cfg.Providers == nil {
		return ""
	}
	name, idToken, err := s.DB.GetSessionProvider(r.Context(), p.Session.TokenHash)
	if err != nil {
		if !fault.Is(err, fault.NotFound) {
			s.Log.WarnContext(r.Context(), "provider sign-out", "err", err)
		}
		return ""
	}
	prov, ok := s.Cfg.Providers.Get(name)
	if !ok || idToken == "" {
		return ""
	}
	var back string
	if s.Cfg.BaseURL != "" {
		back = s.Cfg.BaseURL + "/innlogging"
	}
	u, ok := prov.EndSessionURL(r.Context(), idToken, back, "")
	if !ok {
		return ""
	}
	return u
}

// ProviderOrigins returns the origins of the providers' authorization and
// end-session endpoints, each after a space, for the form-action directive. Sign-in
// and sign-out are forms posted to Stafett that answer with a redirect to the
// provider, and Chrome and Safari hold that redirect to form-action too: without
// these, the browser would stop at Stafett. The providers are discovered at start,
// so this normally does not reach the network.
func ProviderOrigins(ps *auth.Providers, log *slog.Logger) string {
	if ps == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out []string
	add := func(raw string) {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(u.Host, " ;,'\"") {
			return
		}
		if o := u.Scheme + "://" + u.Host; !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	for _, p := range ps.List() {
		// Begin is how a provider tells its authorization endpoint; the state it
		// makes besides is thrown away unused.
		authURL, _, err := p.Begin(ctx)
		if err != nil {
			log.Warn("identity provider: no authorization endpoint", "provider", p.Name(), "err", err)
			continue
		}
		add(authURL)
		if end, ok := p.EndSessionURL(ctx, "", "", ""); ok {
			add(end)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " " + strings.Join(out, " ")
}
