package logbook

import (
	"testing"

	"stafett/internal/fault"
)

func TestValidateLevelChange(t *testing.T) {
	cases := []struct {
		name   string
		from   Level
		status Status
		to     int
		reason string
		want   fields
	}{
		{"activation from undring", 0, StatusUndring, 1, "Samtykke gitt", nil},
		{"activation straight to level 3", 0, StatusUndring, 3, "Omfattende behov", nil},
		{"up one level", 1, StatusActive, 2, "PPT inn", nil},
		{"down a level", 3, StatusActive, 1, "Bedring", nil},
		{"reason at limit", 2, StatusActive, 1, long(MaxReasonLen), nil},
		{"back to undring not allowed", 1, StatusActive, 0, "Feil", fields{"level": "not_allowed"}},
		{"back to undring from level 3", 3, StatusActive, 0, "Feil", fields{"level": "not_allowed"}},
		{"same level", 2, StatusActive, 2, "Ingen endring", fields{"level": "invalid"}},
		{"undring to undring", 0, StatusUndring, 0, "Ingen endring", fields{"level": "invalid"}},
		{"above 3", 1, StatusActive, 4, "x", fields{"level": "range"}},
		{"below 0", 1, StatusActive, -1, "x", fields{"level": "range"}},
		{"reason missing", 1, StatusActive, 2, "  ", fields{"reason": "required"}},
		{"reason too long", 1, StatusActive, 2, long(MaxReasonLen + 1), fields{"reason": "too_long"}},
		{"level and reason both wrong", 1, StatusActive, 0, "", fields{"level": "not_allowed", "reason": "required"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkFields(t, ValidateLevelChange(c.from, c.status, c.to, c.reason), c.want)
		})
	}
	t.Run("closed log is a conflict", func(t *testing.T) {
		checkCode(t, ValidateLevelChange(2, StatusClosed, 1, "x"), fault.Conflict)
	})
}

func TestCheckActivation(t *testing.T) {
	cases := []struct {
		name string
		a    Activation
		want fields
	}{
		{"consent and guardian", Activation{ValidConsent: true, Guardian: true}, nil},
		{"consent and youth of age", Activation{ValidConsent: true, YouthOfAge: true}, nil},
		{"no consent", Activation{Guardian: true}, fields{"consent": "missing"}},
		{"no guardian", Activation{ValidConsent: true}, fields{"guardian": "missing"}},
		{"nothing", Activation{}, fields{"consent": "missing", "guardian": "missing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFields(t, CheckActivation(c.a), c.want) })
	}
}

func TestLogChangeLevel(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	t.Run("activation makes the log active", func(t *testing.T) {
		l := Log{Level: 0, Status: StatusUndring}
		if err := l.ChangeLevel(2, "Samtykke", now); err != nil {
			t.Fatal(err)
		}
		if l.Level != 2 || l.Status != StatusActive || l.UndringOutcome != UndringActivated || !l.LevelEnteredAt.Equal(now) {
			t.Errorf("after activation %+v", l)
		}
	})
	t.Run("moving down keeps status", func(t *testing.T) {
		l := Log{Level: 3, Status: StatusActive, UndringOutcome: UndringActivated}
		if err := l.ChangeLevel(1, "Bedring", now); err != nil {
			t.Fatal(err)
		}
		if l.Level != 1 || l.Status != StatusActive {
			t.Errorf("after change %+v", l)
		}
	})
	t.Run("refused change leaves log as it was", func(t *testing.T) {
		l := Log{Level: 1, Status: StatusActive}
		checkFields(t, l.ChangeLevel(0, "x", now), fields{"level": "not_allowed"})
		if l.Level != 1 || l.Status != StatusActive || !l.LevelEnteredAt.IsZero() {
			t.Errorf("log changed: %+v", l)
		}
	})
}
