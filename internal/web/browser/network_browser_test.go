package browser_test

import (
	"context"
	"net/url"
	"testing"

	"stafett/internal/store/storetest"
)

// TestNetworkPageInBrowser checks the demo's Kystnettverket page with axe at both widths
// in bokmål, nynorsk and English: as its coordinator (with the course report, its chart
// and the members' risks) and as an employee searching across the network.
func TestNetworkPageInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		nets, err := w.db.ListNetworks(context.Background(), w.demo.Municipality.ID)
		if err != nil || len(nets) == 0 {
			t.Fatalf("networks: %v", err)
		}
		path := "/samarbeid/" + nets[0].ID
		coord := w.as(t, "nettverk.koordinator")
		coord.enrolTOTP(false)
		emp := w.as(t, "marte.lund")
		violations := 0
		for _, lang := range []string{"nb", "nn", "en"} {
			coord.visit(path)
			coord.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			coord.contains("#members", w.demo.Municipality.Name)
			if coord.count("#report-kinds") != 1 || coord.count("#h-risks") != 1 || coord.count("#kind-chart svg") != 1 {
				t.Errorf("%s: the coordinator sees no report, chart or risks", lang)
			}
			violations += coord.axe("network-coordinator-" + lang)
			emp.visit(path + "?q=" + url.QueryEscape("motiverende"))
			emp.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			if emp.count("#courses") != 1 || emp.count("#h-risks") != 0 {
				t.Errorf("%s: the employee sees no courses, or the risks", lang)
			}
			violations += emp.axe("network-employee-" + lang)
		}
		if violations != 0 {
			t.Errorf("%d axe violations on the network page", violations)
		}
	})
}
