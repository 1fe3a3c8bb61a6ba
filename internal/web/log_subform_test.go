package web_test

import (
	"net/http"
	"net/url"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

// TestLogSubforms checks the pages of the log's bigger forms beyond who may see
// them (TestPagesByRole): a person search finds only the municipality's own staff,
// takes its text literally, and a failed submission comes back on the same page with
// the search kept and the message by the field, having written nothing.
func TestLogSubforms(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newPageWorld(t, h), h.Fx
		logp := "/logg/" + w.id
		get := func(path string) string {
			t.Helper()
			res := h.Page("GET", path, w.tok.holder, nil)
			if res.Status != http.StatusOK {
				t.Fatalf("GET %s = %d", path, res.Status)
			}
			return string(res.Body)
		}
		// Another municipality's staff are never found, whatever the search.
		for _, q := range []string{"pia", "vestsiden", "lærer"} {
			if body := get(logp + "/aktorer/ny?q=" + url.QueryEscape(q)); strings.Contains(body, fx.EmployeeB.Name) || strings.Contains(body, "Vestsiden") {
				t.Errorf("search %q shows another municipality's staff", q)
			}
		}
		for _, q := range []string{"Lærer", "LÆRER", "lærer"} { // case ignored in Æ, Ø and Å too
			if body := get(logp + "/aktorer/ny?q=" + url.QueryEscape(q)); !strings.Contains(body, fx.EmployeeA.Name+" – Myren skole") {
				t.Errorf("search for %s misses %s", q, fx.EmployeeA.Name)
			}
		}
		// Wildcards are text: "%" and "_" match only themselves.
		for _, q := range []string{"%", "_", `\`} {
			body := get(logp + "/aktorer/ny?q=" + url.QueryEscape(q))
			if !strings.Contains(body, "Ingen ansatte i kommunen passer til") || strings.Contains(body, `name="user_id"`) {
				t.Errorf("search %q matched someone", q)
			}
		}
		// Without a search there is only the search field.
		if body := get(logp + "/overforing/ny"); strings.Contains(body, `name="to_user_id"`) || !strings.Contains(body, `id="transfer-q"`) {
			t.Errorf("transfer page without a search shows people")
		}

		// A transfer without a person comes back on its page: 422, the search kept, the
		// message by the field, and no transfer made.
		res := h.Page("POST", logp+"/overforing", w.tok.holder, url.Values{"q": {"kari"}, "note": {"Hei"}})
		body := string(res.Body)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="transfer-to-user-id-error"`) ||
			!strings.Contains(body, `value="kari"`) || !strings.Contains(body, "Kari Kollega – Myren skole") || !strings.Contains(body, ">Hei</textarea>") {
			t.Fatalf("failed transfer = %d\n%s", res.Status, body)
		}
		if got := h.Do("GET", "/api/v1/logs/"+w.id, w.tok.holder, nil); got.Status != 200 || strings.Contains(string(got.Body), `"pending_transfer":{`) {
			t.Errorf("a failed transfer left a pending one: %s", got.Body)
		}
		// A consent without units comes back on the consent page.
		res = h.Page("POST", logp+"/samtykker", w.tok.holder, url.Values{"given_by": {"Frida Forelder"}})
		body = string(res.Body)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="consent-covers-unit-ids-error"`) ||
			!strings.Contains(body, `value="Frida Forelder"`) || !strings.Contains(body, "Myren skole") {
			t.Fatalf("failed consent = %d\n%s", res.Status, body)
		}
		// A participant added from the search page: back to the log, and listed there.
		res = h.Page("POST", logp+"/aktorer", w.tok.holder, url.Values{"q": {"kari"}, "user_id": {w.colleagueID(t, h)}, "access": {"read"}})
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), logp) {
			t.Fatalf("add participant = %d %s", res.Status, res.Header.Get("Location"))
		}
		if body := get(logp); !strings.Contains(body, "Kari Kollega, Myren skole – kan lese") {
			t.Errorf("the new participant is not on the log page")
		}
	})
}

// colleagueID finds Kari Kollega through the staff search, as a form would.
func (w *pageWorld) colleagueID(t *testing.T, h *webtest.Harness) string {
	t.Helper()
	staff, err := h.DB.SearchStaff(t.Context(), h.Fx.A.ID, "kollega", 5)
	if err != nil || len(staff) != 1 {
		t.Fatalf("SearchStaff(kollega) = %v, %v", staff, err)
	}
	return staff[0].UserID
}
