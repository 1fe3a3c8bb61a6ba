package indicators

import (
	"math/rand/v2"
	"testing"
)

func TestMedianDays(t *testing.T) {
	for _, c := range []struct {
		name string
		days map[int]int
		want float64
		ok   bool
	}{
		{"None", nil, 0, false},
		{"OnlyZeroCounts", map[int]int{3: 0}, 0, false},
		{"One", map[int]int{7: 1}, 7, true},
		{"Odd", map[int]int{1: 1, 5: 1, 9: 1}, 5, true},
		{"EvenMeanOfMiddle", map[int]int{2: 1, 3: 1, 10: 2}, 6.5, true},
		{"Repeated", map[int]int{0: 3, 20: 1}, 0, true},
		{"MiddleInsideABucket", map[int]int{1: 1, 4: 5, 30: 1}, 4, true},
		{"NegativeIgnored", map[int]int{2: 1, 8: -4}, 2, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := MedianDays(c.days)
			if got != c.want || ok != c.ok {
				t.Errorf("MedianDays(%v) = %v, %v; want %v, %v", c.days, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestShareOf(t *testing.T) {
	if v, ok := ShareOf(3, 4); !ok || v != 0.75 {
		t.Errorf("ShareOf(3, 4) = %v, %v", v, ok)
	}
	if _, ok := ShareOf(0, 0); ok {
		t.Error("ShareOf(0, 0) has a value")
	}
}

func TestSumPoolsMedians(t *testing.T) {
	s := Sum(Figures{TransferAcceptDaysMedian: {N: 1, Days: map[int]int{2: 1}}, LogsOpened: {N: 3}},
		Figures{TransferAcceptDaysMedian: {N: 2, Days: map[int]int{2: 1, 9: 1}}, FamilyEntriesShare: {N: 4, Part: 1}})
	if s[LogsOpened].N != 3 || s[FamilyEntriesShare].Part != 1 || s[FamilyEntriesShare].N != 4 {
		t.Errorf("Sum = %v", s)
	}
	if d := s[TransferAcceptDaysMedian].Days; d[2] != 2 || d[9] != 1 {
		t.Errorf("pooled days = %v", d)
	}
}

// val is the number shown, or -1 when none.
func val(v Value) float64 {
	if v.Value == nil {
		return -1
	}
	return *v.Value
}

func TestProtectOnePlace(t *testing.T) {
	days := func(ds ...int) map[int]int {
		m := map[int]int{}
		for _, d := range ds {
			m[d]++
		}
		return m
	}
	for _, c := range []struct {
		name       string
		key        Key
		fig        Figure
		own        bool
		want       float64 // -1: no number
		suppressed bool
	}{
		{"OwnSmallCountShows", ActiveLevel2, Figure{N: 3}, true, 3, false},
		{"OutsideCount1Hidden", ActiveLevel2, Figure{N: 1}, false, -1, true},
		{"OutsideCount4Hidden", ActiveLevel2, Figure{N: 4}, false, -1, true},
		{"OutsideCount5Shows", ActiveLevel2, Figure{N: 5}, false, 5, false},
		{"OutsideZeroShows", ActiveLevel2, Figure{}, false, 0, false},
		{"OwnShareOfFewShows", FamilyEntriesShare, Figure{N: 4, Part: 1}, true, 0.25, false},
		{"OutsideShareOf4Hidden", FamilyEntriesShare, Figure{N: 4, Part: 4}, false, -1, true},
		{"OutsideShareOf5Shows", FamilyEntriesShare, Figure{N: 5, Part: 1}, false, 0.2, false},
		{"ShareOfNoneHasNoValue", FamilyEntriesShare, Figure{}, false, -1, false},
		{"OutsideMedianOf4Hidden", TransferAcceptDaysMedian, Figure{N: 4, Days: days(1, 2, 3, 4)}, false, -1, true},
		{"OutsideMedianOf5Shows", TransferAcceptDaysMedian, Figure{N: 5, Days: days(1, 2, 3, 4, 40)}, false, 3, false},
		{"OwnMedianOf2Shows", UndringDecisionDaysMedian, Figure{N: 2, Days: days(4, 10)}, true, 7, false},
		{"MedianOfNoneHasNoValue", UndringDecisionDaysMedian, Figure{}, true, -1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := Protect(Table{Places: []Place{{Figures: Figures{c.key: c.fig}, Own: c.own}}})
			if s.Total != nil {
				t.Error("a table without a total got one")
			}
			v := s.Places[0][c.key]
			if val(v) != c.want || v.Suppressed != c.suppressed {
				t.Errorf("%s = %v (suppressed %v), want %v (suppressed %v)", c.key, val(v), v.Suppressed, c.want, c.suppressed)
			}
			if len(s.Places[0]) != len(Keys()) {
				t.Errorf("%d keys shown, want %d", len(s.Places[0]), len(Keys()))
			}
		})
	}
}

func TestProtectShareParts(t *testing.T) {
	fig := Figures{MeasuresEvaluatedOnTimeShare: {N: 8, Part: 6}}
	own := Protect(Table{Places: []Place{{Figures: fig, Own: true}}}).Places[0][MeasuresEvaluatedOnTimeShare]
	if own.Numerator == nil || *own.Numerator != 6 || own.Denominator == nil || *own.Denominator != 8 || val(own) != 0.75 {
		t.Errorf("own share = %+v", own)
	}
	out := Protect(Table{Places: []Place{{Figures: fig}}}).Places[0][MeasuresEvaluatedOnTimeShare]
	if out.Numerator != nil || out.Denominator != nil || val(out) != 0.75 {
		t.Errorf("outside share = %+v, want the value only", out)
	}
}

// column runs Protect on one count key over places with the given counts (own
// marks the viewer's own places) and a total; it returns what shows (-1 hidden) for
// each place and for the total.
func column(counts []int, own map[int]bool) ([]float64, float64) {
	t := Table{Total: true}
	for i, n := range counts {
		t.Places = append(t.Places, Place{Figures: Figures{ActiveLevel1: {N: n}}, Own: own[i]})
	}
	s := Protect(t)
	out := make([]float64, len(counts))
	for i := range counts {
		out[i] = val(s.Places[i][ActiveLevel1])
	}
	return out, val(s.Total[ActiveLevel1])
}

func TestProtectSecondary(t *testing.T) {
	for _, c := range []struct {
		name      string
		counts    []int
		own       map[int]bool
		want      []float64
		wantTotal float64
	}{
		{"NothingSmall", []int{10, 7, 5}, nil, []float64{10, 7, 5}, 22},
		{"OneSmallHidesNextSmallest", []int{3, 12, 7, 30}, nil, []float64{-1, 12, -1, 30}, 52},
		{"TwoSmallNeedNoMore", []int{3, 2, 40}, nil, []float64{-1, -1, 40}, 45},
		{"NonZeroBeforeZero", []int{3, 0, 9, 20}, nil, []float64{-1, 0, -1, 20}, 32},
		{"ZeroWhenNoOther", []int{3, 0, 8}, map[int]bool{2: true}, []float64{-1, -1, 8}, 11},
		{"OwnNeverHiddenNorUsed", []int{3, 6, 8}, map[int]bool{1: true}, []float64{-1, 6, -1}, 17},
		{"OnlyOwnLeftHidesTotal", []int{3, 6}, map[int]bool{1: true}, []float64{-1, 6}, -1},
		{"OwnSmallShowsAndIsKnown", []int{3, 9, 12}, map[int]bool{0: true}, []float64{3, 9, 12}, 24},
		{"SmallTotalHidden", []int{1, 2, 0}, nil, []float64{-1, -1, 0}, -1},
		{"AllOwnTotalShows", []int{1, 2}, map[int]bool{0: true, 1: true}, []float64{1, 2}, 3},
		{"TiesTakeTheFirst", []int{6, 4, 6}, nil, []float64{-1, -1, 6}, 16},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, total := column(c.counts, c.own)
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("place %d (%d) shows %v, want %v", i, c.counts[i], got[i], c.want[i])
				}
			}
			if total != c.wantTotal {
				t.Errorf("total shows %v, want %v", total, c.wantTotal)
			}
		})
	}
}

// No hidden count can be recovered as the total less what shows, whatever the
// numbers: when the total shows, the hidden counts are none or at least two.
func TestProtectNeverRecoverable(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 5))
	for range 5000 {
		n := 1 + r.IntN(6)
		counts := make([]int, n)
		own := map[int]bool{}
		for i := range counts {
			counts[i] = r.IntN(12)
			if r.IntN(5) == 0 {
				own[i] = true
			}
		}
		got, total := column(counts, own)
		hidden := 0
		for i, v := range got {
			if v < 0 {
				hidden++
				if own[i] {
					t.Fatalf("%v own %v: own place %d hidden", counts, own, i)
				}
			} else if v != float64(counts[i]) {
				t.Fatalf("%v: place %d shows %v", counts, i, v)
			}
			if !own[i] && counts[i] >= 1 && counts[i] <= 4 && v >= 0 {
				t.Fatalf("%v own %v: small count at %d shows", counts, own, i)
			}
		}
		if total >= 0 && hidden == 1 {
			t.Fatalf("%v own %v: one hidden count and the total shows %v: recoverable", counts, own, total)
		}
	}
}

func TestProtectTotalShareAndMedian(t *testing.T) {
	s := Protect(Table{Total: true, Places: []Place{
		{Figures: Figures{FamilyEntriesShare: {N: 3, Part: 3}, TransferAcceptDaysMedian: {N: 2, Days: map[int]int{1: 2}}}},
		{Figures: Figures{FamilyEntriesShare: {N: 7, Part: 2}, TransferAcceptDaysMedian: {N: 3, Days: map[int]int{5: 3}}}, Own: true},
	}})
	if v := s.Places[0][FamilyEntriesShare]; !v.Suppressed {
		t.Errorf("partner's share of 3 = %+v", v)
	}
	if v := s.Total[FamilyEntriesShare]; val(v) != 0.5 || v.Numerator != nil {
		t.Errorf("total share = %+v, want 0.5 without parts", v)
	}
	if v := s.Total[TransferAcceptDaysMedian]; val(v) != 5 {
		t.Errorf("total median = %v, want 5", val(v))
	}
}

func TestShowUnitApart(t *testing.T) {
	for _, c := range []struct {
		cases  int
		leader bool
		want   bool
	}{{4, false, false}, {4, true, true}, {5, false, true}, {0, false, false}, {0, true, true}} {
		if got := ShowUnitApart(c.cases, c.leader); got != c.want {
			t.Errorf("ShowUnitApart(%d, %v) = %v", c.cases, c.leader, got)
		}
	}
}

func TestDefinitions(t *testing.T) {
	seen := map[Key]bool{}
	for _, d := range Definitions() {
		if seen[d.Key] || d.Text == "" {
			t.Errorf("%s: duplicate or without a definition", d.Key)
		}
		seen[d.Key] = true
		if k, ok := KindOf(d.Key); !ok || k != d.Kind {
			t.Errorf("KindOf(%s) = %v, %v", d.Key, k, ok)
		}
	}
	if len(seen) != 16 {
		t.Errorf("%d keys, want the 16 of API.md", len(seen))
	}
	if k, _ := KindOf("course_fte"); k != Amount {
		t.Errorf("course_fte is of kind %v, want Amount", k)
	}
}

// TestAmountNeverSuppressed: course årsverk are staff time, shown as they are outside
// the own municipality too, and a place without the figure shows no value.
func TestAmountNeverSuppressed(t *testing.T) {
	shown := Protect(Table{Total: true, Places: []Place{
		{Figures: Figures{CourseFTE: {N: 3, Set: true}}},
		{Figures: Figures{CourseFTE: {N: 1300, Set: true}}},
		{Figures: Figures{}},
	}})
	if v := shown.Places[0][CourseFTE]; v.Suppressed || v.Value == nil || *v.Value != 0.003 {
		t.Errorf("a small amount outside = %+v", v)
	}
	if v := shown.Total[CourseFTE]; v.Value == nil || *v.Value != 1.303 {
		t.Errorf("the total = %+v", v)
	}
	if v := shown.Places[2][CourseFTE]; v.Value != nil || v.Suppressed {
		t.Errorf("a place without the figure = %+v", v)
	}
}

func TestCheckPeriod(t *testing.T) {
	for _, c := range []struct {
		from, to string
		ok       bool
	}{
		{"2026-01-01", "2026-12-31", true},
		{"2026-01-01", "2026-01-01", true},
		{"2026-02-30", "2026-03-01", false},
		{"2026-1-1", "2026-03-01", false},
		{"2026-03-02", "2026-03-01", false},
		{"2010-01-01", "2026-03-01", false},
		{"", "", false},
	} {
		if err := CheckPeriod(c.from, c.to); (err == nil) != c.ok {
			t.Errorf("CheckPeriod(%q, %q) = %v", c.from, c.to, err)
		}
	}
}

func TestUnitsApart(t *testing.T) {
	for _, c := range []struct {
		name  string
		cases []int
		leads []bool
		want  []bool
	}{
		{"AllBig", []int{9, 5}, []bool{false, false}, []bool{true, true}},
		{"OneSmallHidesNextSmallest", []int{3, 9, 7}, []bool{false, false, false}, []bool{false, true, false}},
		{"TwoSmall", []int{3, 1, 7}, []bool{false, false, false}, []bool{false, false, true}},
		{"EmptyUnitsNeedNoCover", []int{0, 9}, []bool{false, false}, []bool{false, true}},
		{"LeaderSeesOwnSmall", []int{3, 9}, []bool{true, false}, []bool{true, true}},
		{"OnlyLedLeftShowsOnlyLed", []int{3, 9}, []bool{false, true}, []bool{false, true}},
		{"NoOtherHidesAll", []int{3, 9}, []bool{false, false}, []bool{false, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := UnitsApart(c.cases, c.leads)
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("unit %d (%d cases): %v, want %v", i, c.cases[i], got[i], c.want[i])
				}
			}
		})
	}
}
