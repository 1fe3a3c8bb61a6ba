package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestTransferDeclineReasonAndCancel: a decline carries a reason that the log shows,
// and the proposer can withdraw a transfer while it waits, from the API and the log
// page; nobody else can (issue 21, point 6).
func TestTransferDeclineReasonAndCancel(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, leader, other := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.EmployeeB)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		propose := func() string {
			return o.ok(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.LeaderA.ID, "note": "Rektor tar over."}), 201, "propose")["id"].(string)
		}
		tid := propose()
		o.ok(h.Do("POST", "/api/v1/transfers/"+tid+"/decline", leader, map[string]any{"reason": "Jeg har ikke kapasitet før jul."}), 200, "decline")
		if res := h.Do("POST", "/api/v1/transfers/"+tid+"/cancel", holder, nil); res.Status != http.StatusConflict {
			t.Errorf("cancel after decline = %d, want 409", res.Status)
		}
		body := flat(h.Page("GET", "/logg/"+id+"?type=transfer", holder, nil).Doc(t).Find("#timeline").Text())
		if !strings.Contains(body, "Rita Rektor takket nei til å ta over loggen.") || !strings.Contains(body, "Jeg har ikke kapasitet før jul.") {
			t.Errorf("the log does not show the decline with its reason: %s", body)
		}
		if res := h.Do("POST", "/api/v1/transfers/"+propose()+"/decline", leader, map[string]any{"reason": strings.Repeat("x", 2001)}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("too long a reason = %d", res.Status)
		}

		// Cancel: not by the proposed holder, nor someone outside; then by the holder.
		tid = webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, holder, nil)).PendingTransfer.ID
		for who, c := range map[string]struct {
			tok  string
			want int
		}{"anonymous": {"", 401}, "proposed holder": {leader, 403}, "other municipality": {other, 404}} {
			if res := h.Do("POST", "/api/v1/transfers/"+tid+"/cancel", c.tok, nil); res.Status != c.want {
				t.Errorf("%s cancel = %d, want %d", who, res.Status, c.want)
			}
		}
		doc := h.Page("GET", "/logg/"+id, holder, nil).Doc(t)
		if doc.Find(`form[action="/overforinger/`+tid+`/avbryt"]`).Length() != 1 {
			t.Fatal("the holder's log page has no way to withdraw the transfer")
		}
		if h.Page("GET", "/logg/"+id, leader, nil).Doc(t).Find(`form[action$="/avbryt"]`).Length() != 0 {
			t.Error("the proposed holder is offered to withdraw the transfer")
		}
		res := h.Page("POST", "/overforinger/"+tid+"/avbryt", holder, url.Values{})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/logg/"+id {
			t.Fatalf("cancel from the page = %d %s", res.Status, res.Header.Get("Location"))
		}
		lg := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, holder, nil))
		if lg.PendingTransfer != nil || lg.Holder.ID != fx.EmployeeA.ID {
			t.Errorf("after cancel: pending %v, holder %s", lg.PendingTransfer, lg.Holder.ID)
		}
		if res := h.Do("POST", "/api/v1/transfers/"+tid+"/accept", leader, nil); res.Status != http.StatusConflict {
			t.Errorf("accept after cancel = %d, want 409", res.Status)
		}
		if !strings.Contains(flat(h.Page("GET", "/logg/"+id+"?type=transfer", holder, nil).Doc(t).Find("#timeline").Text()), "Forslaget om å overføre loggen til Rita Rektor ble trukket tilbake.") {
			t.Error("the log does not show the withdrawn transfer")
		}
		if !strings.Contains(flat(h.Page("GET", "/logg/"+id+"/tilgangslogg", holder, nil).Doc(t).Text()), "trakk tilbake en overføring") {
			t.Error("the access log lacks the cancel")
		}
	})
}
