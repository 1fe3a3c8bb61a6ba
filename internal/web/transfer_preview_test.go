package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// TestTransferPreview covers issue 21 point 6: the proposed new holder sees, before
// answering, the log's level, its open measures, what the consent covers and who
// takes part (/overforinger/{tid}, linked from the overview), audited as
// transfer.preview; the holder is refused (403), others see nothing (404); the
// decline there carries the reason into the log; an answered transfer's preview is
// a conflict.
func TestTransferPreview(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		h.SetClock(time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC))
		x := lp{t, h}
		holder, nurse, guardian, outsider := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.Plain), h.Login(fx.EmployeeB)
		id := x.open(holder, fx.UnitA.ID, "Mia Kristiansen", "2018-03-01")
		x.consent(holder, id, fx.UnitA.ID, fx.UnitA2.ID)
		x.guardian(holder, id, fx.Plain.ID, true)
		x.activate(holder, id)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
			"kind": "measure", "text": "Samtaler", "goal": "Mia sover bedre", "responsible_user_id": fx.EmployeeA.ID,
			"start_date": "2027-03-01", "evaluate_by": "2027-04-15"}), 201, "measure")
		tid := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID, "note": "Mia begynner på helsestasjonen"}), 201, "propose")
		path := "/overforinger/" + tid

		if h.Page("GET", "/", nurse, nil).Doc(t).Find(`a[href="`+path+`"]`).Length() != 1 {
			t.Error("the overview does not link to the preview")
		}
		res := h.Page("GET", path, nurse, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("preview = %d", res.Status)
		}
		doc := res.Doc(t)
		if got := strings.TrimSpace(doc.Find("main h1").Text()); got != "Vil du ta over stafettloggen for Mia Kristiansen?" {
			t.Errorf("heading = %q", got)
		}
		text := doc.Find("main").Text()
		for _, want := range []string{"Nivå 1", "Mia sover bedre – evalueres innen 15. april 2027", "Samtykket dekker: Helsestasjonen og Myren skole.",
			"Mia begynner på helsestasjonen", "Loggen har ingen aktører ennå."} {
			if !strings.Contains(text, want) {
				t.Errorf("the preview does not say %q:\n%s", want, text)
			}
		}
		if doc.Find(`form[action="`+path+`/godta"]`).Length() != 1 || doc.Find(`form[action="`+path+`/avsla"] textarea[name=reason]`).Length() != 1 {
			t.Error("the preview lacks the answers")
		}
		found := false
		for _, e := range webtest.Decode[webtest.AccessLog](t, h.Do("GET", "/api/v1/logs/"+id+"/access-log", holder, nil)).Events {
			if e.Action == "transfer.preview" && e.Actor.ID == fx.EmployeeA2.ID {
				found = true
			}
		}
		if !found {
			t.Error("the preview is not in the access log")
		}
		if res := h.Page("GET", path, holder, nil); res.Status != http.StatusForbidden {
			t.Errorf("holder = %d, want 403", res.Status)
		}
		for who, tok := range map[string]string{"guardian": guardian, "other municipality": outsider} {
			if res := h.Page("GET", path, tok, nil); res.Status != http.StatusForbidden && res.Status != http.StatusNotFound {
				t.Errorf("%s = %d", who, res.Status)
			}
		}
		if res := h.Page("GET", path, outsider, nil); res.Status != http.StatusNotFound {
			t.Errorf("other municipality = %d, want 404", res.Status)
		}
		if res := h.Page("GET", "/overforinger/nope", nurse, nil); res.Status != http.StatusNotFound {
			t.Errorf("unknown transfer = %d, want 404", res.Status)
		}
		if res := h.Page("GET", path, "", nil); res.Status != http.StatusSeeOther {
			t.Errorf("anonymous = %d, want a redirect to sign in", res.Status)
		}

		res = h.Page("POST", path+"/avsla", nurse, url.Values{"reason": {"Jeg har ikke kapasitet nå"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("decline = %d", res.Status)
		}
		e := eventEntry(t, x.log(holder, id), "transfer_declined")
		if !strings.HasSuffix(e.Text, "Jeg har ikke kapasitet nå") {
			t.Errorf("declined entry = %q", e.Text)
		}
		if res := h.Page("GET", path, nurse, nil); res.Status != http.StatusNotFound && res.Status != http.StatusConflict {
			t.Errorf("answered transfer's preview = %d", res.Status)
		}
	})
}
