package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// TestPersonPickerPages covers issue 21 point 8: the participant and transfer
// pickers search the municipality's staff only (never a guardian, even one whose
// name matches), show each person's unit, and page 50 at a time with links that
// keep the search; the last page has no link onwards.
func TestPersonPickerPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		x := lp{t, h}
		for i := range 55 {
			x.user(fmt.Sprintf("zebra%02d@a.example", i), fmt.Sprintf("Zebra Ansatt %02d", i),
				people.Role{Role: people.Employee, MunicipalityID: fx.A.ID, UnitID: fx.UnitA2.ID})
		}
		x.user("zebra.foresatt@a.example", "Zebra Foresatt")
		holder := h.Login(fx.EmployeeA)
		id := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		for _, form := range []string{"aktorer", "overforing"} {
			base := "/logg/" + id + "/" + form + "/ny"
			page := func(path string) *goquery.Document {
				t.Helper()
				res := h.Page("GET", path, holder, nil)
				if res.Status != http.StatusOK {
					t.Fatalf("GET %s = %d", path, res.Status)
				}
				return res.Doc(t)
			}
			doc := page(base + "?q=zebra")
			if n := doc.Find("input[type=radio][name$=user_id]").Length(); n != 50 {
				t.Errorf("%s: page 1 offers %d people, want 50", form, n)
			}
			text := doc.Find("main").Text()
			if strings.Contains(text, "Zebra Foresatt") {
				t.Errorf("%s: a guardian is offered", form)
			}
			if !strings.Contains(text, "Zebra Ansatt 00 – "+fx.UnitA2.Name) {
				t.Errorf("%s: the first person is not shown with their unit:\n%s", form, text)
			}
			next, _ := doc.Find("a[rel=next]").Attr("href")
			u, err := url.Parse(next)
			if err != nil || u.Path != base || u.Query().Get("q") != "zebra" || u.Query().Get("side") != "2" {
				t.Fatalf("%s: next link = %q", form, next)
			}
			doc = page(next)
			if n := doc.Find("input[type=radio][name$=user_id]").Length(); n != 5 {
				t.Errorf("%s: page 2 offers %d people, want 5", form, n)
			}
			if doc.Find("a[rel=next]").Length() != 0 || doc.Find("a[rel=prev]").Length() != 1 {
				t.Errorf("%s: page 2's links are wrong", form)
			}
			if !strings.Contains(doc.Find("main").Text(), "Zebra Ansatt 54") {
				t.Errorf("%s: page 2 lacks the last person", form)
			}
		}
		if res := h.Page("GET", "/logg/"+id+"/aktorer/ny?q=zebra", h.Login(fx.EmployeeB), nil); res.Status != http.StatusNotFound {
			t.Errorf("other municipality = %d, want 404", res.Status)
		}
	})
}
