package logbook

import (
	"errors"
	"reflect"
	"testing"

	"stafett/internal/fault"
)

func TestChildCorrection(t *testing.T) {
	now := mustTime(t, "2025-05-06T10:00:00Z")
	child := Child{Name: "Mia Kristiansen", Initials: "MK", BirthDate: "2018-03-01"}
	tests := []struct {
		name    string
		in      ChildCorrection
		want    Child
		changes []Change
		field   string // the field refused, "" for none
	}{
		{"Name", ChildCorrection{Name: ptr(" Mia Kristensen ")}, Child{Name: "Mia Kristensen", Initials: "MK", BirthDate: "2018-03-01"},
			[]Change{{FieldChildName, "Mia Kristiansen", "Mia Kristensen"}}, ""},
		{"InitialsAndDate", ChildCorrection{Initials: ptr("m.l."), BirthDate: ptr(Date("2018-03-10"))},
			Child{Name: "Mia Kristiansen", Initials: "ML", BirthDate: "2018-03-10"},
			[]Change{{FieldChildInitials, "MK", "ML"}, {FieldChildBirthDate, "2018-03-01", "2018-03-10"}}, ""},
		{"NameCleared", ChildCorrection{Name: ptr("")}, Child{Initials: "MK", BirthDate: "2018-03-01"},
			[]Change{{FieldChildName, "Mia Kristiansen", ""}}, ""},
		{"NothingChanges", ChildCorrection{Initials: ptr("M.K.")}, child, nil, "child"},
		{"Empty", ChildCorrection{}, child, nil, "child"},
		{"NoNameLeft", ChildCorrection{Name: ptr(""), Initials: ptr("")}, child, nil, FieldChildName},
		{"BadInitials", ChildCorrection{Initials: ptr("M1")}, child, nil, FieldChildInitials},
		{"FutureBirth", ChildCorrection{BirthDate: ptr(Date("2030-01-01"))}, child, nil, FieldChildBirthDate},
		{"BadDate", ChildCorrection{BirthDate: ptr(Date("1.3.2018"))}, child, nil, FieldChildBirthDate},
		{"ControlChars", ChildCorrection{Name: ptr("Mia\x00")}, child, nil, FieldChildName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes, err := tt.in.Correct(child, now)
			if tt.field != "" {
				checkFields(t, err, fields{tt.field: fieldCode(err, tt.field)})
				if got != child || changes != nil {
					t.Errorf("refused correction gave %+v, %v", got, changes)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || !reflect.DeepEqual(changes, tt.changes) {
				t.Errorf("got %+v %v, want %+v %v", got, changes, tt.want, tt.changes)
			}
		})
	}
}

func TestMoveEvaluation(t *testing.T) {
	now := mustTime(t, "2025-05-06T10:00:00Z")
	m := Entry{ID: "m1", LogID: "l1", Kind: KindMeasure, AuthorID: "u1", Version: 2, Amends: "m0", Text: "Lesekurs", Goal: "Leser",
		ResponsibleUserID: "u3", StartDate: "2025-04-01", EvaluateBy: "2025-06-01"}
	next, ch, err := MoveEvaluation(m, "2025-08-15", "Sommerferie", Author{UserID: "u2"}, now)
	if err != nil {
		t.Fatal(err)
	}
	want := m
	want.ID, want.AuthorID, want.CreatedAt, want.Version, want.Amends, want.EvaluateBy = "", "u2", now, 3, "m1", "2025-08-15"
	if !reflect.DeepEqual(next, want) || ch != (Change{FieldEvaluateBy, "2025-06-01", "2025-08-15"}) {
		t.Errorf("got %+v %+v", next, ch)
	}
	for name, c := range map[string]struct {
		to     Date
		reason string
		field  string
	}{
		"Same":      {"2025-06-01", "x", FieldEvaluateBy},
		"Missing":   {"", "x", FieldEvaluateBy},
		"Format":    {"1.8.2025", "x", FieldEvaluateBy},
		"Early":     {"2025-03-01", "x", FieldEvaluateBy},
		"NoReason":  {"2025-08-15", " ", "reason"},
		"LongReson": {"2025-08-15", long(MaxMoveReasonLen + 1), "reason"},
	} {
		_, _, err := MoveEvaluation(m, c.to, c.reason, Author{UserID: "u2"}, now)
		if fieldCode(err, c.field) == "" {
			t.Errorf("%s: err = %v, want a problem with %s", name, err, c.field)
		}
	}
	if _, _, err := MoveEvaluation(Entry{Kind: KindNote}, "2025-08-15", "x", Author{}, now); !fault.Is(err, fault.Invalid) {
		t.Errorf("a note's date moved: %v", err)
	}
}

// fieldCode is the code err gives field, "" for none.
func fieldCode(err error, field string) string {
	var e *fault.Error
	if !errors.As(err, &e) || e.Code != fault.Invalid {
		return ""
	}
	return e.Fields[field]
}
