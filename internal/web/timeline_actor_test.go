package web_test

import (
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestTimelineNamesWhoActed: on the log page, the system line of a participant added
// says who added whom, for the holder and for the guardian alike (issue 21 point 11);
// the API's text keeps its sentence.
func TestTimelineNamesWhoActed(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		o := logOps{t, h}
		tok := h.Login(fx.EmployeeA)
		id := o.activeLog(tok, fx.UnitA.ID, "Ola Nordmann", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(tok, id, fx.EmployeeA2.ID, "read")
		want := "Lars Lærer la til Hege Helse (Helsestasjonen) som aktør. Hen kan lese loggen."
		for who, reader := range map[string]string{"holder": tok, "guardian": h.Login(fx.Plain)} {
			if got := flat(h.Page("GET", "/logg/"+id+"?vis=alle", reader, nil).Doc(t).Find("#timeline").Text()); !strings.Contains(got, want) {
				t.Errorf("the %s's timeline lacks %q: %s", who, want, got)
			}
		}
		l := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, tok, nil))
		found := false
		for _, e := range l.Entries {
			found = found || strings.Contains(e.Text, "Hege Helse (Helsestasjonen) ble lagt til som aktør")
		}
		if !found {
			t.Errorf("the API's text changed: %+v", l.Entries)
		}
	})
}
