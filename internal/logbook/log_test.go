package logbook

import (
	"testing"
	"time"
)

func TestNewLogValidate(t *testing.T) {
	now := time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)
	valid := func() NewLog {
		return NewLog{UnitID: "u1", Child: Child{Initials: "ÆØ", BirthDate: "2015-03-01"}, Concern: "Stille i timene."}
	}
	cases := []struct {
		name string
		edit func(*NewLog)
		want fields
	}{
		{"OK with initials", func(*NewLog) {}, nil},
		{"OK with name only", func(in *NewLog) { in.Child = Child{Name: "Ola Nordmann", BirthDate: "2015-03-01"} }, nil},
		{"OK born today", func(in *NewLog) { in.Child.BirthDate = "2025-06-10" }, nil},
		{"OK exactly 25 years old", func(in *NewLog) { in.Child.BirthDate = "2000-06-10" }, nil},
		{"OK initials with Å", func(in *NewLog) { in.Child.Initials = "åsb" }, nil},
		{"OK name at limit", func(in *NewLog) { in.Child.Name = long(MaxChildNameLen) }, nil},
		{"unit missing", func(in *NewLog) { in.UnitID = " " }, fields{"unit_id": "required"}},
		{"neither name nor initials", func(in *NewLog) { in.Child.Initials = "  " }, fields{"child.name": "required"}},
		{"name too long", func(in *NewLog) { in.Child.Name = long(MaxChildNameLen + 1) }, fields{"child.name": "too_long"}},
		{"initials too long", func(in *NewLog) { in.Child.Initials = "ABCDE" }, fields{"child.initials": "format"}},
		{"initials with digit", func(in *NewLog) { in.Child.Initials = "A1" }, fields{"child.initials": "format"}},
		{"initials with dots", func(in *NewLog) { in.Child.Initials = "A.B." }, nil},
		{"initials with dots and spaces", func(in *NewLog) { in.Child.Initials = "m. k." }, nil},
		{"initials of dots only", func(in *NewLog) { in.Child.Initials = ".." }, fields{"child.name": "required"}},
		{"birth date missing", func(in *NewLog) { in.Child.BirthDate = "" }, fields{"child.birth_date": "required"}},
		{"birth date malformed", func(in *NewLog) { in.Child.BirthDate = "01.03.2015" }, fields{"child.birth_date": "format"}},
		{"birth date unpadded", func(in *NewLog) { in.Child.BirthDate = "2015-3-1" }, fields{"child.birth_date": "format"}},
		{"birth date 30 February", func(in *NewLog) { in.Child.BirthDate = "2016-02-30" }, fields{"child.birth_date": "format"}},
		{"birth date tomorrow", func(in *NewLog) { in.Child.BirthDate = "2025-06-11" }, fields{"child.birth_date": "range"}},
		{"older than 25 years", func(in *NewLog) { in.Child.BirthDate = "2000-06-09" }, fields{"child.birth_date": "range"}},
		{"concern missing", func(in *NewLog) { in.Concern = "\n " }, fields{"concern": "required"}},
		{"concern too long", func(in *NewLog) { in.Concern = long(MaxConcernLen + 1) }, fields{"concern": "too_long"}},
		{"everything wrong", func(in *NewLog) { *in = NewLog{} }, fields{"unit_id": "required", "child.name": "required", "child.birth_date": "required", "concern": "required"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := valid()
			c.edit(&in)
			checkFields(t, in.Validate(now), c.want)
		})
	}
}

func TestNewLogValidateNormalises(t *testing.T) {
	in := NewLog{UnitID: " u1 ", Child: Child{Name: " Kari ", Initials: " øk ", BirthDate: "2015-01-01"}, Concern: "x"}
	if err := in.Validate(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if in.UnitID != "u1" || in.Child.Name != "Kari" || in.Child.Initials != "ØK" {
		t.Errorf("not normalised: %+v", in)
	}
}

// Initials are kept the same however they were typed: "M.K.", "m. k." and "MK".
func TestInitialsNormalised(t *testing.T) {
	for _, typed := range []string{"M.K.", "m. k.", "MK", " mk "} {
		in := NewLog{UnitID: "u1", Child: Child{Initials: typed, BirthDate: "2015-01-01"}, Concern: "x"}
		if err := in.Validate(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatalf("%q: %v", typed, err)
		}
		if in.Child.Initials != "MK" {
			t.Errorf("%q kept as %q, want MK", typed, in.Child.Initials)
		}
	}
}

// The birth date is checked against today's date in Oslo, not in UTC: at 23:30 UTC on
// 9 June it is already 10 June in Oslo.
func TestNewLogBirthDateTodayInOslo(t *testing.T) {
	in := NewLog{UnitID: "u1", Child: Child{Initials: "AB", BirthDate: "2025-06-10"}, Concern: "x"}
	checkFields(t, in.Validate(mustTime(t, "2025-06-09T23:30:00Z")), nil)
	checkFields(t, in.Validate(mustTime(t, "2025-06-09T21:30:00Z")), fields{"child.birth_date": "range"})
}

func TestUndringDeadline(t *testing.T) {
	cases := []struct {
		name    string
		created string
		days    int
		want    string
	}{
		{"default 14 days", "2025-01-10T09:00:00Z", 0, "2025-01-24T09:00:00Z"},
		{"negative means default", "2025-01-10T09:00:00Z", -3, "2025-01-24T09:00:00Z"},
		{"from the guide", "2025-01-10T09:00:00Z", 7, "2025-01-17T09:00:00Z"},
		// 14 calendar days across the switch to summer time keep 10:00 Oslo time.
		{"across summer time", "2025-03-25T09:00:00Z", 14, "2025-04-08T08:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := UndringDeadline(mustTime(t, c.created), c.days)
			if want := mustTime(t, c.want); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("UndringDeadline = %v, want %v UTC", got, want)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	now := mustTime(t, "2025-01-10T09:00:00Z")
	in := NewLog{UnitID: "u1", Child: Child{Initials: "AB", BirthDate: "2015-01-01"}, Concern: "x"}
	l := in.Open("m1", "emp1", 0, now)
	want := Log{MunicipalityID: "m1", Child: in.Child, HolderID: "emp1", HolderUnitID: "u1",
		Level: LevelUndring, Status: StatusUndring, UndringDeadline: now.AddDate(0, 0, 14), CreatedAt: now}
	if l.MunicipalityID != want.MunicipalityID || l.Child != want.Child || l.HolderID != want.HolderID ||
		l.HolderUnitID != want.HolderUnitID || l.Level != want.Level || l.Status != want.Status ||
		!l.UndringDeadline.Equal(want.UndringDeadline) || !l.CreatedAt.Equal(now) || !l.IsUndring() ||
		!l.LevelEnteredAt.Equal(now) || l.CreatedBy != "emp1" || l.CreatedUnitID != "u1" {
		t.Errorf("Open = %+v, want %+v", l, want)
	}
}

func TestDate(t *testing.T) {
	cases := []struct {
		d     Date
		valid bool
	}{
		{"2024-02-29", true}, {"2023-02-29", false}, {"2024-13-01", false}, {"2024-1-01", false},
		{"", false}, {"2024-01-01T00:00:00Z", false}, {"20240101", false}, {"0999-01-01", true},
	}
	for _, c := range cases {
		t.Run(string(c.d), func(t *testing.T) {
			if c.d.Valid() != c.valid {
				t.Errorf("Valid(%q) = %v", c.d, !c.valid)
			}
		})
	}
	if got := Date("2024-02-29").AddYears(1); got != "2025-03-01" {
		t.Errorf("AddYears from 29 February = %s, want 2025-03-01", got)
	}
	if got := DateOf(mustTime(t, "2025-07-31T22:30:00Z")); got != "2025-08-01" {
		t.Errorf("DateOf in summer = %s, want 2025-08-01 (CEST)", got)
	}
}

// InOslo follows Norway's summer time from the embedded zone database: CEST from
// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
func TestInOslo(t *testing.T) {
	cases := []struct {
		at   string
		want string
	}{
		{"2025-03-30T00:59:59Z", "2025-03-30T01:59:59+01:00 CET"},
		{"2025-03-30T01:00:00Z", "2025-03-30T03:00:00+02:00 CEST"},
		{"2025-10-26T00:59:59Z", "2025-10-26T02:59:59+02:00 CEST"},
		{"2025-10-26T01:00:00Z", "2025-10-26T02:00:00+01:00 CET"},
		{"2024-07-01T12:00:00Z", "2024-07-01T14:00:00+02:00 CEST"},
		{"2024-12-24T23:30:00Z", "2024-12-25T00:30:00+01:00 CET"},
		{"1970-06-01T12:00:00Z", "1970-06-01T13:00:00+01:00 CET"}, // no summer time then
	}
	for _, c := range cases {
		t.Run(c.at, func(t *testing.T) {
			at := mustTime(t, c.at)
			got := InOslo(at)
			if s := got.Format("2006-01-02T15:04:05-07:00 MST"); s != c.want {
				t.Errorf("InOslo = %s, want %s", s, c.want)
			}
			if !got.Equal(at) || got.Location().String() != "Europe/Oslo" {
				t.Errorf("InOslo = %v in %v, want the same instant in Europe/Oslo", got, got.Location())
			}
		})
	}
}
