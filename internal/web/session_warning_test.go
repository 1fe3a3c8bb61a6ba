package web_test

import (
	"net/http"
	"testing"

	"stafett/internal/web/webtest"
)

// TestSessionWarningMarkup: a signed-in page carries the idle limit and the hidden
// warning, whose sign-in link comes back to the very page; a form that keeps its
// draft says so; a public page has none of it (issue 21, point 10).
func TestSessionWarningMarkup(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder := h.Login(fx.EmployeeA)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		res := h.Page("GET", "/logg/"+id+"/innslag/ny?type=measure", holder, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("form page = %d", res.Status)
		}
		doc := res.Doc(t)
		if v, _ := doc.Find("body").Attr("data-idle"); v == "" || v == "0" {
			t.Errorf("body data-idle = %q", v)
		}
		if _, hidden := doc.Find("#session-warning").Attr("hidden"); !hidden {
			t.Error("no hidden session warning")
		}
		if href, _ := doc.Find("#session-signin").Attr("href"); href != "/innlogging?neste=/logg/"+id+"/innslag/ny?type=measure" {
			t.Errorf("sign in again links to %q", href)
		}
		if v, _ := doc.Find(`form[action="/logg/` + id + `/innslag"]`).Attr("data-draft"); v != "entry-measure-"+id {
			t.Errorf("the form's draft key = %q", v)
		}
		if doc.Find(`script[src$="/session.js"]`).Length() != 1 {
			t.Error("session.js is not loaded")
		}
		pub := h.Page("GET", "/k/4003/veileder", "", nil).Doc(t)
		if _, ok := pub.Find("body").Attr("data-idle"); ok || pub.Find("#session-warning").Length() != 0 {
			t.Error("a public page has the session warning")
		}
		// The sign-in it leads to brings the person back to the form.
		res = h.Page("GET", "/innlogging?neste=/logg/"+id+"/innslag/ny?type=measure", "", nil)
		if v, _ := res.Doc(t).Find(`form[action="/innlogging"] input[name="neste"]`).Attr("value"); v != "/logg/"+id+"/innslag/ny?type=measure" {
			t.Errorf("the sign-in page keeps neste %q", v)
		}
	})
}
