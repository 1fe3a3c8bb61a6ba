package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"stafett/internal/pdf/pdftest"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

// pdfText returns the text a PDF shows: the strings of the Tj operators in its
// content streams, decoded from WinAnsi, one line per text block (BT … ET).
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	return pdftest.Text(t, b)
}

// flat joins text's words with single spaces, so a phrase wrapped across lines is
// still found.
func flat(text string) string { return strings.Join(strings.Fields(text), " ") }

// TestLogPDF downloads the whole log as a PDF: it goes through the export's store
// call, so the holder and a guardian get it (audited), a participant may not, and
// anyone else gets the same 404 page as for a log that does not exist.
func TestLogPDF(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := newPageWorld(t, h)
		path := "/logg/" + w.id + "/pdf"

		res := h.Page("GET", path, w.tok.holder, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("holder: %d\n%s", res.Status, res.Body)
		}
		for k, want := range map[string]string{"Content-Type": "application/pdf", "Cache-Control": "no-store",
			"Content-Disposition": `attachment; filename="stafettlogg-` + w.id + `.pdf"`, "X-Content-Type-Options": "nosniff"} {
			if got := res.Header.Get(k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
		text := flat(pdfText(t, res.Body))
		for _, want := range []string{
			"Stafettlogg for Åse Bjørnstad", "Fødselsdato: 1. mai 2016", "Status: aktiv",
			"Nivå 1 Nivå 1: Tjenesten som ble bekymret", "Stafettholder: Lars Lærer, Myren skole – larer@skien.no",
			"Eksportert 23. november 2026 kl. 10.00 av Lars Lærer.",
			"Frida Forelder", "Gunnar Verge – tilgangen er stanset", "Hege Helse, Helsestasjonen – kan lese og skrive",
			"Disse tjenestene kan være med: Helsestasjonen, Myren skole.", "Samtykket gjelder til 23. november 2027.",
			w.concern, "Samtale med Åse og mor i friminuttet.", // the entry as it is now
			"Tidligere versjoner: versjon 1, 23. november 2026 kl. 10.00: Samtale med Åse i friminuttet.",
			"Åse trives i garderoben", "Resultat: Delvis nådd", "Bedre, men ikke hver dag",
			"Lysglimt – Frida Forelder (foresatt)", "Åse syklet til skolen!",
			"Hvem har lest og endret loggen", "– Rita Rektor (Myren skole), leder: stanset en foresatts tilgang",
			"– Lars Lærer (Myren skole), stafettholder: rettet et innslag",
			"Taushetsbelagt · side 1 av ",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("holder's PDF lacks %q", want)
			}
		}
		if strings.Contains(text, "eksporterte loggen") {
			t.Error("the PDF lists its own export, which is recorded after it is made")
		}

		t.Run("Audited", func(t *testing.T) {
			res := h.Do("GET", "/api/v1/logs/"+w.id+"/access-log", w.tok.holder, nil)
			events := webtest.Decode[webtest.AccessLog](t, res).Events
			if res.Status != http.StatusOK || len(events) == 0 {
				t.Fatalf("access log = %d %s", res.Status, res.Body)
			}
			// Newest first; the access-log read is recorded after it is listed.
			if e := events[0]; e.Action != "log.export" || e.Actor.ID != h.Fx.EmployeeA.ID || e.Role != "holder" {
				t.Errorf("the newest event is %+v, want the holder's export", e)
			}
		})

		t.Run("Guardian", func(t *testing.T) {
			res := h.Page("GET", path, w.tok.guardian, nil)
			if res.Status != http.StatusOK {
				t.Fatalf("guardian: %d", res.Status)
			}
			text := flat(pdfText(t, res.Body))
			for _, want := range []string{"Åse Bjørnstad", "Samtale med Åse og mor i friminuttet.", "Samtale med Åse i friminuttet.",
				"– Lars Lærer (Myren skole), stafettholder: eksporterte loggen", "Stafettholder: Lars Lærer, Myren skole"} {
				if !strings.Contains(text, want) {
					t.Errorf("guardian's PDF lacks %q", want)
				}
			}
			// Family are not shown the other guardian's suspension, nor the staff's e-mail.
			for _, not := range []string{"Gunnar", "stanset", "larer@skien.no"} {
				if strings.Contains(text, not) {
					t.Errorf("guardian's PDF shows %q", not)
				}
			}
		})

		t.Run("InTheReadersLanguage", func(t *testing.T) {
			h.Page("POST", "/sprak", w.tok.leader, url.Values{"lang": {"en"}, "neste": {"/"}})
			text := flat(pdfText(t, h.Page("GET", path, w.tok.leader, nil).Body))
			for _, want := range []string{"Everything written in the log", "Birth date: 1 May 2016", "Confidential · page 1 of",
				"Earlier versions: version 1, 23 November 2026, 10:00: Samtale med Åse i friminuttet."} {
				if !strings.Contains(text, want) {
					t.Errorf("English PDF lacks %q", want)
				}
			}
		})

		t.Run("ParticipantMayNotExport", func(t *testing.T) {
			res := h.Page("GET", path, w.tok.participant, nil)
			if res.Status != http.StatusForbidden || res.Header.Get("Content-Type") == "application/pdf" {
				t.Errorf("write participant: %d %s", res.Status, res.Header.Get("Content-Type"))
			}
		})

		t.Run("HiddenIsNotFound", func(t *testing.T) {
			twin := "/logg/" + unknownID(t) + "/pdf"
			for name, tok := range map[string]string{"colleague": w.tok.colleague, "other_municipality": w.tok.outsider,
				"municipality_admin": w.tok.admin, "suspended_guardian": w.tok.suspended} {
				// The header names whoever is signed in: Gunnar sees his own name, nothing else.
				secrets := w.secrets
				if name == "suspended_guardian" {
					secrets = append([]string{"Frida Forelder"}, w.childSecrets...)
				}
				res, missing := h.Page("GET", path, tok, nil), h.Page("GET", twin, tok, nil)
				if res.Status != http.StatusNotFound || string(res.Body) != strings.ReplaceAll(string(missing.Body), twin, path) {
					t.Errorf("%s: %d, not the page for a log that does not exist", name, res.Status)
				}
				for _, s := range secrets {
					if bytes.Contains(res.Body, []byte(s)) {
						t.Errorf("%s: the 404 page shows %q", name, s)
					}
				}
			}
		})
	})
}
