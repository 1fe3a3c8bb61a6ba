package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/web/webtest"
)

// TestAdminCountyPages: the system administrator creates a county (fylkeskommune,
// two digits) on the municipalities page; its units page offers upper-secondary
// schools, a municipality's does not; a two-digit municipality is refused by the
// number with the message for both.
func TestAdminCountyPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		sys := h.Login(h.Fx.SysAdmin)
		doc := h.Page("GET", "/admin/kommuner", sys, nil).Doc(t)
		if doc.Find(`#municipality-kind-county[type="radio"]`).Length() != 1 || doc.Find(`#municipality-kind-municipality[checked]`).Length() != 1 {
			t.Fatal("the form does not offer the kind, municipality first")
		}
		h.WantFieldError(t, h.Page("POST", "/admin/kommuner", sys, url.Values{"kind": {"municipality"}, "number": {"40"}, "name": {"Telemark"}, "consent_age": {"15"}}),
			"municipality-number", "municipality.number.format")
		res := h.Page("POST", "/admin/kommuner", sys, url.Values{"kind": {"county"}, "number": {"40"}, "name": {"Telemark fylkeskommune"}, "consent_age": {"15"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create county = %d %s", res.Status, res.Body)
		}
		c, err := h.DB.GetMunicipalityByNumber(t.Context(), "40")
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != "county" || c.Name != "Telemark fylkeskommune" {
			t.Fatalf("created %+v", c)
		}
		kinds := func(mid string) map[string]bool {
			out := map[string]bool{}
			h.Page("GET", "/admin/kommuner/"+mid+"/enheter", sys, nil).Doc(t).Find(`#unit-kind option`).Each(func(_ int, s *goquery.Selection) {
				if v := s.AttrOr("value", ""); v != "" {
					out[v] = true
				}
			})
			return out
		}
		if k := kinds(c.ID); len(k) != 2 || !k["upper_secondary"] || !k["other"] {
			t.Errorf("a county's unit kinds: %v", k)
		}
		if k := kinds(h.Fx.A.ID); k["upper_secondary"] || !k["school"] {
			t.Errorf("a municipality's unit kinds: %v", k)
		}
		res = h.Page("POST", "/admin/kommuner/"+c.ID+"/enheter", sys, url.Values{"name": {"Skien videregående skole"}, "kind": {"upper_secondary"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create upper-secondary school = %d %s", res.Status, res.Body)
		}
		if res := h.Page("POST", "/admin/kommuner/"+h.Fx.A.ID+"/enheter", sys, url.Values{"name": {"Feil"}, "kind": {"upper_secondary"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("an upper-secondary school in a municipality = %d", res.Status)
		}
	})
}
