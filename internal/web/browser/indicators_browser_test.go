package browser_test

import (
	"context"
	"testing"

	"stafett/internal/store/storetest"
)

// TestIndicatorPagesInBrowser checks /indikatorer, the network's indicators and the
// public page of the demo with axe at both widths in bokmål, nynorsk and English:
// as Fjordvik's administrator (who sees Havbygd's 3 undringer as "under 5") and as
// a visitor.
func TestIndicatorPagesInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ns, err := w.db.ListNetworks(context.Background(), w.demo.Municipality.ID)
		if err != nil || len(ns) == 0 {
			t.Fatalf("networks: %v", err)
		}
		violations := 0
		admin := w.as(t, "kommune.admin")
		admin.enrolTOTP(false)
		visitor := w.anonymous(t)
		for _, lang := range []string{"nb", "nn", "en"} {
			admin.visit("/indikatorer")
			admin.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			admin.contains("#table-kommune", "Fjordvik")
			violations += admin.axe("indicators-" + lang)
			admin.visit("/samarbeid/" + ns[0].ID + "/indikatorer")
			admin.contains("#table-medlemmer", "Havbygd", "under 5")
			violations += admin.axe("network-indicators-" + lang)
			admin.visit("/indikatorer?utskrift=1")
			violations += admin.axe("indicators-print-" + lang)
			visitor.visit("/k/" + w.demo.Municipality.Number + "/indikatorer")
			visitor.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			visitor.contains("#table-kommune", "Fjordvik")
			violations += visitor.axe("public-indicators-" + lang)
		}
		if violations != 0 {
			t.Errorf("%d axe violations on the indicator pages", violations)
		}
	})
}
