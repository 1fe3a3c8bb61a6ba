package logbook

import (
	"testing"

	"stafett/internal/fault"
)

func TestNewClosureValidate(t *testing.T) {
	cases := []struct {
		name string
		in   NewClosure
		want fields
	}{
		{"goal reached without text", NewClosure{Reason: ClosureGoalReached}, nil},
		{"guardian request with text", NewClosure{Reason: ClosureGuardianRequest, Text: "Ønsket av mor"}, nil},
		{"consent withdrawn", NewClosure{Reason: ClosureConsentWithdrawn}, nil},
		{"moved", NewClosure{Reason: ClosureMoved}, nil},
		{"individual plan", NewClosure{Reason: ClosureIndividualPlan}, nil},
		{"other with text", NewClosure{Reason: ClosureOther, Text: "Annen grunn"}, nil},
		{"reason missing", NewClosure{}, fields{"reason": "required"}},
		{"reason unknown", NewClosure{Reason: "bored"}, fields{"reason": "invalid"}},
		{"other without text", NewClosure{Reason: ClosureOther, Text: "  "}, fields{"text": "required"}},
		{"other text too long", NewClosure{Reason: ClosureOther, Text: long(MaxClosureTextLen + 1)}, fields{"text": "too_long"}},
		{"optional text too long", NewClosure{Reason: ClosureMoved, Text: long(MaxClosureTextLen + 1)}, fields{"text": "too_long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFields(t, c.in.Validate(), c.want) })
	}
	if len(ClosureReasons()) != 6 {
		t.Errorf("%d closure reasons, want 6", len(ClosureReasons()))
	}
}

func TestLogClose(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	t.Run("active log closes", func(t *testing.T) {
		l := Log{Status: StatusActive, Level: 2, UndringOutcome: UndringActivated}
		if err := l.Close(NewClosure{Reason: ClosureMoved}, now); err != nil {
			t.Fatal(err)
		}
		if l.Status != StatusClosed || l.ClosedAt == nil || !l.ClosedAt.Equal(now) || l.ClosureReason != ClosureMoved || l.UndringOutcome != UndringActivated {
			t.Errorf("log %+v", l)
		}
	})
	t.Run("closing an undring records it as closed", func(t *testing.T) {
		l := Log{Status: StatusUndring}
		if err := l.Close(NewClosure{Reason: ClosureOther, Text: "Ikke grunnlag"}, now); err != nil {
			t.Fatal(err)
		}
		if l.Status != StatusClosed || l.UndringOutcome != UndringClosed || !l.IsUndring() {
			t.Errorf("log %+v", l)
		}
	})
	t.Run("closing twice is a conflict", func(t *testing.T) {
		l := Log{Status: StatusActive, Level: 1}
		if err := l.Close(NewClosure{Reason: ClosureGoalReached}, now); err != nil {
			t.Fatal(err)
		}
		checkCode(t, l.Close(NewClosure{Reason: ClosureMoved}, now), fault.Conflict)
		if l.ClosureReason != ClosureGoalReached {
			t.Errorf("reason changed to %s", l.ClosureReason)
		}
	})
	t.Run("invalid closure leaves the log open", func(t *testing.T) {
		l := Log{Status: StatusActive, Level: 1}
		checkFields(t, l.Close(NewClosure{Reason: ClosureOther}, now), fields{"text": "required"})
		if l.Status != StatusActive || l.ClosedAt != nil {
			t.Errorf("log %+v", l)
		}
	})
}
