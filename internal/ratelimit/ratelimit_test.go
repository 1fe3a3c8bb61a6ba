package ratelimit

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Limit
		ok   bool
	}{
		{"10/15m", Limit{10, 15 * time.Minute}, true},
		{" 600 / 1m ", Limit{600, time.Minute}, true},
		{"30/1h", Limit{30, time.Hour}, true},
		{"1/1s", Limit{1, time.Second}, true},
		{"10", Limit{}, false},
		{"0/1m", Limit{}, false},
		{"-1/1m", Limit{}, false},
		{"ti/1m", Limit{}, false},
		{"10/", Limit{}, false},
		{"10/15", Limit{}, false},
		{"10/500ms", Limit{}, false},
		{"10/-1m", Limit{}, false},
		{"", Limit{}, false},
	} {
		got, err := Parse(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
		if c.ok {
			if again, err := Parse(got.String()); err != nil || again != got {
				t.Errorf("Parse(%q) = %v, %v: String does not read back", got.String(), again, err)
			}
		}
	}
}

func TestWithDefaults(t *testing.T) {
	own := Limit{5, time.Minute}
	got := Limits{Export: own}.WithDefaults()
	want := Defaults
	want.Export = own
	if got != want {
		t.Errorf("WithDefaults = %+v, want %+v", got, want)
	}
	if (Limits{}).WithDefaults() != Defaults {
		t.Error("zero limits do not become the defaults")
	}
	// The per-address limit follows the per-account one unless set itself.
	account, address := Limit{3, time.Minute}, Limit{50, 15 * time.Minute}
	if got := (Limits{SignInFailures: account}).WithDefaults(); got.SignInAddressFailures != account {
		t.Errorf("unset per-address limit = %v, want the per-account %v", got.SignInAddressFailures, account)
	}
	if got := (Limits{SignInFailures: account, SignInAddressFailures: address}).WithDefaults(); got.SignInAddressFailures != address || got.SignInFailures != account {
		t.Errorf("set limits = %+v", got)
	}
}

func TestExceededSeconds(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want int
	}{{0, 1}, {time.Millisecond, 1}, {time.Second, 1}, {1001 * time.Millisecond, 2}, {15 * time.Minute, 900}, {-time.Second, 1}} {
		if got := (&Exceeded{RetryAfter: c.d}).Seconds(); got != c.want {
			t.Errorf("Seconds(%v) = %d, want %d", c.d, got, c.want)
		}
	}
}
