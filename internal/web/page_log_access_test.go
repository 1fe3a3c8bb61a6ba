package web_test

import (
	"net/http"
	"stafett/internal/web/webtest"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestAccessLogPeople: the access log page sums up who has been in the log, each
// person once per role and unit with how many records and the last, the most
// recent first, and the sums agree with the full list below it.
func TestAccessLogPeople(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newPageWorld(t, h), h.Fx
		logp := "/logg/" + w.id
		for _, tok := range []string{w.tok.participant, w.tok.participant, w.tok.guardian} {
			if res := h.Page("GET", logp, tok, nil); res.Status != http.StatusOK {
				t.Fatalf("GET %s = %d", logp, res.Status)
			}
		}
		res := h.Page("GET", logp+"/tilgangslogg", w.tok.holder, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("access log = %d", res.Status)
		}
		doc := res.Doc(t)
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

// TestAccessLogPages: the full list shows 100 records a page, newest first, with
// links to newer and older ones; the summary above counts every record.
func TestAccessLogPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newPageWorld(t, h)
		for range 130 {
			if res := h.Do("GET", "/api/v1/logs/"+w.id, w.tok.participant, nil); res.Status != http.StatusOK {
				t.Fatalf("read = %d", res.Status)
			}
		}
		ares := h.Do("GET", "/api/v1/logs/"+w.id+"/access-log", w.tok.holder, nil)
		lp{t, h}.want(ares, 200, "access log")
		total := len(webtest.Decode[webtest.AccessLog](t, ares).Events)
		path := "/logg/" + w.id + "/tilgangslogg"
		page := func(side string) *goquery.Document {
			t.Helper()
			res := h.Page("GET", path+side, w.tok.holder, nil)
			if res.Status != http.StatusOK {
				t.Fatalf("%s = %d", side, res.Status)
			}
			return res.Doc(t)
		}
		// Each page view is itself a record: the list grows by one per view.
		total++
		doc := page("")
		rows := doc.Find("#access-all tbody tr")
		if rows.Length() != 100 || flat(doc.Find("#access-showing").Text()) != "Viser 1–100 av "+strconv.Itoa(total)+"." {
			t.Errorf("first page: %d rows, %q", rows.Length(), flat(doc.Find("#access-showing").Text()))
		}
		if href, _ := doc.Find(`#access-pages a[rel="next"]`).Attr("href"); href != path+"?side=2#h-all" || doc.Find(`#access-pages a[rel="prev"]`).Length() != 0 {
			t.Errorf("first page links: older %q", href)
		}
		for _, tr := range doc.Find("#access-people tbody tr").EachIter() {
			if strings.HasPrefix(flat(tr.Find("td").First().Text()), h.Fx.EmployeeA2.Name) {
				if n, _ := strconv.Atoi(flat(tr.Find("td").Eq(2).Text())); n < 130 {
					t.Errorf("the summary counts %d reads by the participant, want all (at least 130)", n)
				}
			}
		}

		total++
		doc = page("?side=2")
		last := total - 100
		if n := doc.Find("#access-all tbody tr").Length(); n != last || flat(doc.Find("#access-showing").Text()) != "Viser 101–"+strconv.Itoa(total)+" av "+strconv.Itoa(total)+"." {
			t.Errorf("second page: %d rows, %q; want %d", n, flat(doc.Find("#access-showing").Text()), last)
		}
		if href, _ := doc.Find(`#access-pages a[rel="prev"]`).Attr("href"); href != path+"?side=1#h-all" || doc.Find(`#access-pages a[rel="next"]`).Length() != 0 {
			t.Errorf("second page links: newer %q", href)
		}
		if got := flat(doc.Find("#access-pages").Text()); !strings.Contains(got, "Side 2 av 2") {
			t.Errorf("page nav = %q", got)
		}
		// A page that cannot be read is the first; one past the end is the last.
		if got := flat(page("?side=tre").Find("#access-showing").Text()); !strings.HasPrefix(got, "Viser 1–100 av") {
			t.Errorf("side=tre shows %q", got)
		}
		if got := flat(page("?side=99").Find("#access-showing").Text()); !strings.HasPrefix(got, "Viser 101–") {
			t.Errorf("side=99 shows %q", got)
		}
	})
}
