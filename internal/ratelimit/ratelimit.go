// Package ratelimit describes the limits Stafett puts on sign-in attempts and on
// heavy reads: how many events of a kind one subject (an account, a client address,
// a user, or everyone together) may cause per window. The store counts them, in the
// database, so limits survive restarts and hold across several servers.
package ratelimit

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Limit allows N events per fixed window of length Per, counted from the first
// event of the window.
type Limit struct {
	N   int
	Per time.Duration
}

// IsZero reports whether l is unset.
func (l Limit) IsZero() bool { return l == Limit{} }

// String returns l as Parse reads it, e.g. "10/15m0s".
func (l Limit) String() string { return strconv.Itoa(l.N) + "/" + l.Per.String() }

// Parse reads a limit written "N/duration", e.g. "10/15m" or "600/1m": N at least 1
// and a positive duration.
func Parse(s string) (Limit, error) {
	n, per, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Limit{}, fmt.Errorf("%q is not a limit such as 10/15m", s)
	}
	count, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || count < 1 {
		return Limit{}, fmt.Errorf("%q: the count must be a whole number of at least 1", s)
	}
	d, err := time.ParseDuration(strings.TrimSpace(per))
	if err != nil || d < time.Second {
		return Limit{}, fmt.Errorf("%q: the window must be a duration of at least 1s, such as 15m", s)
	}
	return Limit{N: count, Per: d}, nil
}

// Limits are every limit of the server.
type Limits struct {
	// SignInFailures bounds failed sign-ins per account (e-mail).
	SignInFailures Limit
	// SignInAddressFailures bounds failed sign-ins per client address, whichever
	// accounts they are for; unset, it is SignInFailures. Where many people share one
	// public address (a school behind NAT), it can be set higher, so that one
	// person's mistakes do not lock the others out.
	SignInAddressFailures Limit
	// SignInGlobal bounds all sign-in attempts together, whoever makes them, so a
	// spread-out attack cannot keep the password hashing busy.
	SignInGlobal Limit
	// Export bounds full exports of logs per user.
	Export Limit
	// Search bounds log list and search requests per user.
	Search Limit
}

// Defaults are the limits when none are configured.
var Defaults = Limits{
	SignInFailures:        Limit{N: 10, Per: 15 * time.Minute},
	SignInAddressFailures: Limit{N: 10, Per: 15 * time.Minute},
	SignInGlobal:          Limit{N: 300, Per: time.Minute},
	Export:                Limit{N: 30, Per: time.Hour},
	Search:                Limit{N: 600, Per: time.Minute},
}

// WithDefaults returns l with every unset limit taken from Defaults.
func (l Limits) WithDefaults() Limits {
	for _, p := range []struct {
		dst *Limit
		def Limit
	}{
		{&l.SignInFailures, Defaults.SignInFailures}, {&l.SignInGlobal, Defaults.SignInGlobal},
		{&l.Export, Defaults.Export}, {&l.Search, Defaults.Search},
	} {
		if p.dst.IsZero() {
			*p.dst = p.def
		}
	}
	if l.SignInAddressFailures.IsZero() {
		l.SignInAddressFailures = l.SignInFailures
	}
	return l
}

// Exceeded is the detail of a refusal: which limit was reached and how long until
// its window ends. The store wraps it in a rate_limited fault; the web layer turns
// RetryAfter into the Retry-After header.
type Exceeded struct {
	Name       string
	RetryAfter time.Duration
}

func (e *Exceeded) Error() string {
	return fmt.Sprintf("rate limit %s reached; retry after %s", e.Name, e.RetryAfter)
}

// Seconds returns RetryAfter in whole seconds, rounded up and at least 1, as the
// Retry-After header carries it.
func (e *Exceeded) Seconds() int {
	s := int((e.RetryAfter + time.Second - 1) / time.Second)
	return max(s, 1)
}
