package web_test

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"

	"stafett/internal/auth/oidctest"
	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// TestYouthSignsInToOwnLog covers issue 21 point 11: a young person from the
// consent age, linked to their own log, signs in by ID-porten and reads the log in
// the pages, which say in plain words what they can see and do; a guardian is told
// the same about their child's log, staff are not shown it. The youth reads no other
// log (404).
func TestYouthSignsInToOwnLog(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		w := newOIDCWorld(t, h)
		x := lp{t, h}
		const pid = "04040912345"
		youth := people.User{Email: "jonas@a.example", Name: "Jonas Ung", NationalID: pid, HomeMunicipalityID: fx.A.ID}
		if err := h.DB.CreateUser(context.Background(), people.System(), &youth, ""); err != nil {
			t.Fatal(err)
		}
		holder := h.Login(fx.EmployeeA)
		id := x.open(holder, fx.UnitA.ID, "Jonas Ung", "2009-04-04")
		x.consent(holder, id, fx.UnitA.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/youth", holder, map[string]any{"user_id": youth.ID}), 201, "link youth")
		x.activate(holder, id)
		other := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")

		b := w.browser("198.51.100.60")
		callback := b.toCallback("idporten", w.idporten, oidctest.Identity{Claims: map[string]any{"pid": pid, "name": "Jonas Ung"}}, "/")
		if res := b.do("GET", callback, nil); res.Status != http.StatusSeeOther {
			t.Fatalf("callback = %d\n%s", res.Status, res.Body)
		}
		res := b.do("GET", w.base+"/", nil)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `href="/logg/`+id+`"`) {
			t.Fatalf("the youth's overview (%d) does not list their log", res.Status)
		}
		res = b.do("GET", w.base+"/logg/"+id, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("the youth's log = %d", res.Status)
		}
		body := html.UnescapeString(res.Body)
		for _, want := range []string{"Dette kan du se og gjøre", "Dette er stafettloggen din.", "Du kan lese alt som står i loggen.",
			"Du kan skrive notater og lysglimt.", "Du kan se hvem som har lest loggen.", "Du kan avslutte loggen.",
			"Lurer du på noe, kan du spørre stafettholderen, " + fx.EmployeeA.Name + "."} {
			if !strings.Contains(body, want) {
				t.Errorf("the youth's log page does not say %q", want)
			}
		}
		if res := b.do("GET", w.base+"/logg/"+other, nil); res.Status != http.StatusNotFound {
			t.Errorf("another log = %d, want 404", res.Status)
		}

		doc := h.Page("GET", "/logg/"+id, h.Login(fx.Plain), nil).Doc(t)
		if got := doc.Find("section[aria-labelledby=h-family]").Text(); !strings.Contains(got, "Dette er stafettloggen for barnet ditt.") {
			t.Errorf("the guardian is not told what they can do: %q", got)
		}
		if n := h.Page("GET", "/logg/"+id, holder, nil).Doc(t).Find("#h-family").Length(); n != 0 {
			t.Error("the holder is shown the family's box")
		}
	})
}
