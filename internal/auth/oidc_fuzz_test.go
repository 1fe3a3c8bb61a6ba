package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/auth"
	"stafett/internal/auth/oidctest"
	"stafett/internal/fault"
)

// reasons are the refusals Finish may answer with.
var reasons = []error{auth.ErrExchange, auth.ErrIDToken, auth.ErrNonce, auth.ErrACR, auth.ErrIDClaim}

// FuzzOIDCFinish feeds the callback's parameters — any query string, with any
// code, state and error — and any remembered nonce and verifier to Finish against a
// real provider, sometimes with a real code from a real authorization whose person
// has any acr and national ID. Finish must never panic, must refuse with one of the
// defined reasons as an unauthenticated fault, and may sign someone in only with a
// real code, its own nonce and verifier, an accepted acr and a national ID.
func FuzzOIDCFinish(f *testing.F) {
	op := oidctest.New(f, oidctest.Config{})
	p, err := auth.NewProvider(auth.ProviderConfig{
		Name: "idporten", Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret,
		RedirectURL: callback, ACRValues: "idporten-loa-high",
	})
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	if err := p.Discover(ctx); err != nil {
		f.Fatal(err)
	}
	for _, s := range []struct {
		query, nonce, verifier string
		real                   bool
		acr, pid               string
	}{
		{"code=abc&state=xyz&iss=x", "n", "v", false, "", ""},
		{"", "", "", true, "", "12345678901"},
		{"", "", "", true, "idporten-loa-substantial", "12345678901"},
		{"", "", "", true, "Level4", "12345678901"},
		{"", "", "", true, "", " "},
		{"", "feil-nonce", "", true, "", "12345678901"},
		{"", "", "feil-verifier-feil-verifier-feil-verifier-123", true, "", "12345678901"},
		{"error=access_denied&error_description=avbrutt&state=s", "", "", false, "", ""},
		{"code=%00&state=%ff", "\x00", "\xff", false, "", ""},
		{"code=" + strings.Repeat("A", 5000), "n", "v", false, "", ""},
		{"code=a&code=b;state=%zz", "", "", false, "", ""},
	} {
		f.Add(s.query, s.nonce, s.verifier, s.real, s.acr, s.pid)
	}
	f.Fuzz(func(t *testing.T, query, nonce, verifier string, real bool, acr, pid string) {
		q, _ := url.ParseQuery(query) // an unreadable query yields what could be read
		code := q.Get("code")
		pend := auth.Pending{State: q.Get("state"), Nonce: nonce, Verifier: verifier}
		var realPend auth.Pending
		if real {
			// Tokens are JSON, which carries no invalid UTF-8: the provider would
			// send what encoding made of pid.
			if b, err := json.Marshal(pid); err == nil {
				_ = json.Unmarshal(b, &pid)
			}
			claims := map[string]any{"pid": pid}
			if acr != "" {
				claims["acr"] = acr
			}
			op.SetIdentity(oidctest.Identity{Claims: claims})
			authURL, pd, err := p.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			back := authorize(t, authURL)
			code, realPend = back.Get("code"), pd
			pend.State = pd.State
			if nonce == "" {
				pend.Nonce = pd.Nonce
			}
			if verifier == "" {
				pend.Verifier = pd.Verifier
			}
		}
		id, err := p.Finish(ctx, code, pend)
		if err != nil {
			if fault.CodeOf(err) != fault.Unauthenticated || !isReason(err) {
				t.Fatalf("Finish = %v (code %q), want an unauthenticated refusal with a defined reason", err, fault.CodeOf(err))
			}
			var fe *fault.Error
			if errors.As(err, &fe) && (fe.Message == "" || len(code) >= 8 && strings.Contains(fe.Message, code)) {
				t.Errorf("refusal message %q is empty or repeats the code", fe.Message)
			}
		} else {
			switch {
			case !real:
				t.Fatalf("signed in %+v with a made-up code %q", id, code)
			case pend.Nonce != realPend.Nonce || pend.Verifier != realPend.Verifier:
				t.Fatalf("signed in with a wrong nonce or verifier")
			case strings.TrimSpace(id.ID) == "" || id.ID != pid:
				t.Fatalf("identity %q, want the national ID %q", id.ID, pid)
			case !auth.ACRSatisfies(id.ACR, []string{"idporten-loa-high"}):
				t.Fatalf("accepted acr %q", id.ACR)
			}
		}
		if code != "" {
			// A code is good for one exchange at most.
			if id, err := p.Finish(ctx, code, pend); err == nil || !errors.Is(err, auth.ErrExchange) {
				t.Fatalf("second Finish with the same code = %+v, %v, want ErrExchange", id, err)
			}
		}
	})
}

func isReason(err error) bool {
	for _, r := range reasons {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}
