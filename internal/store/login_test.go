package store_test

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"stafett/internal/auth"
	"stafett/internal/auth/oidctest"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

func loginUser(t *testing.T, db *store.DB, email, nid string) *people.User {
	t.Helper()
	u := people.User{Email: email, Name: "Kari Nordmann", NationalID: nid}
	if err := db.CreateUser(context.Background(), people.System(), &u, ""); err != nil {
		t.Fatal(err)
	}
	return &u
}

func TestLoginState(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		create := func(hash string) *store.LoginState {
			t.Helper()
			ls := &store.LoginState{Provider: "idporten", Nonce: "n-" + hash, Verifier: "v-" + hash, ReturnTo: "/logs/abc"}
			if err := db.CreateLoginState(ctx, hash, ls); err != nil {
				t.Fatal(err)
			}
			return ls
		}
		t.Run("OK", func(t *testing.T) {
			want := create("h1")
			if !want.CreatedAt.Equal(now) || !want.ExpiresAt.Equal(now.Add(10*time.Minute)) {
				t.Errorf("times %v %v, want now and now+10m", want.CreatedAt, want.ExpiresAt)
			}
			got, err := db.TakeLoginState(ctx, "h1")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("taken state differs (-want +got):\n%s", diff)
			}
		})
		t.Run("ErrReplayed", func(t *testing.T) {
			if _, err := db.TakeLoginState(ctx, "h1"); !fault.Is(err, fault.NotFound) {
				t.Errorf("second take: err = %v, want not found", err)
			}
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			if _, err := db.TakeLoginState(ctx, "never-issued"); !fault.Is(err, fault.NotFound) {
				t.Errorf("err = %v, want not found", err)
			}
		})
		t.Run("ErrExpired", func(t *testing.T) {
			create("h2")
			create("h3")
			now = now.Add(10*time.Minute - time.Second)
			if _, err := db.TakeLoginState(ctx, "h2"); err != nil {
				t.Errorf("taken a second before expiry: %v", err)
			}
			now = now.Add(time.Second)
			if _, err := db.TakeLoginState(ctx, "h3"); !fault.Is(err, fault.NotFound) {
				t.Errorf("taken at expiry: err = %v, want not found", err)
			}
		})
		t.Run("ExpiredRemovedOnCreate", func(t *testing.T) {
			start := now
			create("old")
			now = now.Add(11 * time.Minute)
			create("new")
			now = start // were "old" still stored, it would be taken now
			if _, err := db.TakeLoginState(ctx, "old"); !fault.Is(err, fault.NotFound) {
				t.Errorf("expired state survived a later sign-in: err = %v", err)
			}
			now = start.Add(11 * time.Minute)
		})
		t.Run("ErrIncomplete", func(t *testing.T) {
			if err := db.CreateLoginState(ctx, "h4", &store.LoginState{Provider: "idporten", Nonce: "n"}); err == nil {
				t.Error("state without PKCE verifier stored")
			}
		})
		t.Run("ConcurrentTakeOnce", func(t *testing.T) {
			create("race")
			var wins atomic.Int32
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					if _, err := db.TakeLoginState(ctx, "race"); err == nil {
						wins.Add(1)
					} else if !fault.Is(err, fault.NotFound) {
						t.Errorf("take: %v", err)
					}
				})
			}
			wg.Wait()
			if wins.Load() != 1 {
				t.Errorf("state taken %d times by concurrent callbacks, want 1", wins.Load())
			}
		})
	})
}

// TestOIDCSignInWithStore runs a whole sign-in as the web layer will: Begin, keep
// the pending values in the database, the provider's redirect, take the state,
// Finish, and match the person on national ID.
func TestOIDCSignInWithStore(t *testing.T) {
	ctx := context.Background()
	op := oidctest.New(t, oidctest.Config{})
	p, err := auth.NewProvider(auth.ProviderConfig{Name: "idporten", Issuer: op.Issuer, ClientID: op.ClientID,
		ClientSecret: op.ClientSecret, RedirectURL: "https://stafett.test/login/callback", ACRValues: "idporten-loa-high"})
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		kari := loginUser(t, db, "kari@example.no", "05917296315")
		// signIn returns the callback's query after the provider signed in pid.
		signIn := func(pid string) url.Values {
			t.Helper()
			op.SetIdentity(oidctest.Identity{Claims: map[string]any{"pid": pid}})
			authURL, pend, err := p.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ls := store.LoginState{Provider: p.Name(), Nonce: pend.Nonce, Verifier: pend.Verifier, ReturnTo: "/logs"}
			if err := db.CreateLoginState(ctx, auth.HashToken(pend.State), &ls); err != nil {
				t.Fatal(err)
			}
			resp, err := browser.Get(authURL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, err := url.Parse(resp.Header.Get("Location"))
			if err != nil {
				t.Fatal(err)
			}
			return loc.Query()
		}
		finish := func(back url.Values) (*auth.Identity, error) {
			t.Helper()
			ls, err := db.TakeLoginState(ctx, auth.HashToken(back.Get("state")))
			if err != nil {
				return nil, err
			}
			if ls.Provider != "idporten" || ls.ReturnTo != "/logs" {
				t.Errorf("login state = %+v", ls)
			}
			return p.Finish(ctx, back.Get("code"), auth.Pending{State: back.Get("state"), Nonce: ls.Nonce, Verifier: ls.Verifier})
		}
		t.Run("OK", func(t *testing.T) {
			back := signIn("05917296315")
			id, err := finish(back)
			if err != nil {
				t.Fatal(err)
			}
			u, err := db.FindUserByNationalID(ctx, id.ID)
			if err != nil || u.ID != kari.ID || u.Email != "kari@example.no" || id.ACR != "idporten-loa-high" {
				t.Errorf("matched %+v, %v for %+v; want Kari", u, err, id)
			}
			t.Run("ErrReplayedState", func(t *testing.T) {
				if id, err := finish(back); !fault.Is(err, fault.NotFound) {
					t.Errorf("replayed callback: %+v, %v; want not found", id, err)
				}
			})
		})
		t.Run("ErrUnknownPerson", func(t *testing.T) {
			id, err := finish(signIn("01010112345"))
			if err != nil {
				t.Fatal(err)
			}
			if u, err := db.FindUserByNationalID(ctx, id.ID); !fault.Is(err, fault.NotFound) {
				t.Errorf("unknown person matched %+v, %v", u, err)
			}
		})
		t.Run("ErrForgedState", func(t *testing.T) {
			back := signIn("05917296315")
			back.Set("state", "forged")
			if _, err := finish(back); !fault.Is(err, fault.NotFound) {
				t.Errorf("forged state: err = %v, want not found", err)
			}
		})
		t.Run("EmptyNationalID", func(t *testing.T) {
			loginUser(t, db, "ola@example.no", "") // users without a national ID must not match ""
			if u, err := db.FindUserByNationalID(ctx, ""); !fault.Is(err, fault.NotFound) {
				t.Errorf("empty national ID matched %+v, %v", u, err)
			}
		})
	})
}

func TestSessionProvider(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		u := loginUser(t, db, "kari@example.no", "05917296315")
		policy := people.SessionPolicy{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}
		for _, tok := range []string{"tok1", "tok2"} {
			if _, err := db.CreateSession(ctx, u.ID, tok, "password", policy); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SetSessionProvider(ctx, "tok1", "idporten", "id.token.1"); err != nil {
			t.Fatal(err)
		}
		if prov, tok, err := db.GetSessionProvider(ctx, "tok1"); err != nil || prov != "idporten" || tok != "id.token.1" {
			t.Errorf("GetSessionProvider = %q, %q, %v", prov, tok, err)
		}
		if _, _, err := db.GetSessionProvider(ctx, "tok2"); !fault.Is(err, fault.NotFound) {
			t.Errorf("password session: err = %v, want not found", err)
		}
		if err := db.SetSessionProvider(ctx, "no-such-session", "idporten", "x"); !fault.Is(err, fault.NotFound) {
			t.Errorf("unknown session: err = %v, want not found", err)
		}
		if err := db.DeleteSession(ctx, "tok1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.GetSessionProvider(ctx, "tok1"); !fault.Is(err, fault.NotFound) {
			t.Errorf("after sign-out: err = %v, want the ID token gone with the session", err)
		}
	})
}

func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTOTP(t *testing.T) {
	ctx := context.Background()
	var checker auth.TOTP
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 10, 0, 15, 0, time.UTC)
		db.Now = func() time.Time { return now }
		u := loginUser(t, db, "kari@example.no", "")
		other := loginUser(t, db, "ola@example.no", "")
		enrol, err := checker.Enrol(u.Email)
		if err != nil {
			t.Fatal(err)
		}
		secret := enrol.Secret
		codes, hashes := auth.NewRecoveryCodes()
		verify := func(c string) error { return db.VerifyTOTP(ctx, u.ID, c, checker) }
		enabled := func() bool {
			t.Helper()
			on, err := db.TOTPEnabled(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return on
		}

		t.Run("NotEnrolled", func(t *testing.T) {
			if enabled() {
				t.Error("enabled before enrolment")
			}
			if err := verify(totpCode(t, secret, now)); !fault.Is(err, fault.NotFound) {
				t.Errorf("verify without TOTP: err = %v, want not found", err)
			}
			if err := db.BeginTOTP(ctx, "no-such-user", secret); !fault.Is(err, fault.NotFound) {
				t.Errorf("begin for unknown user: err = %v, want not found", err)
			}
		})
		t.Run("ConfirmNeedsValidCode", func(t *testing.T) {
			if err := db.BeginTOTP(ctx, u.ID, secret); err != nil {
				t.Fatal(err)
			}
			if enabled() {
				t.Error("a pending secret is in force before confirmation")
			}
			assertField(t, db.ConfirmTOTP(ctx, u.ID, "", wrongCode(totpCode(t, secret, now)), checker, hashes), "code", fault.FieldInvalid)
			if enabled() {
				t.Error("enabled by a wrong code")
			}
			if err := db.ConfirmTOTP(ctx, other.ID, "", totpCode(t, secret, now), checker, hashes); !fault.Is(err, fault.NotFound) {
				t.Errorf("confirm without enrolment: err = %v, want not found", err)
			}
		})
		t.Run("Confirm", func(t *testing.T) {
			if err := db.ConfirmTOTP(ctx, u.ID, "", totpCode(t, secret, now), checker, hashes); err != nil {
				t.Fatal(err)
			}
			if !enabled() {
				t.Error("not enabled after confirmation")
			}
			if n, err := db.CountRecoveryCodes(ctx, u.ID); err != nil || n != auth.RecoveryCodes {
				t.Errorf("recovery codes = %d, %v; want %d", n, err, auth.RecoveryCodes)
			}
		})
		t.Run("ErrReplayedInSameStep", func(t *testing.T) {
			// The confirming code's step counts as used.
			assertField(t, verify(totpCode(t, secret, now)), "code", fault.FieldInvalid)
			now = now.Add(30 * time.Second)
			if err := verify(totpCode(t, secret, now)); err != nil {
				t.Fatalf("next step's code refused: %v", err)
			}
			assertField(t, verify(totpCode(t, secret, now)), "code", fault.FieldInvalid)
		})
		t.Run("ErrWrongCode", func(t *testing.T) {
			now = now.Add(30 * time.Second)
			assertField(t, verify(wrongCode(totpCode(t, secret, now))), "code", fault.FieldInvalid)
			if err := verify(totpCode(t, secret, now)); err != nil {
				t.Errorf("a wrong code used up the step: %v", err)
			}
		})
		t.Run("SkewOneStep", func(t *testing.T) {
			now = now.Add(5 * time.Minute)
			if err := verify(totpCode(t, secret, now.Add(-30*time.Second))); err != nil {
				t.Errorf("code one step behind refused: %v", err)
			}
			if err := verify(totpCode(t, secret, now.Add(30*time.Second))); err != nil {
				t.Errorf("code one step ahead refused: %v", err)
			}
			// Having used the step ahead, the current step is in the past.
			assertField(t, verify(totpCode(t, secret, now)), "code", fault.FieldInvalid)
		})
		t.Run("ErrSkewTwoSteps", func(t *testing.T) {
			now = now.Add(5 * time.Minute)
			assertField(t, verify(totpCode(t, secret, now.Add(-60*time.Second))), "code", fault.FieldInvalid)
			assertField(t, verify(totpCode(t, secret, now.Add(60*time.Second))), "code", fault.FieldInvalid)
		})
		t.Run("ConcurrentSameCodeOnce", func(t *testing.T) {
			now = now.Add(5 * time.Minute)
			c := totpCode(t, secret, now)
			var wins atomic.Int32
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					if err := verify(c); err == nil {
						wins.Add(1)
					} else if !fault.Is(err, fault.Invalid) {
						t.Errorf("verify: %v", err)
					}
				})
			}
			wg.Wait()
			if wins.Load() != 1 {
				t.Errorf("one code accepted %d times by concurrent sign-ins, want 1", wins.Load())
			}
		})
		t.Run("RecoveryCodeOnce", func(t *testing.T) {
			typed := " " + codes[0] + " "
			if err := db.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(typed)); err != nil {
				t.Fatal(err)
			}
			assertField(t, db.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(codes[0])), "code", fault.FieldInvalid)
			assertField(t, db.UseRecoveryCode(ctx, other.ID, auth.HashRecoveryCode(codes[1])), "code", fault.FieldInvalid)
			assertField(t, db.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode("aaaa-bbbb-cccc-dddd")), "code", fault.FieldInvalid)
			if n, _ := db.CountRecoveryCodes(ctx, u.ID); n != auth.RecoveryCodes-1 {
				t.Errorf("recovery codes left = %d, want %d", n, auth.RecoveryCodes-1)
			}
		})
		t.Run("ReEnrol", func(t *testing.T) {
			next, _ := checker.Enrol(u.Email)
			if err := db.BeginTOTP(ctx, u.ID, next.Secret); err != nil {
				t.Fatal(err)
			}
			now = now.Add(5 * time.Minute)
			if err := verify(totpCode(t, secret, now)); err != nil {
				t.Errorf("old secret stopped working before the new one was confirmed: %v", err)
			}
			newCodes, newHashes := auth.NewRecoveryCodes()
			if err := db.ConfirmTOTP(ctx, u.ID, "", totpCode(t, next.Secret, now), checker, newHashes); err != nil {
				t.Fatal(err)
			}
			now = now.Add(30 * time.Second)
			assertField(t, verify(totpCode(t, secret, now)), "code", fault.FieldInvalid)
			if err := verify(totpCode(t, next.Secret, now)); err != nil {
				t.Errorf("new secret refused: %v", err)
			}
			assertField(t, db.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(codes[1])), "code", fault.FieldInvalid)
			if err := db.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(newCodes[1])); err != nil {
				t.Errorf("new recovery code refused: %v", err)
			}
			secret = next.Secret
		})
		t.Run("ReplaceRecoveryCodes", func(t *testing.T) {
			fresh, freshHashes := auth.NewRecoveryCodes()
			if err := db.ReplaceRecoveryCodes(ctx, u.ID, freshHashes); err != nil {
				t.Fatal(err)
			}
			if n, _ := db.CountRecoveryCodes(ctx, u.ID); n != auth.RecoveryCodes {
				t.Errorf("recovery codes = %d after replacing, want %d", n, auth.RecoveryCodes)
			}
			if err := db.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(fresh[9])); err != nil {
				t.Error(err)
			}
			if err := db.ReplaceRecoveryCodes(ctx, other.ID, freshHashes); !fault.Is(err, fault.NotFound) {
				t.Errorf("codes for a user without TOTP: err = %v, want not found", err)
			}
		})
		t.Run("Disable", func(t *testing.T) {
			if err := db.DisableTOTP(ctx, u.ID, u.ID); err != nil {
				t.Fatal(err)
			}
			if enabled() {
				t.Error("still enabled")
			}
			if n, _ := db.CountRecoveryCodes(ctx, u.ID); n != 0 {
				t.Errorf("%d recovery codes left after disabling", n)
			}
			now = now.Add(5 * time.Minute)
			if err := verify(totpCode(t, secret, now)); !fault.Is(err, fault.NotFound) {
				t.Errorf("verify after disabling: err = %v, want not found", err)
			}
			if err := db.DisableTOTP(ctx, u.ID, u.ID); !fault.Is(err, fault.NotFound) {
				t.Errorf("second disable: err = %v, want not found", err)
			}
		})
	})
}

// wrongCode returns another six-digit code.
func wrongCode(c string) string {
	b := []byte(c)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}
