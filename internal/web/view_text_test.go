package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/store/storetest"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
	"stafett/internal/web/ui/i18n"
	"stafett/internal/web/webtest"
)

// TestInlinedTextsChangeNothing renders pages for several people in every language
// twice, with the fixed texts put in at start and without, and wants the same bytes.
// (Not the access log: every view of it adds a line to it.)
func TestInlinedTextsChangeNothing(t *testing.T) {
	h := webtest.New(t, storetest.DSN(t, "sqlite"))
	w := newPageWorld(t, h)
	logp := "/logg/" + w.id
	type visit struct {
		who, method, path string
		form              url.Values
	}
	visits := []visit{
		{"", "GET", "/innlogging", nil},
		{"", "GET", "/finnes-ikke", nil},
		{w.tok.holder, "GET", "/", nil},
		{w.tok.holder, "GET", logp, nil},
		{w.tok.holder, "GET", logp + "/utskrift", nil},
		{w.tok.holder, "GET", logp + "/samtykker/ny", nil},
		{w.tok.holder, "GET", logp + "/aktorer/ny?q=a", nil},
		{w.tok.holder, "GET", "/logg/ny", nil},
		{w.tok.holder, "POST", logp + "/innslag", url.Values{"kind": {"measure"}, "goal": {"<b>&'+\""}}},
		{w.tok.guardian, "GET", "/", nil},
		{w.tok.guardian, "GET", logp, nil},
		{w.tok.leader, "GET", logp, nil},
		{w.tok.admin, "GET", "/admin", nil},
		{w.tok.sysadmin, "GET", "/meg/sikkerhet", nil},
	}
	for _, lang := range i18n.Langs() {
		for _, v := range visits {
			get := func(inlined bool) *webtest.Response {
				if err := h.Srv.UI().UseInlinedTexts(inlined); err != nil {
					t.Fatal(err)
				}
				var req *http.Request
				if v.form != nil {
					req = httptest.NewRequest(v.method, v.path, strings.NewReader(v.form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Sec-Fetch-Site", "same-origin")
				} else {
					req = httptest.NewRequest(v.method, v.path, nil)
				}
				req.AddCookie(&http.Cookie{Name: ui.LangCookie, Value: string(lang)})
				if v.who != "" {
					req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: v.who})
				}
				return h.Serve(req)
			}
			get(false) // the first view is recorded as a visit, which changes what "new" is
			want, got := get(false), get(true)
			if got.Status != want.Status || string(got.Body) != string(want.Body) {
				t.Errorf("%s %s %s: inlined %d, %d bytes; plain %d, %d bytes", lang, v.method, v.path, got.Status, len(got.Body), want.Status, len(want.Body))
			}
			if len(want.Body) < 500 {
				t.Errorf("%s %s %s: %d, only %d bytes", lang, v.method, v.path, want.Status, len(want.Body))
			}
		}
	}
}
