// Package oidctest runs a small OpenID Connect provider in-process for tests. It
// speaks the real protocol over HTTP — discovery, JWKS, the authorization endpoint,
// the token endpoint with client authentication and PKCE (S256), and an end-session
// endpoint — and signs ID tokens with a real RSA key, so a relying party under test
// is checked exactly as it would be against ID-porten or Entra ID.
//
// The authorization endpoint signs in the configured Identity at once, without a
// login page, and redirects back with a code. Identity can also bend the ID token
// (audience, expiry, nonce, acr, signing key) to test that such tokens are refused.
package oidctest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Config configures a Server. Zero fields take the defaults below.
type Config struct {
	ClientID     string // default "stafett"
	ClientSecret string // default "hemmelig"
	// RedirectURIs, when set, are the only redirect URIs accepted, as at a real
	// provider where the client registers them; any absolute URL otherwise.
	RedirectURIs []string
	// NoEndSession leaves end_session_endpoint out of the discovery document.
	NoEndSession bool
}

// Identity is the person who signs in at the next authorization request, and how
// their ID token is made.
type Identity struct {
	// Subject is the "sub" claim; "test-subject" when empty.
	Subject string
	// Claims are merged into the ID token after the standard claims, so they can
	// also override "aud", "exp", "iat", "nonce" or "iss". A nil value removes the
	// claim. When "acr" is not named here, the first requested acr_values is used.
	Claims map[string]any
	// SignWith, when set, signs the ID token with this key (under the provider's
	// key id) instead of the provider's own: a token with a bad signature.
	SignWith *rsa.PrivateKey
}

// Server is a running test provider. Issuer is its issuer URL.
type Server struct {
	Issuer       string
	ClientID     string
	ClientSecret string

	// Now is the provider's clock for iat and exp; time.Now when nil. Set it
	// before the first sign-in.
	Now func() time.Time

	srv  *httptest.Server
	cfg  Config
	key  *rsa.PrivateKey
	kid  string
	mu   sync.Mutex
	id   Identity
	code map[string]grant
	ends []url.Values
}

// grant is an issued authorization code waiting to be exchanged.
type grant struct {
	redirectURI string
	challenge   string
	nonce       string
	acr         string
	id          Identity
	expires     time.Time
}

// New starts a provider and stops it when the test ends.
func New(t testing.TB, cfg Config) *Server {
	t.Helper()
	s, err := Start(cfg)
	if err != nil {
		t.Fatalf("oidctest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a provider; Close stops it. Tests should prefer New.
func Start(cfg Config) (*Server, error) {
	if cfg.ClientID == "" {
		cfg.ClientID = "stafett"
	}
	if cfg.ClientSecret == "" {
		cfg.ClientSecret = "hemmelig"
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	s := &Server{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, cfg: cfg, key: key,
		kid: randomString(8), code: map[string]grant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", s.discovery)
	mux.HandleFunc("GET /jwks", s.jwks)
	mux.HandleFunc("GET /authorize", s.authorize)
	mux.HandleFunc("POST /token", s.token)
	mux.HandleFunc("GET /endsession", s.endSession)
	s.srv = httptest.NewServer(mux)
	s.Issuer = s.srv.URL
	return s, nil
}

// Close stops the provider.
func (s *Server) Close() { s.srv.Close() }

// SetIdentity sets who signs in at the following authorization requests.
func (s *Server) SetIdentity(id Identity) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.id = id
}

// EndSessions returns the query of every request to the end-session endpoint so far.
func (s *Server) EndSessions() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.ends...)
}

// NewKey returns a fresh RSA key, for Identity.SignWith.
func NewKey() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return k
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Server) discovery(w http.ResponseWriter, r *http.Request) {
	doc := map[string]any{
		"issuer":                                s.Issuer,
		"authorization_endpoint":                s.Issuer + "/authorize",
		"token_endpoint":                        s.Issuer + "/token",
		"jwks_uri":                              s.Issuer + "/jwks",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"scopes_supported":                      []string{"openid", "profile"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"acr_values_supported":                  []string{"idporten-loa-substantial", "idporten-loa-high"},
	}
	if !s.cfg.NoEndSession {
		doc["end_session_endpoint"] = s.Issuer + "/endsession"
	}
	writeJSON(w, http.StatusOK, doc)
}

func (s *Server) jwks(w http.ResponseWriter, r *http.Request) {
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &s.key.PublicKey, KeyID: s.kid, Algorithm: "RS256", Use: "sig"}}}
	writeJSON(w, http.StatusOK, set)
}

// authorize checks the request as a strict provider would and answers with a code.
// Errors that cannot safely go back to the client are plain 400s.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	switch {
	case q.Get("client_id") != s.ClientID:
		http.Error(w, "unknown client_id", http.StatusBadRequest)
		return
	case err != nil || !redirect.IsAbs():
		http.Error(w, "redirect_uri must be an absolute URL", http.StatusBadRequest)
		return
	case len(s.cfg.RedirectURIs) > 0 && !slices.Contains(s.cfg.RedirectURIs, q.Get("redirect_uri")):
		http.Error(w, "redirect_uri is not registered", http.StatusBadRequest)
		return
	}
	var problem string
	switch {
	case q.Get("response_type") != "code":
		problem = "response_type must be code"
	case !strings.Contains(" "+q.Get("scope")+" ", " openid "):
		problem = "scope must include openid"
	case q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "":
		problem = "PKCE with S256 is required"
	case q.Get("state") == "" || q.Get("nonce") == "":
		problem = "state and nonce are required"
	}
	back := redirect.Query()
	if problem != "" {
		back.Set("error", "invalid_request")
		back.Set("error_description", problem)
	} else {
		code := randomString(32)
		var acr string
		if f := strings.Fields(q.Get("acr_values")); len(f) > 0 {
			acr = f[0]
		}
		s.mu.Lock()
		s.code[code] = grant{redirectURI: redirect.String(), challenge: q.Get("code_challenge"), nonce: q.Get("nonce"),
			acr: acr, id: s.id, expires: s.now().Add(time.Minute)}
		s.mu.Unlock()
		back.Set("code", code)
	}
	back.Set("state", q.Get("state"))
	back.Set("iss", s.Issuer)
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// token exchanges a code once: the client must authenticate, name the same
// redirect URI and present the PKCE verifier matching the challenge.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	id, secret, ok := r.BasicAuth()
	if ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != s.ClientID || secret != s.ClientSecret {
		tokenError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	if r.PostForm.Get("grant_type") != "authorization_code" {
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	s.mu.Lock()
	g, found := s.code[r.PostForm.Get("code")]
	delete(s.code, r.PostForm.Get("code")) // a code is used once, even when the exchange fails
	s.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	switch {
	case !found || s.now().After(g.expires):
		tokenError(w, http.StatusBadRequest, "invalid_grant")
		return
	case r.PostForm.Get("redirect_uri") != g.redirectURI:
		tokenError(w, http.StatusBadRequest, "invalid_grant")
		return
	case base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
		tokenError(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	idToken, err := s.sign(g)
	if err != nil {
		tokenError(w, http.StatusInternalServerError, "server_error")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": randomString(32), "token_type": "Bearer", "expires_in": 120, "id_token": idToken,
	})
}

// sign makes the ID token for g: standard claims, then the identity's own.
func (s *Server) sign(g grant) (string, error) {
	now := s.now()
	sub := g.id.Subject
	if sub == "" {
		sub = "test-subject"
	}
	claims := map[string]any{
		"iss": s.Issuer, "sub": sub, "aud": s.ClientID, "iat": now.Unix(), "exp": now.Add(2 * time.Minute).Unix(),
		"nonce": g.nonce, "auth_time": now.Unix(), "amr": []string{"TestID"},
	}
	if g.acr != "" {
		claims["acr"] = g.acr
	}
	maps.Copy(claims, g.id.Claims)
	maps.DeleteFunc(claims, func(_ string, v any) bool { return v == nil })
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	key := s.key
	if g.id.SignWith != nil {
		key = g.id.SignWith
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: s.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	obj, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return obj.CompactSerialize()
}

// endSession records the request and sends the browser back where asked.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	s.ends = append(s.ends, q)
	s.mu.Unlock()
	back, err := url.Parse(q.Get("post_logout_redirect_uri"))
	if err != nil || !back.IsAbs() {
		w.WriteHeader(http.StatusOK)
		return
	}
	if st := q.Get("state"); st != "" {
		v := back.Query()
		v.Set("state", st)
		back.RawQuery = v.Encode()
	}
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func tokenError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, map[string]string{"error": code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
