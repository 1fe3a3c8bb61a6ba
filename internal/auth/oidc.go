package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"stafett/internal/fault"
)

// DefaultIDClaim is the ID-token claim matched against a user's national ID when
// none is configured: ID-porten's "pid" (personidentifikator).
const DefaultIDClaim = "pid"

// Reasons a sign-in through an identity provider is refused. They come wrapped in a
// *fault.Error with code Unauthenticated and a message safe to show; test them with
// errors.Is.
var (
	// ErrExchange: the provider did not exchange the code (unknown, used or expired
	// code, wrong PKCE verifier, client not accepted).
	ErrExchange = errors.New("oidc: code exchange failed")
	// ErrIDToken: the ID token is missing or fails verification (signature, issuer,
	// audience, expiry).
	ErrIDToken = errors.New("oidc: id token not valid")
	// ErrNonce: the ID token does not carry the nonce of this sign-in (a replayed
	// or injected token).
	ErrNonce = errors.New("oidc: nonce mismatch")
	// ErrACR: the token's assurance level (acr) is missing or lower than required.
	ErrACR = errors.New("oidc: assurance level too low")
	// ErrIDClaim: the token lacks the claim that identifies the person.
	ErrIDClaim = errors.New("oidc: identity claim missing")
)

// ProviderConfig describes one OpenID Connect identity provider (ID-porten,
// Ansattporten, Entra ID). Only Name, Issuer, ClientID and RedirectURL are required.
type ProviderConfig struct {
	// Name is a short key used in URLs and stored with pending sign-ins, e.g.
	// "idporten": lowercase letters, digits and dashes.
	Name string
	// Label is shown on the sign-in button; Name when empty.
	Label        string
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is Stafett's callback as registered at the provider.
	RedirectURL string
	// ACRValues are the accepted assurance levels, space-separated; any one (or a
	// known higher level of the same scheme) is accepted. Empty means no check.
	ACRValues string
	// IDClaim names the claim matched against users' national ID; DefaultIDClaim
	// when empty.
	IDClaim string
	// Scopes requested; "openid profile" when empty.
	Scopes []string
	// HTTPClient talks to the provider; when nil, a client with a 10 s timeout, so
	// a provider that hangs cannot hold sign-ins (or key refreshes) forever.
	HTTPClient *http.Client
	// Now is the clock for token expiry; time.Now when nil.
	Now func() time.Time
}

// Pending is what a sign-in must remember between Begin and Finish. Store it
// server-side, keyed by a hash of State, and use it once.
type Pending struct {
	State    string
	Nonce    string
	Verifier string // PKCE code verifier
}

// Identity is a person as proven by an identity provider.
type Identity struct {
	Provider string
	Subject  string
	// ID is the value of the configured identity claim (the national ID for "pid").
	ID   string
	ACR  string
	Name string
	// IDToken is the raw ID token, needed as id_token_hint to end the provider's
	// session at sign-out.
	IDToken string
}

// Provider signs people in through one OpenID Connect provider with the
// authorization code flow, PKCE (S256), state and nonce. Discovery happens on first
// use (or Discover), so a provider that is down does not stop Stafett from starting.
type Provider struct {
	cfg    ProviderConfig
	acr    []string
	client *http.Client

	mu         sync.Mutex
	op         *oidc.Provider
	verifier   *oidc.IDTokenVerifier
	endSession string
}

var providerName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// NewProvider checks c and returns a provider. It does not contact the provider.
func NewProvider(c ProviderConfig) (*Provider, error) {
	var missing []string
	for _, f := range []struct{ name, v string }{{"issuer", c.Issuer}, {"client id", c.ClientID}, {"redirect URL", c.RedirectURL}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("oidc provider %q: missing %s", c.Name, strings.Join(missing, ", "))
	}
	if !providerName.MatchString(c.Name) {
		return nil, fmt.Errorf("oidc provider %q: name must be 1-32 lowercase letters, digits or dashes", c.Name)
	}
	if u, err := url.Parse(c.RedirectURL); err != nil || !u.IsAbs() {
		return nil, fmt.Errorf("oidc provider %q: redirect URL %q is not an absolute URL", c.Name, c.RedirectURL)
	}
	if c.Label == "" {
		c.Label = c.Name
	}
	if c.IDClaim == "" {
		c.IDClaim = DefaultIDClaim
	}
	if len(c.Scopes) == 0 {
		c.Scopes = []string{oidc.ScopeOpenID, "profile"}
	}
	p := &Provider{cfg: c, acr: strings.Fields(c.ACRValues), client: c.HTTPClient}
	if p.client == nil {
		p.client = &http.Client{Timeout: 10 * time.Second}
	}
	return p, nil
}

// Name returns the provider's short key.
func (p *Provider) Name() string { return p.cfg.Name }

// Label returns the provider's display name.
func (p *Provider) Label() string { return p.cfg.Label }

// Discover fetches the provider's discovery document if it has not been fetched
// yet. Begin and Finish call it; call it at start to fail early.
func (p *Provider) Discover(ctx context.Context) error {
	_, err := p.discover(ctx)
	return err
}

func (p *Provider) discover(ctx context.Context) (*oidc.Provider, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.op != nil {
		return p.op, nil
	}
	op, err := oidc.NewProvider(oidc.ClientContext(ctx, p.client), p.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc provider %q: discovery: %w", p.cfg.Name, err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := op.Claims(&meta); err != nil {
		return nil, fmt.Errorf("oidc provider %q: discovery: %w", p.cfg.Name, err)
	}
	p.op, p.endSession = op, meta.EndSession
	p.verifier = op.Verifier(&oidc.Config{ClientID: p.cfg.ClientID, Now: p.cfg.Now})
	return op, nil
}

func (p *Provider) oauth(op *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{
		ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, RedirectURL: p.cfg.RedirectURL,
		Endpoint: op.Endpoint(), Scopes: p.cfg.Scopes,
	}
}

// Begin starts a sign-in: it returns the provider URL to send the browser to and
// the Pending values to keep until the callback.
func (p *Provider) Begin(ctx context.Context) (string, Pending, error) {
	op, err := p.discover(ctx)
	if err != nil {
		return "", Pending{}, err
	}
	state, _ := NewToken()
	nonce, _ := NewToken()
	pend := Pending{State: state, Nonce: nonce, Verifier: oauth2.GenerateVerifier()}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(pend.Nonce), oauth2.S256ChallengeOption(pend.Verifier)}
	if len(p.acr) > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", strings.Join(p.acr, " ")))
	}
	return p.oauth(op).AuthCodeURL(pend.State, opts...), pend, nil
}

// Finish completes a sign-in from the callback's code and the Pending values kept
// for its state (the caller has already matched and consumed the state). It
// exchanges the code, verifies the ID token (signature against the provider's keys,
// issuer, audience, expiry, nonce), checks the assurance level and returns the
// identity.
func (p *Provider) Finish(ctx context.Context, code string, pend Pending) (*Identity, error) {
	op, err := p.discover(ctx)
	if err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, p.client)
	tok, err := p.oauth(op).Exchange(ctx, code, oauth2.VerifierOption(pend.Verifier))
	if err != nil {
		return nil, refuse(ErrExchange, err, "The sign-in could not be completed. Try again.")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, refuse(ErrIDToken, errors.New("no id_token in token response"), "The sign-in could not be completed. Try again.")
	}
	idt, err := p.verifier.Verify(oidc.ClientContext(ctx, p.client), raw)
	if err != nil {
		return nil, refuse(ErrIDToken, err, "The sign-in could not be completed. Try again.")
	}
	if pend.Nonce == "" || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(pend.Nonce)) != 1 {
		return nil, refuse(ErrNonce, nil, "The sign-in could not be completed. Try again.")
	}
	return p.identity(idt, raw)
}

// identity checks the claims Stafett relies on and builds the Identity.
func (p *Provider) identity(idt *oidc.IDToken, raw string) (*Identity, error) {
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, refuse(ErrIDToken, err, "The sign-in could not be completed. Try again.")
	}
	if aud := idt.Audience; len(aud) > 1 {
		// With several audiences, OpenID Connect Core §3.1.3.7 requires that we are
		// the authorized party.
		if azp, _ := claims["azp"].(string); azp != p.cfg.ClientID {
			return nil, refuse(ErrIDToken, fmt.Errorf("azp %q with audiences %q", azp, aud), "The sign-in could not be completed. Try again.")
		}
	}
	acr, _ := claims["acr"].(string)
	if !ACRSatisfies(acr, p.acr) {
		return nil, refuse(ErrACR, fmt.Errorf("acr %q, want one of %q", acr, p.acr),
			fmt.Sprintf("Your sign-in used a lower security level than Stafett requires. Sign in again with %s.", strings.Join(p.acr, " or ")))
	}
	id, _ := claims[p.cfg.IDClaim].(string)
	if strings.TrimSpace(id) == "" {
		return nil, refuse(ErrIDClaim, fmt.Errorf("claim %q missing", p.cfg.IDClaim), "The identity provider did not tell us who you are. Contact your unit leader.")
	}
	name, _ := claims["name"].(string)
	return &Identity{Provider: p.cfg.Name, Subject: idt.Subject, ID: id, ACR: acr, Name: name, IDToken: raw}, nil
}

// refuse wraps a refusal reason (and its detail, for the server log) in a fault
// with a message safe to show.
func refuse(reason, detail error, message string) error {
	err := reason
	if detail != nil {
		err = fmt.Errorf("%w: %w", reason, detail)
	}
	return fault.Wrap(fault.Unauthenticated, err, message)
}

// EndSessionURL returns the provider's URL that ends its own session, with the ID
// token as hint and where to send the browser afterwards; ok is false when the
// provider has no end_session_endpoint (or discovery failed).
func (p *Provider) EndSessionURL(ctx context.Context, idTokenHint, postLogoutRedirect, state string) (string, bool) {
	if _, err := p.discover(ctx); err != nil || p.endSession == "" {
		return "", false
	}
	u, err := url.Parse(p.endSession)
	if err != nil {
		return "", false
	}
	q := u.Query()
	for k, v := range map[string]string{"id_token_hint": idTokenHint, "post_logout_redirect_uri": postLogoutRedirect, "state": state, "client_id": p.cfg.ClientID} {
		if v != "" {
			q.Set(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), true
}

// acrRank orders the assurance levels Stafett knows, within their scheme: a token
// at a higher level of the same scheme satisfies a lower requirement.
var acrRank = map[string]struct {
	scheme string
	rank   int
}{
	"idporten-loa-low":         {"idporten", 1},
	"idporten-loa-substantial": {"idporten", 2},
	"idporten-loa-high":        {"idporten", 3},
	"Level3":                   {"idporten-legacy", 3},
	"Level4":                   {"idporten-legacy", 4},
	"eidas-loa-low":            {"eidas", 1},
	"eidas-loa-substantial":    {"eidas", 2},
	"eidas-loa-high":           {"eidas", 3},
	"substantial":              {"ansattporten", 2},
	"high":                     {"ansattporten", 3},
}

// ACRSatisfies reports whether a token's acr meets one of the required levels:
// equal to one, or a known higher level of the same scheme. No requirement accepts
// any acr; a missing acr never meets a requirement.
func ACRSatisfies(acr string, required []string) bool {
	if len(required) == 0 {
		return true
	}
	if acr == "" {
		return false
	}
	if slices.Contains(required, acr) {
		return true
	}
	got, known := acrRank[acr]
	return known && slices.ContainsFunc(required, func(r string) bool {
		want, ok := acrRank[r]
		return ok && want.scheme == got.scheme && got.rank >= want.rank
	})
}

// Providers is the set of configured identity providers, keyed by name, in the
// order they were configured (the order of the sign-in buttons).
type Providers struct {
	list []*Provider
}

// NewProviders returns the set of ps; names must be unique.
func NewProviders(ps ...*Provider) (*Providers, error) {
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Name()] {
			return nil, fmt.Errorf("oidc: provider name %q used twice", p.Name())
		}
		seen[p.Name()] = true
	}
	return &Providers{list: slices.Clone(ps)}, nil
}

// Get returns the provider named name.
func (ps *Providers) Get(name string) (*Provider, bool) {
	if ps == nil {
		return nil, false
	}
	i := slices.IndexFunc(ps.list, func(p *Provider) bool { return p.Name() == name })
	if i < 0 {
		return nil, false
	}
	return ps.list[i], true
}

// List returns the providers in configured order.
func (ps *Providers) List() []*Provider {
	if ps == nil {
		return nil
	}
	return slices.Clone(ps.list)
}
