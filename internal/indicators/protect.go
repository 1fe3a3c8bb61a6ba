package indicators

// MinCases is the statistics offices' threshold: outside the viewer's own
// municipality a count from 1 to MinCases-1, and a share or median computed from
// fewer than MinCases cases, is never shown as a number.
const MinCases = 5

// Value is one indicator as a viewer is shown it (API.md, Indicators). Value is nil
// when the number is suppressed, or when there is nothing to compute it from (a
// share or median of no cases). Numerator and denominator are given for shares in
// the viewer's own municipality only: elsewhere they are counts that could be small.
type Value struct {
	Value       *float64 `json:"value"`
	Numerator   *int     `json:"numerator,omitempty"`
	Denominator *int     `json:"denominator,omitempty"`
	Suppressed  bool     `json:"suppressed"`
}

// Values are one place's indicators as shown, by key.
type Values map[Key]Value

// Place is one column of a view: a unit, a municipality or a member of a network,
// with its figures. Own says the viewer sees it from inside (their own
// municipality, or their own unit), where every number shows.
type Place struct {
	Figures Figures
	Own     bool
}

// Table is a view: places side by side, and, when Total is set, their total (a
// network's sum). The total is the viewer's own only when every place is.
type Table struct {
	Places []Place
	Total  bool
}

// Shown is a Table as its viewer may see it: Places in the order given, and Total
// (nil when the table has none).
type Shown struct {
	Places []Values
	Total  Values
}

// Protect applies the small-numbers rule to t for its viewer. Primary suppression
// hides, outside the own places, a count from 1 to 4 and a share or median from
// fewer than MinCases cases. Secondary suppression keeps a hidden count from being
// recovered as the total less the numbers shown: when only one count of a key is
// hidden while the total shows, the next smallest count outside the own places is
// hidden too (a non-zero one first), or, when there is none, the total. Shares and
// medians are not additive, and outsiders are never given their numerators or
// denominators, so nothing can be subtracted to find them.
func Protect(t Table) Shown {
	out := Shown{Places: make([]Values, len(t.Places))}
	for i := range out.Places {
		out.Places[i] = Values{}
	}
	figs := make([]Figures, len(t.Places))
	totalOwn := true
	for i, p := range t.Places {
		figs[i] = p.Figures
		totalOwn = totalOwn && p.Own
	}
	var total Figures
	if t.Total {
		total = Sum(figs...)
		out.Total = Values{}
	}
	for _, d := range definitions {
		hidden := make([]bool, len(t.Places))
		for i, p := range t.Places {
			hidden[i] = !p.Own && primary(d.Kind, p.Figures[d.Key])
		}
		totalHidden := t.Total && !totalOwn && primary(d.Kind, total[d.Key])
		if t.Total && !totalHidden && d.Kind == Count {
			totalHidden = secondary(d.Key, t.Places, hidden)
		}
		for i, p := range t.Places {
			out.Places[i][d.Key] = show(d.Kind, p.Figures[d.Key], p.Own, hidden[i])
		}
		if t.Total {
			out.Total[d.Key] = show(d.Kind, total[d.Key], totalOwn, totalHidden)
		}
	}
	return out
}

// primary reports whether figure f of kind k is too small to show an outsider.
func primary(k Kind, f Figure) bool {
	// A share or median of no cases has no value to hide, and a count of 0 is safe.
	n := f.cases(k)
	return n >= 1 && n < MinCases
}

// secondary hides a second count of key when exactly one is hidden, marking it in
// hidden, and reports whether the total must be hidden instead.
func secondary(key Key, places []Place, hidden []bool) (hideTotal bool) {
	one := -1
	for i, h := range hidden {
		if h {
			if one >= 0 {
				return false // two or more unknowns: the total gives only their sum
			}
			one = i
		}
	}
	if one < 0 {
		return false
	}
	best := -1
	for i, p := range places {
		if p.Own || hidden[i] {
			continue // the viewer knows their own numbers: hiding them protects nothing
		}
		if best < 0 || better(p.Figures[key].N, places[best].Figures[key].N) {
			best = i
		}
	}
	if best < 0 {
		return true
	}
	hidden[best] = true
	return false
}

// better reports whether count a is a better second cell to hide than b: the
// smallest non-zero count, and a zero only when there is no other.
func better(a, b int) bool {
	if (a == 0) != (b == 0) {
		return b == 0
	}
	return a < b
}

// show is figure f of kind k as shown: hidden, from inside (with a share's
// numerator and denominator) or from outside.
func show(k Kind, f Figure, own, hidden bool) Value {
	if hidden {
		return Value{Suppressed: true}
	}
	switch k {
	case Share:
		v, ok := ShareOf(f.Part, f.N)
		out := Value{}
		if ok {
			out.Value = &v
		}
		if own {
			num, den := f.Part, f.N
			out.Numerator, out.Denominator = &num, &den
		}
		return out
	case Median:
		v, ok := MedianDays(f.Days)
		if !ok {
			return Value{}
		}
		return Value{Value: &v}
	case Amount:
		if !f.Set {
			return Value{}
		}
		v := float64(f.N) / 1000
		return Value{Value: &v}
	}
	v := float64(f.N)
	return Value{Value: &v}
}

// ShowUnitApart reports whether a unit's indicators may be shown apart from its
// municipality's: inside the municipality every number shows, but a unit with fewer
// than MinCases cases is shown apart only to its own leader.
func ShowUnitApart(cases int, ownLeader bool) bool { return ownLeader || cases >= MinCases }
