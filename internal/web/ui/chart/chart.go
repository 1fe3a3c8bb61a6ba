// Package chart computes the geometry of the pages' server-rendered SVG charts: bars
// for comparisons (a course report's hours by kind, indicators side by side) and
// lines for trends. It draws nothing and knows no texts: the templates put the
// labels, a title, a description and a table with the same numbers around it. A
// value that may not be shown (a suppressed small number) is Missing: no bar is drawn
// and a line breaks there, so the picture never gives away what the table hides.
package chart

import (
	"strconv"
	"strings"
)

// The bar chart's layout, in SVG user units: labels left, bars from LabelWidth over
// at most BarSpan, the figure after the bar; one row every RowHeight.
const (
	Width      = 480
	LabelWidth = 150
	BarSpan    = 300
	RowHeight  = 40
	BarHeight  = 20
	textGap    = 5
)

// Bar is one bar to draw: its label, its value, and Missing when it may not be
// drawn (Text then says why, e.g. "under 5").
type Bar struct {
	Label   string
	Value   float64
	Missing bool
	Text    string // the figure written after the bar
}

// BarGeom is where one bar goes.
type BarGeom struct {
	Bar
	Y, TextY int // the bar's top; the baseline of its label and figure
	W        int // the bar's width (0 when missing)
	TextX    int // where the figure starts
}

// Bars lays out bars scaled to the largest value shown (or max when it is larger,
// e.g. 1 for shares): a value of max is BarSpan wide.
func Bars(bars []Bar, max float64) []BarGeom {
	for _, b := range bars {
		if !b.Missing && b.Value > max {
			max = b.Value
		}
	}
	out := make([]BarGeom, len(bars))
	for i, b := range bars {
		g := BarGeom{Bar: b, Y: RowHeight*i + 10, TextY: RowHeight*i + 24}
		if !b.Missing && max > 0 && b.Value > 0 {
			g.W = int(b.Value/max*BarSpan + 0.5)
		}
		g.TextX = LabelWidth + g.W + textGap
		out[i] = g
	}
	return out
}

// BarsHeight is the height of a chart of n bars.
func BarsHeight(n int) int { return RowHeight*n + 10 }

// Line chart layout: a plot of PlotWidth by PlotHeight with its origin at (Left, Top).
const (
	Left       = 50
	Top        = 20
	PlotWidth  = 400
	PlotHeight = 200
	LineHeight = Top + PlotHeight + 50 // the whole chart, with the x labels and room below
)

// Point is one value of a series; Missing when it may not be shown.
type Point struct {
	Value   float64
	Missing bool
}

// Series is one line: a name and one point for each x label.
type Series struct {
	Name   string
	Points []Point
}

// Dot is a drawn point.
type Dot struct{ X, Y int }

// LineGeom is one series drawn: its segments (polyline point lists, broken where a
// point is missing) and its dots.
type LineGeom struct {
	Series
	Segments []string
	Dots     []Dot
}

// Tick is a label on an axis and where it stands.
type Tick struct {
	Text string
	X, Y int
}

// Lines is a line chart of series over the x labels, scaled from 0 to the largest
// value shown (at least max).
type Lines struct {
	Lines  []LineGeom
	XTicks []Tick
	YTicks []Tick // 0, half and the top, with their values as given by format
}

// LinesOf lays out series over labels; format writes a y-axis value.
func LinesOf(labels []string, series []Series, max float64, format func(float64) string) Lines {
	for _, s := range series {
		for _, p := range s.Points {
			if !p.Missing && p.Value > max {
				max = p.Value
			}
		}
	}
	if max <= 0 {
		max = 1
	}
	x := func(i int) int {
		if len(labels) <= 1 {
			return Left + PlotWidth/2
		}
		return Left + i*PlotWidth/(len(labels)-1)
	}
	y := func(v float64) int { return Top + PlotHeight - int(v/max*PlotHeight+0.5) }
	var out Lines
	for i, l := range labels {
		out.XTicks = append(out.XTicks, Tick{Text: l, X: x(i), Y: Top + PlotHeight + 20})
	}
	for _, v := range []float64{0, max / 2, max} {
		out.YTicks = append(out.YTicks, Tick{Text: format(v), X: Left - 6, Y: y(v) + 4})
	}
	for _, s := range series {
		g := LineGeom{Series: s}
		var seg []string
		flush := func() {
			if len(seg) > 0 {
				g.Segments = append(g.Segments, strings.Join(seg, " "))
			}
			seg = nil
		}
		for i, p := range s.Points {
			if i >= len(labels) {
				break
			}
			if p.Missing {
				flush()
				continue
			}
			d := Dot{X: x(i), Y: y(p.Value)}
			g.Dots = append(g.Dots, d)
			seg = append(seg, strconv.Itoa(d.X)+","+strconv.Itoa(d.Y))
		}
		flush()
		out.Lines = append(out.Lines, g)
	}
	return out
}

// Colours for series in order, dark enough on white for text-size contrast.
var colours = []string{"#1e6b52", "#8a3ffc", "#b3261e", "#0b5cad", "#6b4e16"}

// Colour is the colour of the i-th series.
func Colour(i int) string { return colours[i%len(colours)] }

// Dashes is a dash pattern for the i-th series, so lines differ by more than colour.
func Dashes(i int) string { return []string{"", "6 3", "2 3", "8 3 2 3", "1 2"}[i%5] }
