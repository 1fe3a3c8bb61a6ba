package chart

import (
	"reflect"
	"strconv"
	"testing"
)

func TestBarsScaleToTheLargest(t *testing.T) {
	g := Bars([]Bar{{Label: "a", Value: 10}, {Label: "b", Value: 5}, {Label: "c", Missing: true, Text: "under 5"}, {Label: "d"}}, 0)
	if g[0].W != BarSpan || g[1].W != BarSpan/2 || g[2].W != 0 || g[3].W != 0 {
		t.Errorf("widths %d %d %d %d", g[0].W, g[1].W, g[2].W, g[3].W)
	}
	if g[1].Y != RowHeight+10 || g[1].TextY != RowHeight+24 || g[0].TextX != LabelWidth+BarSpan+5 || g[2].TextX != LabelWidth+5 {
		t.Errorf("geometry %+v", g)
	}
	if BarsHeight(3) != 130 {
		t.Errorf("height %d", BarsHeight(3))
	}
}

// A missing value is never drawn, however large it is: its bar cannot be measured.
func TestBarsMissingNeitherDrawnNorScaled(t *testing.T) {
	g := Bars([]Bar{{Value: 3, Missing: true}, {Value: 2}}, 0)
	if g[0].W != 0 || g[1].W != BarSpan {
		t.Errorf("widths %d %d", g[0].W, g[1].W)
	}
	// Shares are scaled to 1, not to the largest share.
	if s := Bars([]Bar{{Value: 0.5}}, 1); s[0].W != BarSpan/2 {
		t.Errorf("share width %d", s[0].W)
	}
}

func TestLinesBreakAtMissing(t *testing.T) {
	l := LinesOf([]string{"2024", "2025", "2026"}, []Series{
		{Name: "a", Points: []Point{{Value: 10}, {Missing: true}, {Value: 20}}},
		{Name: "b", Points: []Point{{Value: 0}, {Value: 20}, {Value: 10}}},
	}, 0, func(v float64) string { return strconv.Itoa(int(v)) })
	a := l.Lines[0]
	if !reflect.DeepEqual(a.Segments, []string{"50,120", "450,20"}) || len(a.Dots) != 2 {
		t.Errorf("a = %+v", a)
	}
	if b := l.Lines[1]; !reflect.DeepEqual(b.Segments, []string{"50,220 250,20 450,120"}) {
		t.Errorf("b = %+v", b)
	}
	if l.XTicks[1] != (Tick{"2025", 250, 240}) || l.YTicks[2].Text != "20" || l.YTicks[0].Y != 224 {
		t.Errorf("ticks %+v %+v", l.XTicks, l.YTicks)
	}
}

func TestLinesOneLabelAndNothingShown(t *testing.T) {
	l := LinesOf([]string{"2026"}, []Series{{Points: []Point{{Missing: true}}}}, 0, func(float64) string { return "" })
	if len(l.Lines[0].Segments) != 0 || len(l.Lines[0].Dots) != 0 || l.XTicks[0].X != Left+PlotWidth/2 {
		t.Errorf("%+v", l)
	}
}
