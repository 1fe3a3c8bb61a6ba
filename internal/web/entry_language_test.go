package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// TestSystemEntriesInReaderLanguage: a log read in English or nynorsk shows no
// bokmål sentence Stafett made, in the API (event plus text) and on the page.
func TestSystemEntriesInReaderLanguage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		o := logOps{t, h}
		tok := h.Login(fx.EmployeeA)
		id := o.activeLog(tok, fx.UnitA.ID, "Siri Sol", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(tok, id, fx.EmployeeA2.ID, "read")
		// What Stafett wrote in bokmål before (the reason typed with a level change, "Samtykke gitt", is the person's own).
		bokmal := []string{"Nivå ", " ble ", "Aktør lagt", "fra papir", "trukket tilbake", "Overføring"}
		for _, c := range []struct{ lang, level, consent string }{
			{"en", "The log moved from level 0 to level 1.", "Consent from a signed form was registered"},
			{"nn", "Loggen vart flytta frå nivå 0 til nivå 1.", "Samtykke frå signert skjema vart registrert"},
			{"nb", "Loggen ble flyttet fra nivå 0 til nivå 1.", "Samtykke fra signert skjema ble registrert"},
		} {
			req := webtest.NewRequest("GET", "/api/v1/logs/"+id)
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Accept-Language", c.lang)
			res := h.Serve(req)
			if res.Status != http.StatusOK {
				t.Fatalf("%s: log = %d", c.lang, res.Status)
			}
			var log struct {
				Entries []struct {
					Kind  string
					Text  string
					Event *struct{ Kind string } `json:"event"`
				}
			}
			if err := json.Unmarshal(res.Body, &log); err != nil {
				t.Fatal(err)
			}
			texts := map[string]string{}
			for _, e := range log.Entries {
				if e.Kind == "level_change" || e.Kind == "consent" || e.Kind == "participant" {
					if e.Event == nil || e.Event.Kind == "" {
						t.Errorf("%s: system entry %s without its event", c.lang, e.Kind)
					}
					texts[e.Kind] = e.Text
					for _, w := range bokmal {
						if c.lang != "nb" && strings.Contains(e.Text, w) {
							t.Errorf("%s: %s entry reads %q", c.lang, e.Kind, e.Text)
						}
					}
				}
			}
			if !strings.HasPrefix(texts["level_change"], c.level) || !strings.HasPrefix(texts["consent"], c.consent) {
				t.Errorf("%s: level %q, consent %q", c.lang, texts["level_change"], texts["consent"])
			}
			req = webtest.NewRequest("GET", "/logg/"+id)
			req.AddCookie(&http.Cookie{Name: "stafett_session", Value: tok})
			req.AddCookie(&http.Cookie{Name: ui.LangCookie, Value: c.lang})
			page := h.Serve(req)
			body := strings.Join(strings.Fields(page.Doc(t).Find(".entry-event").Text()), " ")
			if !strings.Contains(body, c.level) {
				t.Errorf("%s: the page's system entries read %q", c.lang, body)
			}
		}
	})
}
