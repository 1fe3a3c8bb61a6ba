package logbook

import (
	"testing"

	"stafett/internal/fault"
)

func TestAmend(t *testing.T) {
	now := mustTime(t, "2025-05-07T10:00:00Z")
	staff := Author{UserID: "u1", Role: AuthorStaff}
	measure := Entry{ID: "e1", LogID: "log1", Kind: KindMeasure, AuthorID: "u1", Version: 2, Amends: "e0", Text: "old"}

	t.Run("new version keeps kind and links the old", func(t *testing.T) {
		in := validEntry(KindMeasure)
		in.Kind = KindNote // ignored: the kind is kept
		in.Text = "Rettet"
		e, err := Amend(measure, in, staff, now)
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != KindMeasure || e.Version != 3 || e.Amends != "e1" || e.LogID != "log1" || e.Text != "Rettet" || e.Goal == "" {
			t.Errorf("amended %+v", e)
		}
	})
	t.Run("new version is validated for the kept kind", func(t *testing.T) {
		_, err := Amend(measure, NewEntry{Kind: KindNote, Text: "x"}, staff, now)
		checkFields(t, err, fields{"goal": "required", "responsible_user_id": "required", "start_date": "required", "evaluate_by": "required"})
	})
	t.Run("first correction is version 2", func(t *testing.T) {
		note := Entry{ID: "n1", LogID: "log1", Kind: KindNote, AuthorID: "u1", Version: 1}
		e, err := Amend(note, NewEntry{Text: "Rettet"}, staff, now)
		if err != nil {
			t.Fatal(err)
		}
		if e.Version != 2 || e.Amends != "n1" || e.Kind != KindNote {
			t.Errorf("amended %+v", e)
		}
	})
	t.Run("system entry cannot be amended", func(t *testing.T) {
		sys := Entry{ID: "s1", Kind: KindLevelChange, AuthorID: "u1", Version: 1}
		_, err := Amend(sys, NewEntry{Text: "x"}, staff, now)
		checkFields(t, err, fields{"kind": "not_allowed"})
	})
	t.Run("only the author amends", func(t *testing.T) {
		_, err := Amend(measure, validEntry(KindMeasure), Author{UserID: "u2"}, now)
		checkCode(t, err, fault.Forbidden)
	})
	t.Run("guardian amends own note and stays marked", func(t *testing.T) {
		note := Entry{ID: "n1", Kind: KindBrightSpot, AuthorID: "g1", AuthorRole: AuthorGuardian, Version: 1}
		e, err := Amend(note, NewEntry{Text: "Rettet"}, Author{UserID: "g1", Role: AuthorGuardian}, now)
		if err != nil {
			t.Fatal(err)
		}
		if e.AuthorRole != AuthorGuardian || e.Version != 2 {
			t.Errorf("amended %+v", e)
		}
	})
}
