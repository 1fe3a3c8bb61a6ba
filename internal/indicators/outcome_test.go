package indicators

import (
	"reflect"
	"testing"

	"stafett/internal/fault"
)

func TestParseOutcomesGood(t *testing.T) {
	body := "\ufeffkommunenummer;år;nøkkel;verdi;kilde\n5501;2024;school_absence;8,25;SSB KOSTRA\n\n5502;2025;thriving_at_school;87;\"Ungdata; 2025\"\r\n"
	got, f := ParseOutcomes([]byte(body))
	if f != nil {
		t.Fatal(f)
	}
	want := []Outcome{{"5501", 2024, SchoolAbsence, 825, "SSB KOSTRA", 2}, {"5502", 2025, ThrivingAtSchool, 8700, "Ungdata; 2025", 4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	if got[0].Value() != 8.25 {
		t.Errorf("value %v", got[0].Value())
	}
	// Commas, no header.
	got, f = ParseOutcomes([]byte("5501,2024,low_income_children,11.5,SSB\n"))
	if f != nil || len(got) != 1 || got[0].Centi != 1150 || got[0].Row != 1 {
		t.Errorf("comma file: %+v %v", got, f)
	}
}

// Every bad row is named, with what is wrong in it.
func TestParseOutcomesBadRowsAllListed(t *testing.T) {
	body := "kommunenummer;år;nøkkel;verdi;kilde\n" +
		"5501;2024;school_absence;8,2;SSB\n" + // good
		"55;1900;nope;8,123;SSB\n" + // number, year, key, value
		"5501;2024;school_absence;9;SSB\n" + // twice
		"5501;2024;school_absence\n" + // too few columns
		"5501;2025;school_absence;101;\n" // value out of range, no source
	good, f := ParseOutcomes([]byte(body))
	if len(good) != 1 || good[0].Row != 2 {
		t.Errorf("good rows = %+v", good)
	}
	want := map[string]string{
		"rows.3.municipality": "format", "rows.3.year": "range", "rows.3.key": "unknown_field", "rows.3.value": "format",
		"rows.4.key": "taken", "rows.5.row": "missing", "rows.6.value": "range", "rows.6.source": "required",
	}
	if !reflect.DeepEqual(map[string]string(f), want) {
		t.Errorf("fields = %v", f)
	}
}

func TestParseOutcomesEmptyAndNotUTF8(t *testing.T) {
	if _, f := ParseOutcomes([]byte("kommunenummer;år;nøkkel;verdi;kilde\n")); f["file"] != fault.FieldRequired {
		t.Errorf("empty: %v", f)
	}
	if _, f := ParseOutcomes([]byte{0xff, 0xfe, ';'}); f["file"] != fault.FieldFormat {
		t.Errorf("not UTF-8: %v", f)
	}
}

func TestParseCenti(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "8": 800, "8,5": 850, "8.25": 825, "100,00": 10000, "-1": -100} {
		if got, ok := parseCenti(in); !ok || got != want {
			t.Errorf("parseCenti(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", ",5", "1,234", "1e3", "+4", "4,-1", "x"} {
		if _, ok := parseCenti(in); ok {
			t.Errorf("parseCenti(%q) ok", in)
		}
	}
}
