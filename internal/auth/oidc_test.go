package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"stafett/internal/auth"
	"stafett/internal/auth/oidctest"
	"stafett/internal/fault"
)

const callback = "https://stafett.test/login/idporten/callback"

func newProvider(t *testing.T, op *oidctest.Server, mod func(*auth.ProviderConfig)) *auth.Provider {
	t.Helper()
	c := auth.ProviderConfig{
		Name: "idporten", Label: "ID-porten", Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret,
		RedirectURL: callback, ACRValues: "idporten-loa-high",
	}
	if mod != nil {
		mod(&c)
	}
	p, err := auth.NewProvider(c)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// noRedirect is a browser that stops at the first redirect, so the test can read
// where the provider sends it.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// authorize follows authURL at the provider as a browser would and returns the
// callback's query.
func authorize(t *testing.T, authURL string) url.Values {
	t.Helper()
	resp, err := noRedirect.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: status %d, want 302", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != callback {
		t.Fatalf("redirected to %q, want the callback %q", got, callback)
	}
	return loc.Query()
}

// signIn runs Begin, the provider's authorization and Finish for id.
func signIn(t *testing.T, op *oidctest.Server, p *auth.Provider, id oidctest.Identity) (*auth.Identity, error) {
	t.Helper()
	ctx := context.Background()
	op.SetIdentity(id)
	authURL, pend, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	back := authorize(t, authURL)
	if back.Get("state") != pend.State || back.Get("error") != "" {
		t.Fatalf("callback %v, want state %q and no error", back, pend.State)
	}
	return p.Finish(ctx, back.Get("code"), pend)
}

func TestOIDCSignIn(t *testing.T) {
	op := oidctest.New(t, oidctest.Config{})
	p := newProvider(t, op, nil)
	ctx := context.Background()

	t.Run("AuthURL", func(t *testing.T) {
		authURL, pend, err := p.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(authURL)
		q := u.Query()
		want := map[string]string{
			"client_id": op.ClientID, "redirect_uri": callback, "response_type": "code", "scope": "openid profile",
			"state": pend.State, "nonce": pend.Nonce, "code_challenge_method": "S256", "acr_values": "idporten-loa-high",
		}
		for k, v := range want {
			if q.Get(k) != v {
				t.Errorf("%s = %q, want %q", k, q.Get(k), v)
			}
		}
		if u.Path != "/authorize" || q.Get("code_challenge") == "" || q.Get("code_challenge") == pend.Verifier {
			t.Errorf("auth URL %s: want the provider's endpoint and a hashed PKCE challenge", authURL)
		}
		_, again, _ := p.Begin(ctx)
		if len(pend.State) < 43 || again.State == pend.State || again.Nonce == pend.Nonce || again.Verifier == pend.Verifier {
			t.Errorf("pending values not fresh and random: %+v %+v", pend, again)
		}
	})
	t.Run("OK", func(t *testing.T) {
		id, err := signIn(t, op, p, oidctest.Identity{Subject: "sub-1", Claims: map[string]any{
			"pid": "05917296315", "acr": "idporten-loa-high", "name": "Kari Nordmann"}})
		if err != nil {
			t.Fatal(err)
		}
		if id.Provider != "idporten" || id.Subject != "sub-1" || id.ID != "05917296315" || id.ACR != "idporten-loa-high" ||
			id.Name != "Kari Nordmann" || strings.Count(id.IDToken, ".") != 2 {
			t.Errorf("identity = %+v", id)
		}
	})
	t.Run("ACRFromRequest", func(t *testing.T) {
		// Without an acr of its own, the test provider answers with the level asked
		// for: proves Begin asks for it.
		id, err := signIn(t, op, p, oidctest.Identity{Claims: map[string]any{"pid": "05917296315"}})
		if err != nil || id.ACR != "idporten-loa-high" {
			t.Errorf("identity %+v, %v; want acr idporten-loa-high", id, err)
		}
	})
	t.Run("OtherIDClaim", func(t *testing.T) {
		entra := newProvider(t, op, func(c *auth.ProviderConfig) { c.Name, c.IDClaim, c.ACRValues = "entra", "oid", "" })
		id, err := signIn(t, op, entra, oidctest.Identity{Claims: map[string]any{"oid": "abc-123", "pid": "05917296315", "acr": nil}})
		if err != nil || id.ID != "abc-123" || id.Provider != "entra" {
			t.Errorf("identity %+v, %v; want ID from the oid claim", id, err)
		}
	})
}

func TestOIDCRefused(t *testing.T) {
	op := oidctest.New(t, oidctest.Config{})
	p := newProvider(t, op, nil)
	now := time.Now()
	ok := map[string]any{"pid": "05917296315", "acr": "idporten-loa-high"}
	with := func(kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range ok {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		id     oidctest.Identity
		reason error
		detail string // in the error chain, to show the refusal is for the right cause
	}{
		{"WrongAudience", oidctest.Identity{Claims: with("aud", "another-client")}, auth.ErrIDToken, "audience"},
		{"SeveralAudiencesNoAzp", oidctest.Identity{Claims: with("aud", []string{op.ClientID, "another-client"})}, auth.ErrIDToken, "azp"},
		{"WrongIssuer", oidctest.Identity{Claims: with("iss", "https://evil.example")}, auth.ErrIDToken, "issued by a different provider"},
		{"Expired", oidctest.Identity{Claims: with("exp", now.Add(-time.Minute).Unix(), "iat", now.Add(-5*time.Minute).Unix())}, auth.ErrIDToken, "expired"},
		{"BadSignature", oidctest.Identity{Claims: ok, SignWith: oidctest.NewKey()}, auth.ErrIDToken, "signature"},
		{"NonceMismatch", oidctest.Identity{Claims: with("nonce", "someone-elses-nonce")}, auth.ErrNonce, ""},
		{"MissingACR", oidctest.Identity{Claims: with("acr", nil)}, auth.ErrACR, `acr ""`},
		{"LowACR", oidctest.Identity{Claims: with("acr", "idporten-loa-substantial")}, auth.ErrACR, "idporten-loa-substantial"},
		{"MissingIDClaim", oidctest.Identity{Claims: with("pid", nil)}, auth.ErrIDClaim, `"pid"`},
		{"EmptyIDClaim", oidctest.Identity{Claims: with("pid", "")}, auth.ErrIDClaim, `"pid"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, err := signIn(t, op, p, tc.id)
			assertRefused(t, id, err, tc.reason, tc.detail)
		})
	}
	t.Run("LowACRMessage", func(t *testing.T) {
		_, err := signIn(t, op, p, oidctest.Identity{Claims: with("acr", "idporten-loa-substantial")})
		var fe *fault.Error
		if !errors.As(err, &fe) || !strings.Contains(fe.Message, "lower security level") || !strings.Contains(fe.Message, "idporten-loa-high") {
			t.Errorf("message %q: want it to say the level was too low and name the one required", fe.Message)
		}
	})
	t.Run("ExpiredIsTokenExpired", func(t *testing.T) {
		_, err := signIn(t, op, p, oidctest.Identity{Claims: with("exp", now.Add(-time.Minute).Unix())})
		var te *oidc.TokenExpiredError
		if !errors.As(err, &te) {
			t.Errorf("err = %v, want an *oidc.TokenExpiredError inside", err)
		}
	})
}

func assertRefused(t *testing.T, id *auth.Identity, err, reason error, detail string) {
	t.Helper()
	if id != nil || !errors.Is(err, reason) {
		t.Fatalf("got %+v, %v; want refusal %v", id, err, reason)
	}
	if !fault.Is(err, fault.Unauthenticated) {
		t.Errorf("code = %s, want unauthenticated", fault.CodeOf(err))
	}
	if !strings.Contains(err.Error(), detail) {
		t.Errorf("err = %v, want it to mention %q", err, detail)
	}
}

func TestOIDCCodeExchange(t *testing.T) {
	op := oidctest.New(t, oidctest.Config{})
	p := newProvider(t, op, nil)
	ctx := context.Background()
	op.SetIdentity(oidctest.Identity{Claims: map[string]any{"pid": "05917296315"}})
	begin := func() (string, auth.Pending) {
		authURL, pend, err := p.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return authorize(t, authURL).Get("code"), pend
	}
	t.Run("ReplayedCode", func(t *testing.T) {
		code, pend := begin()
		if _, err := p.Finish(ctx, code, pend); err != nil {
			t.Fatal(err)
		}
		id, err := p.Finish(ctx, code, pend)
		assertRefused(t, id, err, auth.ErrExchange, "invalid_grant")
	})
	t.Run("WrongVerifier", func(t *testing.T) {
		code, pend := begin()
		_, other := begin()
		pend.Verifier = other.Verifier
		id, err := p.Finish(ctx, code, pend)
		assertRefused(t, id, err, auth.ErrExchange, "invalid_grant")
	})
	t.Run("WrongClientSecret", func(t *testing.T) {
		bad := newProvider(t, op, func(c *auth.ProviderConfig) { c.ClientSecret = "feil" })
		authURL, pend, _ := bad.Begin(ctx)
		id, err := bad.Finish(ctx, authorize(t, authURL).Get("code"), pend)
		assertRefused(t, id, err, auth.ErrExchange, "invalid_client")
	})
	t.Run("EmptyNonceKept", func(t *testing.T) {
		// A lost nonce must not turn the check off.
		code, pend := begin()
		pend.Nonce = ""
		id, err := p.Finish(ctx, code, pend)
		assertRefused(t, id, err, auth.ErrNonce, "")
	})
}

func TestOIDCEndSession(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		op := oidctest.New(t, oidctest.Config{})
		p := newProvider(t, op, nil)
		u, ok := p.EndSessionURL(ctx, "the.id.token", "https://stafett.test/", "xyz")
		if !ok {
			t.Fatal("no end-session URL although discovery has one")
		}
		back := func() url.Values {
			resp, err := noRedirect.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, _ := url.Parse(resp.Header.Get("Location"))
			return loc.Query()
		}()
		ends := op.EndSessions()
		if len(ends) != 1 || ends[0].Get("id_token_hint") != "the.id.token" || ends[0].Get("post_logout_redirect_uri") != "https://stafett.test/" ||
			ends[0].Get("client_id") != op.ClientID || back.Get("state") != "xyz" {
			t.Errorf("end-session requests %v, back %v", ends, back)
		}
	})
	t.Run("NotOffered", func(t *testing.T) {
		op := oidctest.New(t, oidctest.Config{NoEndSession: true})
		p := newProvider(t, op, nil)
		if u, ok := p.EndSessionURL(ctx, "t", "https://stafett.test/", ""); ok || u != "" {
			t.Errorf("EndSessionURL = %q, %v; want none", u, ok)
		}
	})
}

func TestOIDCDiscovery(t *testing.T) {
	op := oidctest.New(t, oidctest.Config{})
	ctx := context.Background()
	t.Run("WrongIssuer", func(t *testing.T) {
		// The discovery document names op.Issuer; asking for another is refused.
		p := newProvider(t, op, func(c *auth.ProviderConfig) { c.Issuer = op.Issuer + "/other" })
		if err := p.Discover(ctx); err == nil {
			t.Error("discovery accepted a document for another issuer")
		}
		if _, _, err := p.Begin(ctx); err == nil {
			t.Error("Begin without discovery succeeded")
		}
	})
	t.Run("LateProvider", func(t *testing.T) {
		// NewProvider does not contact the provider, so Stafett starts while it is
		// down; discovery is tried again on use.
		down := oidctest.New(t, oidctest.Config{})
		issuer := down.Issuer
		down.Close()
		p := newProvider(t, op, func(c *auth.ProviderConfig) { c.Issuer = issuer })
		if err := p.Discover(ctx); err == nil {
			t.Error("discovery of a stopped provider succeeded")
		}
		if err := newProvider(t, op, nil).Discover(ctx); err != nil {
			t.Errorf("discovery: %v", err)
		}
	})
}

func TestNewProvider(t *testing.T) {
	base := auth.ProviderConfig{Name: "idporten", Issuer: "https://idporten.no", ClientID: "c", RedirectURL: callback}
	for _, tc := range []struct {
		name string
		mod  func(*auth.ProviderConfig)
		want string
	}{
		{"NoIssuer", func(c *auth.ProviderConfig) { c.Issuer = "" }, "missing issuer"},
		{"NoClient", func(c *auth.ProviderConfig) { c.ClientID = " " }, "missing client id"},
		{"NoRedirect", func(c *auth.ProviderConfig) { c.RedirectURL = "" }, "missing redirect URL"},
		{"RelativeRedirect", func(c *auth.ProviderConfig) { c.RedirectURL = "/callback" }, "not an absolute URL"},
		{"BadName", func(c *auth.ProviderConfig) { c.Name = "ID Porten" }, "name must be"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.mod(&c)
			if _, err := auth.NewProvider(c); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	t.Run("Defaults", func(t *testing.T) {
		p, err := auth.NewProvider(base)
		if err != nil || p.Name() != "idporten" || p.Label() != "idporten" {
			t.Errorf("provider %v, %v", p, err)
		}
	})
}

func TestProviders(t *testing.T) {
	mk := func(name string) *auth.Provider {
		p, err := auth.NewProvider(auth.ProviderConfig{Name: name, Issuer: "https://x", ClientID: "c", RedirectURL: callback})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ps, err := auth.NewProviders(mk("idporten"), mk("ansattporten"))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := ps.Get("ansattporten"); !ok || p.Name() != "ansattporten" {
		t.Errorf("Get(ansattporten) = %v, %v", p, ok)
	}
	if _, ok := ps.Get("entra"); ok {
		t.Error("Get(entra) found an unconfigured provider")
	}
	if l := ps.List(); len(l) != 2 || l[0].Name() != "idporten" || l[1].Name() != "ansattporten" {
		t.Errorf("List() not in configured order: %v", l)
	}
	if _, err := auth.NewProviders(mk("idporten"), mk("idporten")); err == nil {
		t.Error("two providers with one name accepted")
	}
	var none *auth.Providers
	if _, ok := none.Get("idporten"); ok || none.List() != nil {
		t.Error("a nil Providers (no OIDC configured) has providers")
	}
}

func TestACRSatisfies(t *testing.T) {
	for _, tc := range []struct {
		acr      string
		required string
		want     bool
	}{
		{"idporten-loa-high", "idporten-loa-high", true},
		{"idporten-loa-high", "idporten-loa-substantial", true},
		{"idporten-loa-substantial", "idporten-loa-high", false},
		{"idporten-loa-substantial", "idporten-loa-high idporten-loa-substantial", true},
		{"", "idporten-loa-substantial", false},
		{"", "", true},
		{"anything", "", true},
		{"Level4", "Level3", true},
		{"Level3", "Level4", false},
		{"eidas-loa-high", "idporten-loa-substantial", false}, // other scheme: no ranking across
		{"custom-gold", "custom-gold", true},
		{"custom-platinum", "custom-gold", false}, // unknown levels match only exactly
	} {
		if got := auth.ACRSatisfies(tc.acr, strings.Fields(tc.required)); got != tc.want {
			t.Errorf("ACRSatisfies(%q, %q) = %v, want %v", tc.acr, tc.required, got, tc.want)
		}
	}
}

// TestTestProviderStrict shows the test provider refuses what a real one refuses, so
// the sign-in tests above cannot pass against a lax provider.
func TestTestProviderStrict(t *testing.T) {
	op := oidctest.New(t, oidctest.Config{RedirectURIs: []string{callback}})
	ctx := context.Background()
	t.Run("UnregisteredRedirect", func(t *testing.T) {
		p := newProvider(t, op, func(c *auth.ProviderConfig) { c.RedirectURL = "https://evil.example/callback" })
		authURL, _, err := p.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := noRedirect.Get(authURL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d, want 400 for an unregistered redirect URI", resp.StatusCode)
		}
	})
	t.Run("NoPKCE", func(t *testing.T) {
		authURL, _, err := newProvider(t, op, nil).Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(authURL)
		q := u.Query()
		q.Del("code_challenge")
		u.RawQuery = q.Encode()
		back := authorize(t, u.String())
		if back.Get("error") != "invalid_request" || back.Get("code") != "" {
			t.Errorf("callback %v, want invalid_request and no code", back)
		}
	})
}
