package logbook

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"stafett/internal/fault"
)

var meetingAt = time.Date(2025, 5, 6, 8, 30, 0, 0, time.UTC)

// validEntry returns a valid input of kind k.
func validEntry(k Kind) NewEntry {
	in := NewEntry{Kind: k, Text: "Tekst"}
	switch k {
	case KindMeasure:
		in.Goal, in.ResponsibleUserID, in.StartDate, in.EvaluateBy = "Trives i friminuttene", "u7", "2025-05-01", "2025-06-15"
	case KindEvaluation:
		in.MeasureID, in.Outcome = "e1", OutcomePartly
	case KindMeeting:
		in.HeldAt, in.Attendees, in.Decisions = meetingAt, []string{"Kontaktlærer", "Helsesykepleier"}, "Nytt møte om fire uker"
	}
	return in
}

func TestNewEntryValidate(t *testing.T) {
	cases := []struct {
		name string
		kind Kind
		edit func(*NewEntry)
		want fields
	}{
		{"note OK", KindNote, nil, nil},
		{"concern OK", KindConcern, nil, nil},
		{"bright spot OK", KindBrightSpot, nil, nil},
		{"measure OK", KindMeasure, nil, nil},
		{"evaluation OK", KindEvaluation, nil, nil},
		{"meeting OK", KindMeeting, nil, nil},
		{"meeting without decisions OK", KindMeeting, func(in *NewEntry) { in.Decisions = "" }, nil},
		{"measure with catalog service OK", KindMeasure, func(in *NewEntry) { in.CatalogServiceID = "s1" }, nil},
		{"measure evaluated the day it starts OK", KindMeasure, func(in *NewEntry) { in.EvaluateBy = in.StartDate }, nil},
		{"text at limit OK", KindNote, func(in *NewEntry) { in.Text = long(MaxEntryTextLen) }, nil},
		{"meeting with 50 attendees OK", KindMeeting, func(in *NewEntry) { in.Attendees = slices.Repeat([]string{"A"}, MaxAttendees) }, nil},

		{"kind missing", "", nil, fields{"kind": "required"}},
		{"kind unknown", "diary", nil, fields{"kind": "invalid"}},
		{"system kind level_change", KindLevelChange, nil, fields{"kind": "not_allowed"}},
		{"system kind closure", KindClosure, nil, fields{"kind": "not_allowed"}},
		{"system kind step_done", KindStepDone, nil, fields{"kind": "not_allowed"}},

		{"note without text", KindNote, func(in *NewEntry) { in.Text = " " }, fields{"text": "required"}},
		{"concern without text", KindConcern, func(in *NewEntry) { in.Text = "" }, fields{"text": "required"}},
		{"bright spot without text", KindBrightSpot, func(in *NewEntry) { in.Text = "" }, fields{"text": "required"}},
		{"note text too long", KindNote, func(in *NewEntry) { in.Text = long(MaxEntryTextLen + 1) }, fields{"text": "too_long"}},

		{"measure without text", KindMeasure, func(in *NewEntry) { in.Text = "" }, fields{"text": "required"}},
		{"measure without goal", KindMeasure, func(in *NewEntry) { in.Goal = "" }, fields{"goal": "required"}},
		{"measure goal too long", KindMeasure, func(in *NewEntry) { in.Goal = long(MaxGoalLen + 1) }, fields{"goal": "too_long"}},
		{"measure without responsible", KindMeasure, func(in *NewEntry) { in.ResponsibleUserID = " " }, fields{"responsible_user_id": "required"}},
		{"measure responsible id too long", KindMeasure, func(in *NewEntry) { in.ResponsibleUserID = long(MaxIDLen + 1) }, fields{"responsible_user_id": "too_long"}},
		{"measure without start", KindMeasure, func(in *NewEntry) { in.StartDate = "" }, fields{"start_date": "required"}},
		{"measure start malformed", KindMeasure, func(in *NewEntry) { in.StartDate = "1. mai" }, fields{"start_date": "format"}},
		{"measure without evaluation date", KindMeasure, func(in *NewEntry) { in.EvaluateBy = "" }, fields{"evaluate_by": "required"}},
		{"measure evaluation date malformed", KindMeasure, func(in *NewEntry) { in.EvaluateBy = "2025-06-31" }, fields{"evaluate_by": "format"}},
		{"measure evaluated before it starts", KindMeasure, func(in *NewEntry) { in.EvaluateBy = "2025-04-30" }, fields{"evaluate_by": "range"}},
		{"measure catalog id too long", KindMeasure, func(in *NewEntry) { in.CatalogServiceID = long(MaxIDLen + 1) }, fields{"catalog_service_id": "too_long"}},
		{"measure empty", KindMeasure, func(in *NewEntry) { *in = NewEntry{Kind: KindMeasure} }, fields{"text": "required", "goal": "required", "responsible_user_id": "required", "start_date": "required", "evaluate_by": "required"}},

		{"evaluation without measure", KindEvaluation, func(in *NewEntry) { in.MeasureID = "" }, fields{"measure_id": "required"}},
		{"evaluation without outcome", KindEvaluation, func(in *NewEntry) { in.Outcome = "" }, fields{"outcome": "required"}},
		{"evaluation unknown outcome", KindEvaluation, func(in *NewEntry) { in.Outcome = "maybe" }, fields{"outcome": "invalid"}},
		{"evaluation without text", KindEvaluation, func(in *NewEntry) { in.Text = "" }, fields{"text": "required"}},

		{"meeting without time", KindMeeting, func(in *NewEntry) { in.HeldAt = time.Time{} }, fields{"held_at": "required"}},
		{"meeting in 1999", KindMeeting, func(in *NewEntry) { in.HeldAt = time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC) }, fields{"held_at": "range"}},
		{"meeting in 2100", KindMeeting, func(in *NewEntry) { in.HeldAt = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC) }, fields{"held_at": "range"}},
		{"meeting without attendees", KindMeeting, func(in *NewEntry) { in.Attendees = nil }, fields{"attendees": "required"}},
		{"meeting with blank attendee", KindMeeting, func(in *NewEntry) { in.Attendees = []string{"Rektor", "  "} }, fields{"attendees": "invalid"}},
		{"meeting attendee too long", KindMeeting, func(in *NewEntry) { in.Attendees = []string{long(MaxAttendeeLen + 1)} }, fields{"attendees": "too_long"}},
		{"meeting with 51 attendees", KindMeeting, func(in *NewEntry) { in.Attendees = slices.Repeat([]string{"A"}, MaxAttendees+1) }, fields{"attendees": "too_long"}},
		{"meeting without minutes", KindMeeting, func(in *NewEntry) { in.Text = "" }, fields{"text": "required"}},
		{"meeting decisions too long", KindMeeting, func(in *NewEntry) { in.Decisions = long(MaxEntryTextLen + 1) }, fields{"decisions": "too_long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := validEntry(c.kind)
			if c.edit != nil {
				c.edit(&in)
			}
			checkFields(t, in.Validate(), c.want)
		})
	}
}

func TestNewEntryValidateClearsUnusedFields(t *testing.T) {
	in := NewEntry{Kind: KindNote, Text: "x", Goal: "g", MeasureID: "m", Outcome: "bogus",
		HeldAt: meetingAt, Attendees: []string{""}, Decisions: "d", StartDate: "nonsense"}
	if err := in.Validate(); err != nil {
		t.Fatalf("stray fields should be ignored, got %v", err)
	}
	if in.Goal != "" || in.MeasureID != "" || in.Outcome != "" || !in.HeldAt.IsZero() || in.Attendees != nil || in.Decisions != "" || in.StartDate != "" {
		t.Errorf("stray fields kept: %+v", in)
	}
}

func TestNewEntryValidateDoesNotWriteCallerSlice(t *testing.T) {
	attendees := []string{" Rektor "}
	in := validEntry(KindMeeting)
	in.Attendees = attendees
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if attendees[0] != " Rektor " || in.Attendees[0] != "Rektor" {
		t.Errorf("caller slice %q, entry %q", attendees, in.Attendees)
	}
}

func TestBuild(t *testing.T) {
	now := mustTime(t, "2025-05-06T10:00:00Z")
	t.Run("staff measure is version 1", func(t *testing.T) {
		e, err := validEntry(KindMeasure).Build("log1", Author{UserID: "u1"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if e.LogID != "log1" || e.Kind != KindMeasure || e.AuthorID != "u1" || e.AuthorRole != AuthorStaff ||
			e.Version != 1 || e.Amends != "" || !e.CreatedAt.Equal(now) || e.Goal == "" || e.EvaluateBy != "2025-06-15" {
			t.Errorf("entry %+v", e)
		}
	})
	for _, k := range UserKinds() {
		for _, role := range []AuthorRole{AuthorGuardian, AuthorYouth} {
			t.Run(string(role)+" posting "+string(k), func(t *testing.T) {
				e, err := validEntry(k).Build("log1", Author{UserID: "g1", Role: role}, now)
				if !k.GuardianMayPost() {
					checkCode(t, err, fault.Forbidden)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if e.AuthorRole != role {
					t.Errorf("entry not marked as from %s: %q", role, e.AuthorRole)
				}
			})
		}
	}
	t.Run("invalid input is refused", func(t *testing.T) {
		_, err := NewEntry{Kind: KindNote}.Build("log1", Author{UserID: "u1"}, now)
		checkFields(t, err, fields{"text": "required"})
	})
}

func TestKinds(t *testing.T) {
	if got := GuardianKinds(); !slices.Equal(got, []Kind{KindNote, KindBrightSpot}) {
		t.Errorf("GuardianKinds = %v", got)
	}
	for _, k := range UserKinds() {
		if k.IsSystem() || !k.IsUser() {
			t.Errorf("%s classified wrong", k)
		}
	}
	for _, k := range SystemKinds() {
		if !k.IsSystem() || k.IsUser() || k.GuardianMayPost() {
			t.Errorf("%s classified wrong", k)
		}
	}
	if len(SystemKinds()) != 8 || len(UserKinds()) != 6 {
		t.Errorf("%d system and %d user kinds", len(SystemKinds()), len(UserKinds()))
	}
}

func TestSystemEntry(t *testing.T) {
	now := mustTime(t, "2025-05-06T10:00:00Z")
	units := []string{"unit1"}
	e := SystemEntry("log1", Author{UserID: "u1"}, Event{Kind: EventConsentGiven, ConsentID: "c1", UnitIDs: units}, "", now)
	units[0] = "changed"
	want := Entry{LogID: "log1", Kind: KindConsent, AuthorID: "u1", AuthorRole: AuthorStaff, CreatedAt: now, Version: 1,
		Event: &Event{Kind: EventConsentGiven, ConsentID: "c1", UnitIDs: []string{"unit1"}}}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("entry = %+v, event %+v; want %+v, event %+v", e, e.Event, want, want.Event)
	}
	lc := SystemEntry("log1", Author{UserID: "u1"}, Event{Kind: EventLevelChanged, FromLevel: 1, ToLevel: 2}, "PPT inn", now)
	if lc.Kind != KindLevelChange || lc.Text != "PPT inn" || lc.Event.FromLevel != 1 || lc.Event.ToLevel != 2 {
		t.Errorf("level change entry %+v, event %+v", lc, lc.Event)
	}
	defer func() {
		if recover() == nil {
			t.Error("SystemEntry with a legacy event did not panic")
		}
	}()
	SystemEntry("log1", Author{UserID: "u1"}, Event{Kind: EventLegacy}, "x", now)
}

func TestEventEntryKind(t *testing.T) {
	want := map[EventKind]Kind{
		EventLevelChanged: KindLevelChange, EventParticipantAdded: KindParticipant, EventParticipantRemoved: KindParticipant,
		EventTransferProposed: KindTransfer, EventTransferAccepted: KindTransfer, EventTransferDeclined: KindTransfer, EventTransferCancelled: KindTransfer,
		EventConsentRegistered: KindConsent, EventConsentGiven: KindConsent, EventConsentWithdrawn: KindConsent,
		EventStepDone: KindStepDone, EventUndringDecided: KindUndringDecision, EventLogClosed: KindClosure,
		EventGuardianUnlinked: KindFamily, EventYouthUnlinked: KindFamily,
	}
	seen := map[Kind]bool{}
	for _, k := range EventKinds() {
		got, ok := k.EntryKind()
		if w, listed := want[k]; ok != listed || got != w {
			t.Errorf("%s.EntryKind() = %q, %v; want %q, %v", k, got, ok, w, listed)
		}
		seen[got] = ok
	}
	for _, k := range SystemKinds() {
		if !seen[k] {
			t.Errorf("no event kind is recorded under %s", k)
		}
	}
	if len(EventKinds()) != len(want)+1 {
		t.Errorf("%d event kinds, want %d and legacy", len(EventKinds()), len(want))
	}
	if _, ok := EventKind("bogus").EntryKind(); ok {
		t.Error("unknown event kind has an entry kind")
	}
}

func TestEventJSON(t *testing.T) {
	ev := Event{Kind: EventLevelChanged, FromLevel: 0, ToLevel: 1}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"kind":"level_changed","to_level":1}` {
		t.Errorf("json = %s", b)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, ev) {
		t.Errorf("read back %+v, %v; want %+v", back, err, ev)
	}
}
