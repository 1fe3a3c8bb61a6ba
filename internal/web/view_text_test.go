package web

import (
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"text/template/parse"

	"stafett/internal/store/storetest"
	"stafett/internal/web/i18n"
)

// TestInlinedTextsChangeNothing renders pages for several people in every language
// twice, with the fixed texts put in at start and without, and wants the same bytes.
// (Not the access log: every view of it adds a line to it.)
func TestInlinedTextsChangeNothing(t *testing.T) {
	h := newHarness(t, storetest.DSN(t, "sqlite"))
	w := newPageWorld(t, h)
	plain, err := parseViewsWith(h.srv.catalog, func(*template.Template, *i18n.Localizer) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	inlined := h.srv.views
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
			get := func(vs *views) *response {
				h.srv.views = vs
				var req *http.Request
				if v.form != nil {
					req = httptest.NewRequest(v.method, v.path, strings.NewReader(v.form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Sec-Fetch-Site", "same-origin")
				} else {
					req = httptest.NewRequest(v.method, v.path, nil)
				}
				req.AddCookie(&http.Cookie{Name: langCookie, Value: string(lang)})
				if v.who != "" {
					req.AddCookie(&http.Cookie{Name: sessionCookie, Value: v.who})
				}
				return h.serve(req)
			}
			get(plain) // the first view is recorded as a visit, which changes what "new" is
			want, got := get(plain), get(inlined)
			if got.status != want.status || string(got.body) != string(want.body) {
				t.Errorf("%s %s %s: inlined %d, %d bytes; plain %d, %d bytes", lang, v.method, v.path, got.status, len(got.body), want.status, len(want.body))
			}
			if len(want.body) < 500 {
				t.Errorf("%s %s %s: %d, only %d bytes", lang, v.method, v.path, want.status, len(want.body))
			}
		}
	}
	h.srv.views = inlined
	for _, lang := range i18n.Langs() {
		before, after := actions(plain.pages[lang]["log"]), actions(inlined.pages[lang]["log"])
		if after > before-50 {
			t.Errorf("%s: the log page has %d actions inlined, %d plain: the texts were not put in", lang, after, before)
		}
	}
}

// actions counts the actions in a page's templates.
func actions(t *template.Template) int {
	var n int
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			eachAction(tt.Tree.Root, func(*parse.ListNode, int, *parse.ActionNode) { n++ })
		}
	}
	return n
}
