package indicators

import "sort"

// Figure is what the store counted for one indicator in one place (a unit, a
// municipality, a network's total) before anything is shown: the raw numbers, never
// shown to an outsider as they are.
type Figure struct {
	// N is the count (Count), the denominator (Share), the number of cases the
	// median is taken over (Median) or the thousandths of an årsverk (Amount).
	N int
	// Part is a share's numerator.
	Part int
	// Days holds, for a median, how many cases took each number of whole days.
	Days map[int]int
	// Set says an Amount was computed for the place (a municipality's course
	// årsverk); a unit has none, and shows no value rather than 0.
	Set bool
}

// Figures are one place's figures, by key. A key that is missing counts as zero.
type Figures map[Key]Figure

// Add adds f to the figure: counts, numerators and denominators add, and the cases
// of medians are pooled.
func (g Figure) Add(f Figure) Figure {
	out := Figure{N: g.N + f.N, Part: g.Part + f.Part, Set: g.Set || f.Set}
	if len(g.Days)+len(f.Days) > 0 {
		out.Days = map[int]int{}
		for d, n := range g.Days {
			out.Days[d] += n
		}
		for d, n := range f.Days {
			out.Days[d] += n
		}
	}
	return out
}

// Sum adds up the figures of several places, key by key: a network's total.
func Sum(places ...Figures) Figures {
	out := Figures{}
	for _, p := range places {
		for k, f := range p {
			out[k] = out[k].Add(f)
		}
	}
	return out
}

// ShareOf is part over whole, and false when whole is not positive (no share).
func ShareOf(part, whole int) (float64, bool) {
	if whole <= 0 {
		return 0, false
	}
	return float64(part) / float64(whole), true
}

// MedianDays is the median of the cases in days (day → how many cases), the mean of
// the two middle cases when their number is even, and false when there are none.
// Negative counts are ignored.
func MedianDays(days map[int]int) (float64, bool) {
	n := 0
	keys := make([]int, 0, len(days))
	for d, c := range days {
		if c > 0 {
			n += c
			keys = append(keys, d)
		}
	}
	if n == 0 {
		return 0, false
	}
	sort.Ints(keys)
	lo, hi := at(keys, days, (n-1)/2), at(keys, days, n/2)
	return float64(lo+hi) / 2, true
}

// at is the i-th case (from 0) in the sorted days.
func at(keys []int, days map[int]int, i int) int {
	for _, d := range keys {
		if c := days[d]; c > 0 {
			if i < c {
				return d
			}
			i -= c
		}
	}
	return keys[len(keys)-1]
}

// cases is how many cases f was computed from.
func (g Figure) cases(k Kind) int {
	if k == Amount {
		return 0 // staff time, not children: nothing to protect
	}
	if k == Median {
		n := 0
		for _, c := range g.Days {
			if c > 0 {
				n += c
			}
		}
		return n
	}
	return g.N
}
