package ui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"stafett/internal/fault"
	"stafett/internal/indicators"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/ui/chart"
)

// The indicator pages (resultatindikatorer): /indikatorer for a municipality, the
// network's at /samarbeid/{id}/indikatorer (indicators_network.go) and what a
// municipality publishes at /k/{nr}/indikatorer (indicators_public.go). The store
// decides who sees what and suppresses small numbers; these pages only lay out what
// it returns, as tables (each with a CSV download), SVG charts beside them and a
// print view. A suppressed number is never in the page, the chart or the CSV: only
// "under 5".

// grid is a table of a page, shown and downloadable as CSV (?csv=ID).
type grid struct {
	ID      string
	Caption string
	Corner  string // the header of the first column
	Cols    []string
	Rows    []gridRow
}

type gridRow struct {
	Head  string
	Cells []gridCell
}

// gridCell is one number as shown and as written in the CSV.
type gridCell struct {
	Text       string
	CSV        string
	Suppressed bool
	Wide       bool // a text, not a number (a definition)
}

// indicatorsView is what the indicator pages share: the period, when the numbers
// were counted, the tables and whether it is the print view.
type indicatorsView struct {
	layout
	Print    bool
	Base     string // the page's path, for the period form and the links
	From, To string
	AsOf     time.Time
	Grids    []*grid
}

// gridByID returns the page's table id, or nil.
func (v *indicatorsView) gridByID(id string) *grid {
	for _, g := range v.Grids {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// CSVLink is the download of table g for the period shown.
func (v *indicatorsView) CSVLink(g *grid) string {
	return v.Base + "?from=" + v.From + "&to=" + v.To + "&csv=" + g.ID
}

// PrintLink is the print view of the page for the period shown.
func (v *indicatorsView) PrintLink() string {
	return v.Base + "?from=" + v.From + "&to=" + v.To + "&utskrift=1"
}

// writeCSV answers a ?csv= request with that table: UTF-8 with a byte-order mark,
// semicolons and decimal commas, as the course report. It reports whether it did.
func (v *indicatorsView) writeCSV(w http.ResponseWriter, r *http.Request) (bool, error) {
	id := r.URL.Query().Get("csv")
	if id == "" {
		return false, nil
	}
	g := v.gridByID(id)
	if g == nil {
		return true, fault.New(fault.NotFound, "no such table")
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="indikatorer-`+g.ID+`.csv"`)
	_, err := w.Write(g.csv())
	return true, err
}

func (g *grid) csv() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.Comma = ';'
	_ = cw.Write(append([]string{g.Corner}, g.Cols...))
	for _, r := range g.Rows {
		rec := []string{r.Head}
		for _, c := range r.Cells {
			rec = append(rec, c.CSV)
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return b.Bytes()
}

// period reads ?from=D&to=D: to defaults to today in Europe/Oslo, from to the first
// of January of to's year (as the API). The store checks them.
func (s *Server) period(r *http.Request) (from, to logbook.Date) {
	q := r.URL.Query()
	to = logbook.Date(q.Get("to"))
	if !q.Has("to") || q.Get("to") == "" {
		to = logbook.DateOf(s.DB.Now())
	}
	from = logbook.Date(q.Get("from"))
	if (!q.Has("from") || q.Get("from") == "") && len(to) >= 4 {
		from = logbook.Date(string(to)[:4] + "-01-01")
	}
	return from, to
}

// yearsBack is the period from..to moved back n years, or false when the dates are
// not dates.
func yearsBack(from, to logbook.Date, n int) (logbook.Date, logbook.Date, bool) {
	f, err1 := time.Parse(time.DateOnly, string(from))
	t, err2 := time.Parse(time.DateOnly, string(to))
	if err1 != nil || err2 != nil {
		return "", "", false
	}
	return logbook.Date(f.AddDate(-n, 0, 0).Format(time.DateOnly)), logbook.Date(t.AddDate(-n, 0, 0).Format(time.DateOnly)), true
}

// TrendYears is how many periods a trend shows: this one and the same period in the
// years before.
const TrendYears = 3

// trendOver is the period from..to and the same period in the TrendYears-1 years
// before, oldest first, labelled by the year of their end: now is this period's
// values, get reads an earlier one.
func trendOver(from, to logbook.Date, now indicators.Values, get func(from, to logbook.Date) (indicators.Values, error)) ([]string, []indicators.Values, error) {
	var years []string
	var vs []indicators.Values
	for n := TrendYears - 1; n >= 1; n-- {
		f, t, ok := yearsBack(from, to, n)
		if !ok {
			continue
		}
		v, err := get(f, t)
		if err != nil {
			return nil, nil, err
		}
		years, vs = append(years, string(t)[:4]), append(vs, v)
	}
	return append(years, string(to)[:4]), append(vs, now), nil
}

// kindOf is the kind of indicator k.
func kindOf(k indicators.Key) indicators.Kind { kd, _ := indicators.KindOf(k); return kd }

// cell is indicator v of kind kd as shown: "under 5" when suppressed, a dash when
// there is nothing to compute it from, a count, a percentage (with its parts in the
// own municipality), a number of days or an amount of årsverk.
func (l *layout) cell(kd indicators.Kind, v indicators.Value) gridCell {
	if v.Suppressed {
		t := l.T("indicator.suppressed")
		return gridCell{Text: t, CSV: t, Suppressed: true}
	}
	if v.Value == nil {
		return gridCell{Text: "–"}
	}
	x := *v.Value
	switch kd {
	case indicators.Share:
		t := l.Percent(x)
		if v.Numerator != nil && v.Denominator != nil {
			t += " " + l.T("indicator.parts", *v.Numerator, *v.Denominator)
		}
		return gridCell{Text: t, CSV: csvNumber(x, 4)}
	case indicators.Median:
		return gridCell{Text: l.T("indicator.days", l.oneDecimal(x)), CSV: csvNumber(x, 1)}
	case indicators.Amount:
		return gridCell{Text: l.Decimal(x), CSV: csvNumber(x, 3)}
	}
	n := strconv.Itoa(int(x))
	return gridCell{Text: n, CSV: n}
}

// oneDecimal is v with one decimal (none when whole), a decimal comma in Norwegian.
func (l *layout) oneDecimal(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v != float64(int(v)) {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	}
	if l.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// csvNumber is x with places decimals and a decimal comma, for Norwegian Excel.
func csvNumber(x float64, places int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', places, 64), ".", ",", 1)
}

// IndicatorName is the name of indicator k in the page's language.
func (l *layout) IndicatorName(k indicators.Key) string { return l.T("indicator." + string(k)) }

// definitionsGrid is one place's indicators with the definition of each beside its
// number.
func (l *layout) definitionsGrid(id, caption, place string, v indicators.Values) *grid {
	g := &grid{ID: id, Caption: caption, Corner: l.T("indicator.col.indicator"), Cols: []string{place, l.T("indicator.col.definition")}}
	for _, d := range indicators.Definitions() {
		def := l.T("indicator." + string(d.Key) + ".definition")
		g.Rows = append(g.Rows, gridRow{Head: l.IndicatorName(d.Key), Cells: []gridCell{l.cell(d.Kind, v[d.Key]), {Text: def, CSV: def, Wide: true}}})
	}
	return g
}

// sideBySide is places' indicators side by side, one column each.
func (l *layout) sideBySide(id, caption string, names []string, vs []indicators.Values) *grid {
	g := &grid{ID: id, Caption: caption, Corner: l.T("indicator.col.indicator"), Cols: names}
	for _, d := range indicators.Definitions() {
		row := gridRow{Head: l.IndicatorName(d.Key)}
		for _, v := range vs {
			row.Cells = append(row.Cells, l.cell(d.Kind, v[d.Key]))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// trendKeys are the counts a trend chart draws.
var trendKeys = []indicators.Key{indicators.UndringerOpened, indicators.LogsOpened, indicators.LogsClosed, indicators.TransfersAccepted}

// trend is the same period over the years: a table of every indicator per year
// (oldest first) and a line chart of the counts. A suppressed count is missing from
// the line.
func (l *layout) trend(id string, years []string, vs []indicators.Values) (*grid, chart.Lines) {
	g := l.sideBySide(id, l.T("indicator.trend.caption"), years, vs)
	var series []chart.Series
	for _, k := range trendKeys {
		s := chart.Series{Name: l.IndicatorName(k)}
		for _, v := range vs {
			x := v[k]
			s.Points = append(s.Points, chart.Point{Value: deref(x.Value), Missing: x.Suppressed || x.Value == nil})
		}
		series = append(series, s)
	}
	return g, chart.LinesOf(years, series, 0, func(v float64) string { return strconv.Itoa(int(v + 0.5)) })
}

func deref(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// barsOf is indicator k of each place as bars, a suppressed one missing.
func (l *layout) barsOf(k indicators.Key, names []string, vs []indicators.Values) []chart.BarGeom {
	kd := kindOf(k)
	bars := make([]chart.Bar, len(vs))
	for i, v := range vs {
		x := v[k]
		bars[i] = chart.Bar{Label: names[i], Value: deref(x.Value), Missing: x.Suppressed || x.Value == nil, Text: l.cell(kd, x).Text}
	}
	max := 0.0
	if kd == indicators.Share {
		max = 1
	}
	return chart.Bars(bars, max)
}

// barsText is the bars in words, for the chart's description.
func barsText(bars []chart.BarGeom) string {
	parts := make([]string, len(bars))
	for i, b := range bars {
		parts[i] = b.Label + ": " + b.Text
	}
	return strings.Join(parts, "; ")
}

// linesText is the lines in words, for the chart's description.
func linesText(g *grid, keys []indicators.Key, l *layout) string {
	var parts []string
	for _, row := range g.Rows {
		for _, k := range keys {
			if row.Head != l.IndicatorName(k) {
				continue
			}
			var vals []string
			for i, c := range row.Cells {
				vals = append(vals, g.Cols[i]+" "+c.Text)
			}
			parts = append(parts, row.Head+": "+strings.Join(vals, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// outcomesGrid is imported outcome figures: one row per municipality (when more than
// one) and key, one column per year, and the sources.
func (l *layout) outcomesGrid(id string, figs []store.OutcomeFigure, many bool) *grid {
	g := &grid{ID: id, Caption: l.T("indicator.outcomes.caption"), Corner: l.T("indicator.col.outcome")}
	var years []int
	for _, f := range figs {
		if !slices.Contains(years, f.Year) {
			years = append(years, f.Year)
		}
	}
	slices.Sort(years)
	for _, y := range years {
		g.Cols = append(g.Cols, strconv.Itoa(y))
	}
	g.Cols = append(g.Cols, l.T("indicator.col.source"))
	type rowKey struct {
		mid string
		key indicators.OutcomeKey
	}
	var order []rowKey
	rows := map[rowKey]*gridRow{}
	sources := map[rowKey][]string{}
	for _, f := range figs {
		k := rowKey{f.MunicipalityID, f.Key}
		row := rows[k]
		if row == nil {
			head := l.T("outcome." + string(f.Key))
			if many {
				head = f.Name + ": " + head
			}
			row = &gridRow{Head: head, Cells: make([]gridCell, len(years)+1)}
			for i := range years {
				row.Cells[i] = gridCell{Text: "–"}
			}
			rows[k] = row
			order = append(order, k)
		}
		i := slices.Index(years, f.Year)
		row.Cells[i] = gridCell{Text: l.Decimal(f.Value()) + " %", CSV: csvNumber(f.Value(), 2)}
		if !slices.Contains(sources[k], f.Source) {
			sources[k] = append(sources[k], f.Source)
		}
	}
	for _, k := range order {
		src := strings.Join(sources[k], ", ")
		rows[k].Cells[len(years)] = gridCell{Text: src, CSV: src, Wide: true}
		g.Rows = append(g.Rows, *rows[k])
	}
	return g
}

// maxOutcomeBytes bounds an outcome import.
const maxOutcomeBytes = 1 << 20

// readOutcomes reads the uploaded file of an import form.
func readOutcomes(r *http.Request) ([]byte, error) {
	if err := r.ParseMultipartForm(maxOutcomeBytes); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, fault.Validation("file", fault.FieldTooLong)
		}
		return nil, fault.Validation("file", fault.FieldRequired)
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, fault.Validation("file", fault.FieldRequired)
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxOutcomeBytes+1))
	if err != nil {
		return nil, fault.Validation("file", fault.FieldFormat)
	}
	if len(body) > maxOutcomeBytes {
		return nil, fault.Validation("file", fault.FieldTooLong)
	}
	return body, nil
}

// importProblem is one problem of a refused import, in words.
type importProblem struct {
	Row  int
	Text string
}

// importProblems are the problems of a refused import, by row, or false when err is
// not a refusal of the file.
func (l *layout) importProblems(err error) ([]importProblem, bool) {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Code != fault.Invalid || len(fe.Fields) == 0 {
		return nil, false
	}
	var out []importProblem
	for field, code := range fe.Fields {
		p := importProblem{}
		if rest, ok := strings.CutPrefix(field, "rows."); ok {
			n, name, _ := strings.Cut(rest, ".")
			p.Row, _ = strconv.Atoi(n)
			p.Text = l.T("indicator.import.row", p.Row, l.T("indicator.import.field."+name), l.T("indicator.import.code."+code))
		} else {
			p.Text = l.T("indicator.import.file", l.T("indicator.import.code."+code))
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b importProblem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return strings.Compare(a.Text, b.Text)
	})
	return out, true
}

// importedPeople is for the examples of the import form: the columns in order.
var outcomeColumns = "kommunenummer;år;nøkkel;verdi;kilde"

// OutcomeKeyList is the keys an import may hold, for the form's help.
func OutcomeKeyList() string {
	var ks []string
	for _, k := range indicators.OutcomeKeys() {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

// isAdminOf reports whether p administers municipality mid (for what the page offers).
func isAdminOf(p *people.Principal, mid string) bool {
	return p.Roles.Has(people.MunicipalityAdmin, mid)
}
