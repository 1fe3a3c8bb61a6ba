package gen

import (
	"testing"

	"stafett/internal/org"
)

func TestMunicipalities(t *testing.T) {
	ms := municipalities()
	if len(ms) != 357 {
		t.Fatalf("%d municipalities, want 357", len(ms))
	}
	numbers, domains := map[string]bool{}, map[string]bool{}
	total := 0
	for _, m := range ms {
		if !org.IsMunicipalityNumber(m.Number) || numbers[m.Number] {
			t.Errorf("number %q invalid or twice", m.Number)
		}
		if d := slug(m.Name); d == "" || domains[d] {
			t.Errorf("%s: domain label %q empty or twice", m.Name, d)
		} else {
			domains[d] = true
		}
		numbers[m.Number] = true
		if m.Population < 150 || m.Population > 800000 {
			t.Errorf("%s: population %d", m.Name, m.Population)
		}
		total += m.Population
	}
	// Norway has some 5.5 million inhabitants.
	if total < 4_500_000 || total > 6_500_000 {
		t.Errorf("total population %d", total)
	}
}

func TestSyntheticNationalID(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range []int{0, 1, 27, 28, 335, 336, 33599, 33600, 999_999, 356_000_123} {
		id := syntheticNationalID(n)
		if len(id) != 11 || seen[id] {
			t.Errorf("%d: %q too short or twice", n, id)
		}
		if m := id[2:4]; m < "81" || m > "92" {
			t.Errorf("%d: %q month %s is not synthetic (81-92)", n, id, m)
		}
		seen[id] = true
	}
}
