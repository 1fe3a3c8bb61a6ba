package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestAccessLogPeople: the access log page sums up who has been in the log, each
// person once per role and unit with how many records and the last, the most
// recent first, and the sums agree with the full list below it.
func TestAccessLogPeople(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		w, fx := newPageWorld(t, h), h.fx
		logp := "/logg/" + w.id
		for _, tok := range []string{w.tok.participant, w.tok.participant, w.tok.guardian} {
			if res := h.page("GET", logp, tok, nil); res.status != http.StatusOK {
				t.Fatalf("GET %s = %d", logp, res.status)
			}
		}
		res := h.page("GET", logp+"/tilgangslogg", w.tok.holder, nil)
		if res.status != http.StatusOK {
			t.Fatalf("access log = %d", res.status)
		}
		doc := res.doc(t)
		cells := func(s *goquery.Selection) []string {
			var out []string
			s.Find("td").Each(func(_ int, td *goquery.Selection) { out = append(out, flat(td.Text())) })
			return out
		}
		all := map[[2]string]int{} // who and role → records in the full list
		doc.Find("#access-all tbody tr").Each(func(_ int, tr *goquery.Selection) {
			c := cells(tr)
			all[[2]string{c[1], c[2]}]++
		})
		var people [][]string
		doc.Find("#access-people tbody tr").Each(func(_ int, tr *goquery.Selection) { people = append(people, cells(tr)) })
		if len(people) < 3 {
			t.Fatalf("people = %q", people)
		}
		if !strings.HasPrefix(people[0][0], fx.Plain.Name) {
			t.Errorf("first in the summary = %q, want %s, who read last", people[0], fx.Plain.Name)
		}
		seen := map[[2]string]bool{}
		var participant int
		for _, p := range people {
			k := [2]string{p[0], p[1]}
			if seen[k] {
				t.Errorf("%q twice in the summary", k)
			}
			seen[k] = true
			if n, err := strconv.Atoi(p[2]); err != nil || n != all[k] {
				t.Errorf("%q: %s times in the summary, %d in the list", k, p[2], all[k])
			}
			if strings.HasPrefix(p[0], fx.EmployeeA2.Name) {
				participant, _ = strconv.Atoi(p[2])
			}
		}
		if participant < 2 {
			t.Errorf("the participant's two reads are not in the summary: %q", people)
		}
		if len(seen) != len(all) {
			t.Errorf("summary has %d people, list %d", len(seen), len(all))
		}
	})
}
