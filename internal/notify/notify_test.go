package notify

import (
	"strings"
	"testing"
	"time"

	"stafett/internal/logbook"
)

func TestSendAt(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) // 11:00 in Oslo
	if got := SendAt(Immediate, now); !got.Equal(now) {
		t.Errorf("immediate: %v", got)
	}
	want := time.Date(2026, 12, 8, 6, 0, 0, 0, time.UTC) // 07:00 Oslo next day
	if got := SendAt(Daily, now); !got.Equal(want) {
		t.Errorf("daily: %v, want %v", got, want)
	}
	early := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC) // 04:00 Oslo: today 07:00
	if got := SendAt(Daily, early); !got.Equal(time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("daily early: %v", got)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, time.Minute, 2 * time.Minute, 4 * time.Minute}
	for i, w := range want {
		if got := Backoff(i); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i, got, w)
		}
	}
	if got := Backoff(40); got != 6*time.Hour {
		t.Errorf("Backoff(40) = %v", got)
	}
}

func TestTextEveryKindEveryLanguage(t *testing.T) {
	created := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, lang := range []string{"nb", "nn", "en"} {
		for _, k := range Kinds {
			it := Item{Kind: k, UnitName: "Myren skole", Due: "2026-12-10", CreatedAt: created}
			s := Text(lang, it)
			if s == string(k) || !strings.Contains(s, "Myren skole") || strings.Contains(s, "%!") {
				t.Errorf("%s %s: %q", lang, k, s)
			}
		}
		passed := Text(lang, Item{Kind: UndringDeadline, UnitName: "U", Due: "2026-12-01", CreatedAt: created})
		soon := Text(lang, Item{Kind: UndringDeadline, UnitName: "U", Due: "2026-12-10", CreatedAt: created})
		if passed == soon || !strings.Contains(passed, FormatDate(lang, "2026-12-01")) {
			t.Errorf("%s: passed %q soon %q", lang, passed, soon)
		}
	}
	if got := Text("nb", Item{Kind: EvaluationDue, UnitName: "U", Due: "2026-12-10"}); !strings.Contains(got, "10.12.2026") {
		t.Errorf("date: %q", got)
	}
}

func TestAddDays(t *testing.T) {
	if got := AddDays(logbook.Date("2026-12-30"), 7); got != "2027-01-06" {
		t.Errorf("AddDays = %q", got)
	}
	if got := AddDays("nope", 1); got != "" {
		t.Errorf("invalid: %q", got)
	}
}
