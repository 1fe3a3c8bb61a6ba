package logbook

import (
	"maps"
	"slices"
	"testing"
	"time"

	"stafett/internal/fault"
)

func TestConsentValidAt(t *testing.T) {
	given := mustTime(t, "2025-01-10T10:00:00Z")
	expires := mustTime(t, "2026-01-10T10:00:00Z")
	withdrawn := mustTime(t, "2025-06-01T12:00:00Z")
	sec := time.Second
	cases := []struct {
		name string
		c    Consent
		at   time.Time
		want bool
	}{
		{"before given", Consent{GivenAt: given, ExpiresAt: &expires}, given.Add(-sec), false},
		{"at the moment given", Consent{GivenAt: given, ExpiresAt: &expires}, given, true},
		{"just before expiry", Consent{GivenAt: given, ExpiresAt: &expires}, expires.Add(-sec), true},
		{"at expiry", Consent{GivenAt: given, ExpiresAt: &expires}, expires, false},
		{"after expiry", Consent{GivenAt: given, ExpiresAt: &expires}, expires.Add(sec), false},
		{"no expiry", Consent{GivenAt: given}, given.AddDate(10, 0, 0), true},
		{"just before withdrawal", Consent{GivenAt: given, ExpiresAt: &expires, WithdrawnAt: &withdrawn}, withdrawn.Add(-sec), true},
		{"at withdrawal", Consent{GivenAt: given, ExpiresAt: &expires, WithdrawnAt: &withdrawn}, withdrawn, false},
		{"after withdrawal before expiry", Consent{GivenAt: given, ExpiresAt: &expires, WithdrawnAt: &withdrawn}, withdrawn.Add(sec), false},
		{"withdrawn without expiry", Consent{GivenAt: given, WithdrawnAt: &withdrawn}, withdrawn.Add(sec), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.c.ValidAt(c.at); got != c.want {
				t.Errorf("ValidAt = %v, want %v", got, c.want)
			}
		})
	}
}

func TestConsentCovers(t *testing.T) {
	given := mustTime(t, "2025-01-10T10:00:00Z")
	expires := given.Add(DefaultConsentValidity)
	c := Consent{GivenAt: given, ExpiresAt: &expires, CoversUnitIDs: []string{"school", "ppt"}}
	cases := []struct {
		name string
		unit string
		at   time.Time
		want bool
	}{
		{"covered unit while valid", "ppt", given.Add(time.Hour), true},
		{"other unit", "nav", given.Add(time.Hour), false},
		{"covered unit before given", "ppt", given.Add(-time.Hour), false},
		{"covered unit after expiry", "school", expires, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Covers(tc.unit, tc.at); got != tc.want {
				t.Errorf("Covers(%s) = %v, want %v", tc.unit, got, tc.want)
			}
		})
	}
}

func TestCoveredUnits(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	past := now.Add(-time.Hour)
	consents := []Consent{
		{GivenAt: now.AddDate(0, -1, 0), CoversUnitIDs: []string{"school", "ppt"}},
		{GivenAt: now.AddDate(-2, 0, 0), ExpiresAt: &past, CoversUnitIDs: []string{"nav"}},
		{GivenAt: now.AddDate(0, -1, 0), WithdrawnAt: &past, CoversUnitIDs: []string{"health"}},
		{GivenAt: now.Add(time.Hour), CoversUnitIDs: []string{"future"}},
		{GivenAt: now.AddDate(0, -1, 0), CoversUnitIDs: []string{"ppt", "kindergarten"}},
	}
	got := slices.Sorted(maps.Keys(CoveredUnits(consents, now)))
	if want := []string{"kindergarten", "ppt", "school"}; !slices.Equal(got, want) {
		t.Errorf("CoveredUnits = %v, want %v", got, want)
	}
	if !AnyValid(consents, now) || AnyValid(consents[1:4], now) {
		t.Error("AnyValid wrong")
	}
	if len(CoveredUnits(nil, now)) != 0 {
		t.Error("no consents cover something")
	}
	checkFields(t, RequireCoverage(CoveredUnits(consents, now), "ppt"), nil)
	checkFields(t, RequireCoverage(CoveredUnits(consents, now), "nav"), fields{"consent": "missing"})
	checkFields(t, RequireCoverage(map[string]bool{"": true}, ""), fields{"consent": "missing"})
}

func TestNewConsentValidate(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	cases := []struct {
		name string
		in   NewConsent
		want fields
	}{
		{"OK one unit", NewConsent{CoversUnitIDs: []string{"u1"}}, nil},
		{"OK with expiry and signer", NewConsent{CoversUnitIDs: []string{"u1", "u2"}, ExpiresAt: ptr(now.Add(time.Second)), GivenBy: "Kari Nordmann"}, nil},
		{"no units", NewConsent{}, fields{"covers_unit_ids": "required"}},
		{"empty unit list", NewConsent{CoversUnitIDs: []string{}}, fields{"covers_unit_ids": "required"}},
		{"blank unit", NewConsent{CoversUnitIDs: []string{"u1", " "}}, fields{"covers_unit_ids": "invalid"}},
		{"duplicate unit", NewConsent{CoversUnitIDs: []string{"u1", "u2", "u1"}}, fields{"covers_unit_ids": "invalid"}},
		{"duplicate after trimming", NewConsent{CoversUnitIDs: []string{"u1", " u1"}}, fields{"covers_unit_ids": "invalid"}},
		{"too many units", NewConsent{CoversUnitIDs: manyUnits(MaxConsentUnits + 1)}, fields{"covers_unit_ids": "too_long"}},
		{"expires now", NewConsent{CoversUnitIDs: []string{"u1"}, ExpiresAt: &now}, fields{"expires_at": "range"}},
		{"expires in the past", NewConsent{CoversUnitIDs: []string{"u1"}, ExpiresAt: ptr(now.AddDate(0, 0, -1))}, fields{"expires_at": "range"}},
		{"expires after 2099", NewConsent{CoversUnitIDs: []string{"u1"}, ExpiresAt: ptr(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))}, fields{"expires_at": "range"}},
		{"expires in year 10000", NewConsent{CoversUnitIDs: []string{"u1"}, ExpiresAt: ptr(time.Date(9999, 12, 31, 23, 59, 0, 0, time.FixedZone("", -86340)))}, fields{"expires_at": "range"}},
		{"signer name too long", NewConsent{CoversUnitIDs: []string{"u1"}, GivenBy: long(MaxGivenByNameLen + 1)}, fields{"given_by": "too_long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFields(t, c.in.Validate(now), c.want) })
	}
}

func manyUnits(n int) []string {
	u := make([]string, n)
	for i := range u {
		u[i] = "u" + string(rune('A'+i%26)) + string(rune('a'+i/26))
	}
	return u
}

func TestNewConsentBuild(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	t.Run("digital consent is given by the actor and expires by default", func(t *testing.T) {
		c, err := NewConsent{CoversUnitIDs: []string{" u1 "}, GivenBy: "ignored"}.Build("log1", ConsentDigital, "g1", "v3", now)
		if err != nil {
			t.Fatal(err)
		}
		if c.GivenByUserID != "g1" || c.GivenByName != "" || c.RegisteredBy != "g1" || c.Source != ConsentDigital ||
			c.TextVersion != "v3" || !c.GivenAt.Equal(now) || c.ExpiresAt == nil || !c.ExpiresAt.Equal(now.Add(DefaultConsentValidity)) ||
			!slices.Equal(c.CoversUnitIDs, []string{"u1"}) || c.WithdrawnAt != nil {
			t.Errorf("consent %+v", c)
		}
	})
	t.Run("paper consent names the signer", func(t *testing.T) {
		exp := now.AddDate(0, 6, 0)
		c, err := NewConsent{CoversUnitIDs: []string{"u1"}, GivenBy: " Kari ", ExpiresAt: &exp}.Build("log1", ConsentPaper, "holder1", "v3", now)
		if err != nil {
			t.Fatal(err)
		}
		if c.GivenByName != "Kari" || c.GivenByUserID != "" || c.RegisteredBy != "holder1" || !c.ExpiresAt.Equal(exp) {
			t.Errorf("consent %+v", c)
		}
	})
	t.Run("invalid input is refused", func(t *testing.T) {
		_, err := NewConsent{}.Build("log1", ConsentPaper, "h", "v3", now)
		checkFields(t, err, fields{"covers_unit_ids": "required"})
	})
	t.Run("unknown source is a programming error", func(t *testing.T) {
		_, err := NewConsent{CoversUnitIDs: []string{"u1"}}.Build("log1", "fax", "h", "v3", now)
		checkCode(t, err, fault.Internal)
	})
}

func TestConsentWithdraw(t *testing.T) {
	given := mustTime(t, "2025-01-10T10:00:00Z")
	now := given.AddDate(0, 2, 0)
	t.Run("valid consent ends at once", func(t *testing.T) {
		c := Consent{GivenAt: given}
		if err := c.Withdraw("g1", now); err != nil {
			t.Fatal(err)
		}
		if c.WithdrawnAt == nil || !c.WithdrawnAt.Equal(now) || c.WithdrawnBy != "g1" || c.ValidAt(now) {
			t.Errorf("after withdrawal %+v valid=%v", c, c.ValidAt(now))
		}
	})
	t.Run("second withdrawal is a conflict", func(t *testing.T) {
		c := Consent{GivenAt: given}
		if err := c.Withdraw("g1", now); err != nil {
			t.Fatal(err)
		}
		checkCode(t, c.Withdraw("g1", now.Add(time.Minute)), fault.Conflict)
	})
	t.Run("expired consent is a conflict", func(t *testing.T) {
		exp := now.Add(-time.Hour)
		c := Consent{GivenAt: given, ExpiresAt: &exp}
		checkCode(t, c.Withdraw("g1", now), fault.Conflict)
		if c.WithdrawnAt != nil {
			t.Error("expired consent was marked withdrawn")
		}
	})
}
