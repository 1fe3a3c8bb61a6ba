package config

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"stafett/internal/ratelimit"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadLimits(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := Load(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.Limits != ratelimit.Defaults || c.TrustedProxies != nil {
			t.Errorf("limits %+v, proxies %v", c.Limits, c.TrustedProxies)
		}
		if c.Limits.SignInFailures != (ratelimit.Limit{N: 10, Per: 15 * time.Minute}) {
			t.Errorf("sign-in limit %v, want 10/15m as documented", c.Limits.SignInFailures)
		}
	})
	t.Run("Set", func(t *testing.T) {
		c, err := Load(env(map[string]string{
			"STAFETT_LIMIT_SIGNIN": "5/10m", "STAFETT_LIMIT_SIGNIN_ADDRESS": "100/15m", "STAFETT_LIMIT_SIGNIN_GLOBAL": "1000/1m",
			"STAFETT_LIMIT_EXPORT": "2/1h", "STAFETT_LIMIT_SEARCH": "60/1m",
			"STAFETT_TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12,fd00::/8",
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := ratelimit.Limits{
			SignInFailures: ratelimit.Limit{N: 5, Per: 10 * time.Minute}, SignInAddressFailures: ratelimit.Limit{N: 100, Per: 15 * time.Minute},
			SignInGlobal: ratelimit.Limit{N: 1000, Per: time.Minute},
			Export:       ratelimit.Limit{N: 2, Per: time.Hour}, Search: ratelimit.Limit{N: 60, Per: time.Minute},
		}
		if c.Limits != want {
			t.Errorf("limits %+v, want %+v", c.Limits, want)
		}
		proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("fd00::/8")}
		if !slices.Equal(c.TrustedProxies, proxies) {
			t.Errorf("proxies %v, want %v", c.TrustedProxies, proxies)
		}
	})
	t.Run("AddressFollowsAccount", func(t *testing.T) {
		c, err := Load(env(map[string]string{"STAFETT_LIMIT_SIGNIN": "5/10m"}))
		if err != nil {
			t.Fatal(err)
		}
		if want := (ratelimit.Limit{N: 5, Per: 10 * time.Minute}); c.Limits.SignInAddressFailures != want {
			t.Errorf("per-address limit %v, want the per-account %v", c.Limits.SignInAddressFailures, want)
		}
	})
	t.Run("ErrEveryProblem", func(t *testing.T) {
		_, err := Load(env(map[string]string{
			"STAFETT_LIMIT_SIGNIN": "ti", "STAFETT_LIMIT_EXPORT": "0/1h", "STAFETT_TRUSTED_PROXIES": "10.0.0.1,proxy.local",
		}))
		if err == nil {
			t.Fatal("no error")
		}
		for _, name := range []string{"STAFETT_LIMIT_SIGNIN:", "STAFETT_LIMIT_EXPORT:", `STAFETT_TRUSTED_PROXIES: "proxy.local"`} {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error does not name %s:\n%v", name, err)
			}
		}
	})
}

func TestLoadBackup(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.Backup != (Backup{Every: 24 * time.Hour, Keep: 7}) {
		t.Errorf("defaults: %+v, %v", c.Backup, err)
	}
	c, err = Load(env(map[string]string{"STAFETT_BACKUP_DIR": "/var/backups/stafett", "STAFETT_BACKUP_EVERY": "6h", "STAFETT_BACKUP_KEEP": "28"}))
	if err != nil || c.Backup != (Backup{Dir: "/var/backups/stafett", Every: 6 * time.Hour, Keep: 28}) {
		t.Errorf("set: %+v, %v", c.Backup, err)
	}
	_, err = Load(env(map[string]string{"STAFETT_BACKUP_DIR": "b", "STAFETT_BACKUP_EVERY": "10s", "STAFETT_BACKUP_KEEP": "0"}))
	for _, want := range []string{"STAFETT_BACKUP_EVERY: 10s is too often", `STAFETT_BACKUP_KEEP: "0" is not a whole number`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}
