package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/logbook"
)

func TestLegacyEvent(t *testing.T) {
	legacy := logbook.Event{Kind: logbook.EventLegacy}
	tests := []struct {
		name, text string
		kind       logbook.Kind
		want       logbook.Event
		wantText   string
	}{
		{"LevelReasonWithColon", "Nivå 2 → 1: Bedre nå: færre tiltak", logbook.KindLevelChange,
			logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: 2, ToLevel: 1}, "Bedre nå: færre tiltak"},
		{"LevelNoReason", "Nivå 0 → 1", logbook.KindLevelChange,
			logbook.Event{Kind: logbook.EventLevelChanged, ToLevel: 1}, ""},
		{"LevelGarbled", "Nivå en → to: x", logbook.KindLevelChange, legacy, "Nivå en → to: x"},
		{"UndringActivatedNoText", "Undringen er gjort om til en stafettlogg på nivå 1", logbook.KindUndringDecision,
			logbook.Event{Kind: logbook.EventUndringDecided, Outcome: logbook.UndringActivated}, ""},
		{"UndringClosedWithText", "Undringen er avsluttet: Ingen videre tiltak", logbook.KindUndringDecision,
			logbook.Event{Kind: logbook.EventUndringDecided, Outcome: logbook.UndringClosed}, "Ingen videre tiltak"},
		{"UndringOtherText", "Undringen er avsluttetX", logbook.KindUndringDecision, legacy, "Undringen er avsluttetX"},
		{"ClosureNoText", "Stafettloggen er avsluttet (moved)", logbook.KindClosure,
			logbook.Event{Kind: logbook.EventLogClosed, Reason: logbook.ClosureMoved}, ""},
		{"ClosureWithText", "Stafettloggen er avsluttet (other): Flyttet (til Oslo)", logbook.KindClosure,
			logbook.Event{Kind: logbook.EventLogClosed, Reason: logbook.ClosureOther}, "Flyttet (til Oslo)"},
		{"StepNoNote", "Steg utført: Snakk med foreldrene", logbook.KindStepDone,
			logbook.Event{Kind: logbook.EventStepDone, StepTitle: "Snakk med foreldrene"}, ""},
		{"StepWithNote", "Steg utført: Snakk med foreldrene\n\nMøte 3. mai\n\nMor var med", logbook.KindStepDone,
			logbook.Event{Kind: logbook.EventStepDone, StepTitle: "Snakk med foreldrene"}, "Møte 3. mai\n\nMor var med"},
		{"Declined", "Overføring avslått", logbook.KindTransfer, logbook.Event{Kind: logbook.EventTransferDeclined}, ""},
		{"SentenceUnderOtherKind", "Aktør lagt til", logbook.KindTransfer, legacy, "Aktør lagt til"},
		{"UnknownConsentText", "Samtykke fornyet", logbook.KindConsent, legacy, "Samtykke fornyet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, text := legacyEvent(tt.kind, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" || text != tt.wantText {
				t.Errorf("text %q, want %q; event differs (-want +got):\n%s", text, tt.wantText, diff)
			}
		})
	}
}
