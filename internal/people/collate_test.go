package people

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSortNames(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want []string
	}{
		{"ÆØÅAfterZ", []string{"Åse", "Øystein", "Ærlig", "Zak", "Anne", "aase"},
			// "aa" is the old spelling of å and sorts as it, just after it.
			[]string{"Anne", "Zak", "Ærlig", "Øystein", "Åse", "aase"}},
		{"IgnoresCase", []string{"bjørn", "Anne", "Bjørg", "anders"},
			[]string{"anders", "Anne", "Bjørg", "bjørn"}},
		{"Units", []string{"Åsen skole", "Myren skole", "Ørsta barnehage", "Ævre helsestasjon", "Zebra barnehage", "aktivitetshuset"},
			[]string{"aktivitetshuset", "Myren skole", "Zebra barnehage", "Ævre helsestasjon", "Ørsta barnehage", "Åsen skole"}},
		{"SámiWithBaseLetter", []string{"Dávvet", "Čáhppes", "Đoná", "Cecilie", "Ŋunni", "Nils", "Oda"},
			// Č is a C with an accent: Čáhppes before Cecilie, as a before e.
			[]string{"Čáhppes", "Cecilie", "Dávvet", "Đoná", "Nils", "Ŋunni", "Oda"}},
		{"SwedishÄÖWithÆØ", []string{"Öberg", "Ødegård", "Ähl", "Æsop", "Zorn"},
			[]string{"Zorn", "Ähl", "Æsop", "Öberg", "Ødegård"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := slices.Clone(c.in)
			SortNames(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("SortNames(%q) = %q, want %q", c.in, got, c.want)
			}
			for i := 1; i < len(c.want); i++ {
				if CompareNames(c.want[i-1], c.want[i]) >= 0 || CompareNames(c.want[i], c.want[i-1]) <= 0 {
					t.Errorf("CompareNames does not put %q before %q", c.want[i-1], c.want[i])
				}
				if strings.Compare(NameKey(c.want[i-1]), NameKey(c.want[i])) >= 0 {
					t.Errorf("NameKey does not put %q before %q", c.want[i-1], c.want[i])
				}
			}
		})
	}
	if CompareNames("Åse", "Åse") != 0 || NameKey("Åse") != NameKey("Åse") {
		t.Error("a name does not collate equal to itself")
	}
}

func TestSortByNameIsStable(t *testing.T) {
	type unit struct{ id, name string }
	units := []unit{{"3", "Åsen"}, {"1", "Myren"}, {"2", "Åsen"}, {"4", "Bø"}}
	SortByName(units, func(u unit) string { return u.name })
	want := []unit{{"4", "Bø"}, {"1", "Myren"}, {"3", "Åsen"}, {"2", "Åsen"}}
	if !slices.Equal(units, want) {
		t.Errorf("SortByName = %v, want %v", units, want)
	}
}

// The collators are pooled, not shared: sorting from many goroutines at once gives
// every one the right order (run with -race to see a shared one).
func TestSortNamesConcurrently(t *testing.T) {
	want := []string{"Anne", "Zak", "Ærlig", "Øystein", "Åse"}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got := []string{"Åse", "Øystein", "Ærlig", "Zak", "Anne"}
				SortNames(got)
				if !slices.Equal(got, want) {
					errs <- strings.Join(got, ", ")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent sort gave %s", e)
	}
}
