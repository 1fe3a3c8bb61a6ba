package team

import (
	"strings"
	"testing"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
)

func oslo(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// A fortnightly 14:00 series from September to December crosses the end of summer
// time (25 October 2026): every meeting is still at 14:00 in Oslo, so the UTC hour
// changes from 12 to 13.
func TestOccurrencesAcrossDST(t *testing.T) {
	loc := oslo(t)
	s := Series{First: time.Date(2026, 9, 3, 14, 0, 0, 0, loc), EveryDays: 14, Minutes: 90, Until: "2026-12-31"}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	occ := s.Occurrences()
	if len(occ) != 9 { // 3 Sep … 24 Dec
		t.Fatalf("got %d meetings, want 9", len(occ))
	}
	for i, o := range occ {
		local := o.Start.In(loc)
		if local.Hour() != 14 || local.Minute() != 0 {
			t.Errorf("meeting %d at %s local, want 14:00", i, local)
		}
		if o.End.Sub(o.Start) != 90*time.Minute {
			t.Errorf("meeting %d lasts %s", i, o.End.Sub(o.Start))
		}
		if o.Index != i {
			t.Errorf("meeting %d has index %d", i, o.Index)
		}
		if want := time.Date(2026, 9, 3+14*i, 14, 0, 0, 0, loc); !o.Start.Equal(want) {
			t.Errorf("meeting %d at %s, want %s", i, o.Start, want)
		}
	}
	if h := occ[3].Start.Hour(); h != 12 { // 15 Oct, summer time
		t.Errorf("15 October starts %d:00 UTC, want 12", h)
	}
	if h := occ[4].Start.Hour(); h != 13 { // 29 Oct, winter time
		t.Errorf("29 October starts %d:00 UTC, want 13", h)
	}
	// And into summer time: 26 March 2026 to 9 April 2026 (29 March).
	spring := Series{First: time.Date(2026, 3, 26, 14, 0, 0, 0, loc), EveryDays: 14, Minutes: 60, Until: "2026-04-09"}
	occ = spring.Occurrences()
	if len(occ) != 2 || occ[0].Start.Hour() != 13 || occ[1].Start.Hour() != 12 || occ[1].Start.In(loc).Hour() != 14 {
		t.Errorf("spring series = %v", occ)
	}
}

func TestOccurrencesDefaultSpanAndUntilInclusive(t *testing.T) {
	loc := oslo(t)
	s := Series{First: time.Date(2026, 1, 5, 9, 0, 0, 0, loc), EveryDays: 7, Minutes: 60}
	if n := len(s.Occurrences()); n != 53 { // a year of Mondays, both ends
		t.Errorf("default span gave %d meetings, want 53", n)
	}
	s.Until = "2026-01-19"
	if n := len(s.Occurrences()); n != 3 {
		t.Errorf("until inclusive gave %d meetings, want 3", n)
	}
}

func TestSeriesValidate(t *testing.T) {
	first := time.Date(2026, 9, 3, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		s     Series
		field string
		code  string
	}{
		{"EveryDaysZero", Series{First: first, EveryDays: 0, Minutes: 60}, "every_days", fault.FieldRange},
		{"MinutesOver12h", Series{First: first, EveryDays: 7, Minutes: 721}, "minutes", fault.FieldRange},
		{"MinutesZero", Series{First: first, EveryDays: 7, Minutes: 0}, "minutes", fault.FieldRange},
		{"UntilBeforeFirst", Series{First: first, EveryDays: 7, Minutes: 60, Until: "2026-09-02"}, "until", fault.FieldRange},
		{"UntilMalformed", Series{First: first, EveryDays: 7, Minutes: 60, Until: "3.9.2026"}, "until", fault.FieldFormat},
		{"TooMany", Series{First: first, EveryDays: 1, Minutes: 60, Until: "2028-09-02"}, "until", fault.FieldTooLong},
		{"NoFirst", Series{EveryDays: 7, Minutes: 60}, "first", fault.FieldRequired},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.s.Validate()
			var e *fault.Error
			if !asFault(err, &e) || e.Fields[c.field] != c.code {
				t.Errorf("Validate = %v, want %s=%s", err, c.field, c.code)
			}
		})
	}
	ok := Series{First: first, EveryDays: 14, Minutes: 720, Until: logbook.DateOf(first)}
	if err := ok.Validate(); err != nil || len(ok.Occurrences()) != 1 {
		t.Errorf("12 hours, until = first: %v, %d", err, len(ok.Occurrences()))
	}
}

func asFault(err error, e **fault.Error) bool {
	f, ok := err.(*fault.Error)
	*e = f
	return ok
}

func TestPersonalData(t *testing.T) {
	for _, s := range []string{
		"fnr 01021512345", "01021512345", "010215 12345", "født 3.5.2015", "03/05/15",
		"2015-05-03", "født 3. mai 2015", "born 3 May", "f. 12.12.2014 i Skien", "17. mars",
	} {
		if !HasPersonalData(s) {
			t.Errorf("HasPersonalData(%q) = false", s)
		}
	}
	for _, s := range []string{
		"Gutt, 8 år, 3. trinn, bekymring for fravær", "Jente i 10. klasse", "Ringte 2 ganger, 45 minutter",
		"telefon 12345678", "Rom 3.14", "uke 43", "over 100 dager fravær i 2025", "",
	} {
		if HasPersonalData(s) {
			t.Errorf("HasPersonalData(%q) = true", s)
		}
	}
}

func TestCaseValidate(t *testing.T) {
	age, grade, bad := 8, 3, 30
	valid := func() Case {
		return Case{Anonymous: true, Age: &age, Theme: "Fravær", Question: "Hva kan skolen gjøre?", BroughtByUnitID: "u1"}
	}
	for _, c := range []struct {
		name   string
		change func(*Case)
		field  string
		code   string
	}{
		{"NationalIDInQuestion", func(c *Case) { c.Question = "Gjelder 01021512345" }, "question", FieldPersonalData},
		{"BirthDateInTheme", func(c *Case) { c.Theme = "Født 3.5.2015" }, "theme", FieldPersonalData},
		{"TooLong", func(c *Case) { c.Question = strings.Repeat("a", MaxQuestionLen+1) }, "question", fault.FieldTooLong},
		{"NoAgeOrGrade", func(c *Case) { c.Age = nil }, "age", fault.FieldRequired},
		{"AgeAndGrade", func(c *Case) { c.Grade = &grade }, "grade", fault.FieldNotAllow},
		{"AgeOutOfRange", func(c *Case) { c.Age = &bad }, "age", fault.FieldRange},
		{"NoUnit", func(c *Case) { c.BroughtByUnitID = "" }, "brought_by_unit_id", fault.FieldRequired},
		{"NoQuestion", func(c *Case) { c.Question = " " }, "question", fault.FieldRequired},
	} {
		t.Run(c.name, func(t *testing.T) {
			k := valid()
			c.change(&k)
			var e *fault.Error
			if err := k.Validate(); !asFault(err, &e) || e.Fields[c.field] != c.code {
				t.Errorf("Validate = %v, want %s=%s", err, c.field, c.code)
			}
		})
	}
	k := valid()
	k.Question = strings.Repeat("å", MaxQuestionLen)
	if err := k.Validate(); err != nil {
		t.Errorf("2,000 characters: %v", err)
	}
	named := Case{LogID: "l1"}
	if err := named.Validate(); err != nil {
		t.Errorf("named case: %v", err)
	}
}

func TestTeamValidate(t *testing.T) {
	tm := Team{Name: " Drøftingsteam ", Kind: Drofting, MunicipalityID: "m", MemberUserIDs: []string{"b", "a", "b", ""}}
	if err := tm.Validate(); err != nil || tm.Name != "Drøftingsteam" || len(tm.MemberUserIDs) != 2 {
		t.Errorf("Validate = %v, %+v", err, tm)
	}
	for _, c := range []struct {
		t     Team
		field string
	}{
		{Team{Name: "x", Kind: "other", MunicipalityID: "m", MemberUserIDs: []string{"a"}}, "kind"},
		{Team{Name: "x", Kind: FFB, MemberUserIDs: []string{"a"}}, "municipality_id"},
		{Team{Name: "x", Kind: FFB, MunicipalityID: "m", NetworkID: "n", MemberUserIDs: []string{"a"}}, "network_id"},
		{Team{Name: "x", Kind: FFB, MunicipalityID: "m"}, "member_user_ids"},
		{Team{Kind: FFB, MunicipalityID: "m", MemberUserIDs: []string{"a"}}, "name"},
	} {
		var e *fault.Error
		if err := c.t.Validate(); !asFault(err, &e) || e.Fields[c.field] == "" {
			t.Errorf("Validate(%+v) = %v, want a problem with %s", c.t, err, c.field)
		}
	}
}

func TestMeetingMoveCancel(t *testing.T) {
	m := Meeting{StartsAt: time.Date(2026, 9, 3, 12, 0, 0, 0, time.UTC)}
	to := time.Date(2026, 9, 4, 12, 0, 0, 0, time.UTC)
	if err := m.Move(to, 60); err != nil || !m.StartsAt.Equal(to) || m.EndsAt.Sub(to) != time.Hour || m.Sequence != 1 {
		t.Errorf("Move: %v %+v", err, m)
	}
	if err := m.Move(to, 721); !fault.Is(err, fault.Invalid) {
		t.Errorf("Move 721 minutes = %v", err)
	}
	if err := m.Cancel(); err != nil || !m.Cancelled || m.Sequence != 2 {
		t.Errorf("Cancel: %v %+v", err, m)
	}
	if err := m.Cancel(); !fault.Is(err, fault.Conflict) {
		t.Errorf("second Cancel = %v", err)
	}
	if err := m.Move(to, 60); !fault.Is(err, fault.Conflict) {
		t.Errorf("Move cancelled = %v", err)
	}
}
