package indicators

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"stafett/internal/fault"
)

// OutcomeKey names an outcome indicator: a yearly figure from outside Stafett
// (SSB/KOSTRA, Ungdata), imported by a municipality or a network, and shown per year
// beside the process indicators with its source. They are published statistics, not
// counted from logs, so they are shown as imported.
type OutcomeKey string

// The outcome indicators an import may hold, each a percentage (0–100).
const (
	SchoolAbsence            OutcomeKey = "school_absence"
	UpperSecondaryCompletion OutcomeKey = "upper_secondary_completion"
	LowIncomeChildren        OutcomeKey = "low_income_children"
	ThrivingAtSchool         OutcomeKey = "thriving_at_school"
)

// OutcomeKeys returns the outcome keys in display order.
func OutcomeKeys() []OutcomeKey {
	return []OutcomeKey{SchoolAbsence, UpperSecondaryCompletion, LowIncomeChildren, ThrivingAtSchool}
}

func knownOutcome(k OutcomeKey) bool {
	for _, o := range OutcomeKeys() {
		if o == k {
			return true
		}
	}
	return false
}

// Outcome is one yearly figure of one municipality. Centi is the value in
// hundredths (8.25 % is 825). Row is its line in the imported file.
type Outcome struct {
	Number string // the municipality's number (kommunenummer)
	Year   int
	Key    OutcomeKey
	Centi  int
	Source string
	Row    int
}

// Value is the figure as a number.
func (o Outcome) Value() float64 { return float64(o.Centi) / 100 }

// Bounds of an import.
const (
	MaxOutcomeRows   = 5000
	MaxOutcomeSource = 200
	MinOutcomeYear   = 1990
	MaxOutcomeYear   = 2100
)

var numberPattern = regexp.MustCompile(`^[0-9]{4}$`)

// RowField names the problem with one field of one row of an import, as a
// validation field: "rows.<row>.<field>" (row from 1, the header included).
func RowField(row int, field string) string { return "rows." + strconv.Itoa(row) + "." + field }

// ParseOutcomes reads a CSV of yearly figures: UTF-8 (a byte-order mark allowed),
// separated by semicolons or commas, with the columns municipality number, year,
// key, value and source (a first line that names them is skipped). The value may
// have a decimal comma or point and at most two decimals. Every bad row is reported
// at once, with a field for each problem (RowField, or "file" for the whole file),
// beside the rows that are good: a file with any problem is to be refused whole,
// after the caller has added its own problems with the good rows. A key, year and
// municipality twice is a problem of the second row.
func ParseOutcomes(body []byte) ([]Outcome, fault.Fields) {
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	if !utf8.Valid(body) {
		return nil, fault.Fields{"file": fault.FieldFormat}
	}
	first, _, _ := strings.Cut(string(body), "\n")
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var out []Outcome
	var f fault.Fields
	seen := map[string]int{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			f.Add(RowField(perr.StartLine, "row"), fault.FieldFormat)
			break
		}
		if err != nil {
			f.Add("file", fault.FieldFormat)
			break
		}
		row, _ := r.FieldPos(0) // the line, blank lines counted
		if first && len(rec) > 1 {
			if _, err := strconv.Atoi(strings.TrimSpace(rec[1])); err != nil {
				continue // the header
			}
		}
		if len(out) >= MaxOutcomeRows {
			f.Add("file", fault.FieldTooLong)
			break
		}
		if len(rec) != 5 {
			f.Add(RowField(row, "row"), fault.FieldMissing)
			continue
		}
		o, bad := parseOutcome(row, rec, &f)
		if bad {
			continue
		}
		id := o.Number + "/" + strconv.Itoa(o.Year) + "/" + string(o.Key)
		if _, dup := seen[id]; dup {
			f.Add(RowField(row, "key"), fault.FieldTaken)
			continue
		}
		seen[id] = row
		out = append(out, o)
	}
	if len(out) == 0 && len(f) == 0 {
		f.Add("file", fault.FieldRequired)
	}
	return out, f
}

// parseOutcome reads one row, adding its problems to f; bad reports any.
func parseOutcome(row int, rec []string, f *fault.Fields) (Outcome, bool) {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	o := Outcome{Number: rec[0], Key: OutcomeKey(rec[2]), Source: rec[4], Row: row}
	bad := false
	add := func(field, code string) { f.Add(RowField(row, field), code); bad = true }
	if !numberPattern.MatchString(o.Number) {
		add("municipality", fault.FieldFormat)
	}
	year, err := strconv.Atoi(rec[1])
	switch {
	case err != nil:
		add("year", fault.FieldFormat)
	case year < MinOutcomeYear || year > MaxOutcomeYear:
		add("year", fault.FieldRange)
	}
	o.Year = year
	if !knownOutcome(o.Key) {
		add("key", fault.FieldUnknown)
	}
	centi, ok := parseCenti(rec[3])
	switch {
	case !ok:
		add("value", fault.FieldFormat)
	case centi < 0 || centi > 100*100:
		add("value", fault.FieldRange)
	}
	o.Centi = centi
	var sf fault.Fields
	sf.Text("source", o.Source, MaxOutcomeSource)
	if code, ok := sf["source"]; ok {
		add("source", code)
	}
	return o, bad
}

// parseCenti reads a decimal with at most two decimals (comma or point) as
// hundredths.
func parseCenti(s string) (int, bool) {
	s = strings.Replace(s, ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || len(whole) > 7 {
		return 0, false
	}
	neg := strings.HasPrefix(whole, "-")
	w, err := strconv.Atoi(strings.TrimPrefix(whole, "-"))
	if err != nil || strings.HasPrefix(whole, "+") {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	c, err := strconv.Atoi(frac)
	if err != nil || strings.ContainsAny(frac, "+-") {
		return 0, false
	}
	v := w*100 + c
	if neg {
		v = -v
	}
	return v, true
}
