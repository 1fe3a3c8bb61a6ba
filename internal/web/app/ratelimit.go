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

// takeSignIn counts a sign-in attempt for email from r's client against the
// failure limits per account and per address and, when global, against the global
// cap, before the password is checked: a refused attempt costs no password hash,
// and concurrent guesses cannot slip past the limit. The global cap counts each
// sign-in request once, so a second step within the same request passes false.
//
// From a browser with a valid device cookie for the account (DeviceCookie) the
// failures count in that device's own bucket instead of the account's and the
// address's, so that failures from elsewhere do not lock its owner out.
func (s *App) TakeSignIn(r *http.Request, email string, global bool) (*store.Taken, error) {
	l := s.Cfg.Limits
	counters := []store.Counter{
		{Bucket: BucketSignInAccount, Subject: people.NormalizeEmail(email), Limit: l.SignInFailures},
		{Bucket: BucketSignInAddress, Subject: s.ClientAddr(r), Limit: l.SignInAddressFailures},
	}
	if device := s.Device(r, email); device != "" {
		counters = []store.Counter{{Bucket: BucketSignInDevice, Subject: device, Limit: l.SignInFailures}}
	}
	if global {
		counters = append(counters, store.Counter{Bucket: BucketSignInGlobal, Limit: l.SignInGlobal})
	}
	return s.DB.TakeRate(r.Context(), counters...)
}

// settleSignIn gives back the failure counts of an attempt that did not fail on
// its credentials: a successful sign-in counts only towards the global cap, and
// does not reset what failed before it.
func (s *App) SettleSignIn(r *http.Request, taken *store.Taken, err error) error {
	if errors.Is(err, ErrBadCredentials) || errors.Is(err, ErrBadCode) {
		return nil
	}
	return s.DB.GiveBackRate(r.Context(), taken, BucketSignInAccount, BucketSignInAddress, BucketSignInDevice)
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
