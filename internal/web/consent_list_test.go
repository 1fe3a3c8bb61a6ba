package web_test

import (
	"net/http"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestConsentListSaysWhatItCovers: each consent in the log says who gave it, which
// services it covers by name, and when it lapses (issue 21, point 3).
func TestConsentListSaysWhatItCovers(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder := h.Login(fx.EmployeeA)
		id := o.open(holder, fx.UnitA.ID, map[string]any{"name": "Åse Bjørnstad", "birth_date": "2016-05-01"}, "Sliten.")
		o.guardian(holder, id, fx.Plain.ID, true)
		o.consent(holder, id, map[string]any{"given_by": "Frida Forelder", "expires_at": "2027-06-30T10:00:00Z"}, fx.UnitA.ID, fx.UnitA2.ID)
		o.level(holder, id, 1) // the guardian sees the log once it is active
		for _, tok := range []string{holder, h.Login(fx.Plain)} {
			res := h.Page("GET", "/logg/"+id, tok, nil)
			if res.Status != http.StatusOK {
				t.Fatalf("log page = %d", res.Status)
			}
			item := flat(res.Doc(t).Find("li.consent-item").First().Text())
			for _, want := range []string{"Signert skjema, 23. november 2026 (Frida Forelder)", "gjelder",
				"Gjelder for: Helsestasjonen, Myren skole.", "Går ut 30. juni 2027.", "Trekk tilbake"} {
				if !strings.Contains(item, want) {
					t.Errorf("the consent says %q, lacks %q", item, want)
				}
			}
		}
	})
}
