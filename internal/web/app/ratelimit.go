package app

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"stafett/internal/people"
	"stafett/internal/ratelimit"
	"stafett/internal/store"
	"strconv"
	"strings"
)

// globalSpread is how many rows the global sign-in cap is counted in (Counter.Spread):
// every sign-in touches it, on every server.
const globalSpread = 8

// CheckSignIn refuses a sign-in attempt for email from r's client when the failures
// per account and per address have reached their limits, before the password is
// checked, so a refused attempt costs no password hash. When global, the attempt is
// also counted against the global cap. The global cap counts each sign-in request
// once, so a second step within the same request passes false. The failure limits
// count nothing here: only FailedSignIn does, after a check has failed, so a right
// password never touches a failure counter.
//
// From a browser with a valid device cookie for the account (DeviceCookie) the
// failures count in that device's own bucket instead of the account's and the
// address's, so that failures from elsewhere do not lock its owner out.
func (s *App) CheckSignIn(r *http.Request, email string, global bool) error {
	if global {
		g := store.Counter{Bucket: BucketSignInGlobal, Limit: s.Cfg.Limits.SignInGlobal, Spread: globalSpread}
		if _, err := s.DB.TakeRate(r.Context(), g); err != nil {
			return err
		}
	}
	return s.DB.CheckRate(r.Context(), s.signInFailures(r, email)...)
}

// FailedSignIn counts a failed sign-in for email from r's client, when err says the
// credentials or the code were wrong; any other outcome counts nothing.
func (s *App) FailedSignIn(r *http.Request, email string, err error) error {
	if !errors.Is(err, ErrBadCredentials) && !errors.Is(err, ErrBadCode) {
		return nil
	}
	return s.DB.CountRate(r.Context(), s.signInFailures(r, email)...)
}

// signInFailures are the counters a failed sign-in for email from r counts on.
func (s *App) signInFailures(r *http.Request, email string) []store.Counter {
	l := s.Cfg.Limits
	if device := s.Device(r, email); device != "" {
		return []store.Counter{{Bucket: BucketSignInDevice, Subject: device, Limit: l.SignInFailures}}
	}
	return []store.Counter{
		{Bucket: BucketSignInAccount, Subject: people.NormalizeEmail(email), Limit: l.SignInFailures},
		{Bucket: BucketSignInAddress, Subject: s.ClientAddr(r), Limit: l.SignInAddressFailures},
	}
}

// takeUser counts one request of the signed-in person on bucket.
func (s *App) TakeUser(r *http.Request, p *people.Principal, bucket string, l ratelimit.Limit) error {
	_, err := s.DB.TakeRate(r.Context(), store.Counter{Bucket: bucket, Subject: p.User.ID, Limit: l})
	return err
}

// SetRetryAfter sets Retry-After when err is a reached rate limit.
func setRateLimitRetryAfter(w http.ResponseWriter, err error) {
	var ex *ratelimit.Exceeded
	if errors.As(err, &ex) {
		w.Header().Set("Retry-After", strconv.Itoa(ex.Seconds()))
	}
}

// clientAddr returns the address r's client is counted under: the peer's, or,
// when the peer is a trusted proxy, the nearest address in X-Forwarded-For that is
// not a trusted proxy itself (the ones further left could be made up by the
// client). IPv6 clients are counted per /64, the block one subscriber usually has.
func (s *App) ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return "unknown"
	}
	addr = addr.Unmap()
	if s.Trusted(addr) {
		addr = s.ForwardedFor(r, addr)
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// forwardedFor walks X-Forwarded-For from the right, past trusted proxies, and
// returns the first other address; peer when there is none that can be read.
func (s *App) ForwardedFor(r *http.Request, peer netip.Addr) netip.Addr {
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		client = a.Unmap()
		if !s.Trusted(client) {
			break
		}
	}
	return client
}

func (s *App) Trusted(a netip.Addr) bool {
	for _, p := range s.Cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// The rate-limit buckets. Their names are stored as they are; whom they count is
// stored only as an HMAC.
const (
	BucketSignInAccount = "signin_account"
	BucketSignInAddress = "signin_address"
	BucketSignInGlobal  = "signin_global"
	BucketSignInDevice  = "signin_device"
	BucketExport        = "export"
	BucketSearch        = "search"
)
