package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"stafett/internal/logbook"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

// TestLogFlow walks one case from undring to closure through the API, checking the
// access rules on the way.
func TestLogFlow(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		holder, leader, nurse := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.EmployeeA2)
		guardian, admin, outsider := h.Login(fx.Plain), h.Login(fx.AdminA), h.Login(fx.EmployeeB)
		expect := func(res *webtest.Response, status int) *webtest.Response {
			t.Helper()
			if res.Status != status {
				t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
			}
			return res
		}
		expectLog := func(res *webtest.Response, status int) webtest.Log {
			t.Helper()
			return webtest.Decode[webtest.Log](t, expect(res, status))
		}

		// An employee opens an undring with initials only.
		res := expect(h.Do("POST", "/api/v1/logs", holder, map[string]any{
			"unit_id": fx.UnitA.ID, "child": map[string]any{"initials": "ON", "birth_date": "2017-03-14"},
			"concern": "Ola virker sliten og trekker seg unna i friminuttene."}), 201)
		log := webtest.Decode[webtest.Log](t, res)
		id := log.ID
		if id == "" || log.Level != 0 || log.Status != "undring" || log.Holder.ID != fx.EmployeeA.ID {
			t.Fatalf("new log = %s", res.Body)
		}
		// The exact text, as API.md writes times (RFC 3339 in UTC).
		if d := res.JSON(t)["undring_deadline"]; d != "2026-12-07T09:00:00Z" {
			t.Errorf("undring deadline = %v, want 14 days", d)
		}
		// Only the author and the unit's leader see the undring.
		expect(h.Do("GET", "/api/v1/logs/"+id, leader, nil), 200)
		for _, tok := range []string{nurse, guardian, admin, outsider} {
			expect(h.Do("GET", "/api/v1/logs/"+id, tok, nil), 404)
		}
		// Activation without guardian and consent names both.
		res = h.Do("POST", "/api/v1/logs/"+id+"/level", holder, map[string]any{"level": 1, "reason": "Trenger tiltak"})
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["consent"] != "missing" || fields["guardian"] != "missing" {
			t.Fatalf("activation without consent = %d %s", res.Status, res.Body)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/guardians", holder, map[string]any{"user_id": fx.Plain.ID, "parental_responsibility": true}), 201)
		res = expect(h.Do("POST", "/api/v1/logs/"+id+"/consents", holder, map[string]any{
			"covers_unit_ids": []string{fx.UnitA.ID, fx.UnitA2.ID}, "given_by": "Frida Forelder"}), 201)
		consent := webtest.Decode[webtest.Consent](t, res)
		if consent.Source != "paper" || consent.ID == "" {
			t.Errorf("consent from holder = %s, want paper", res.Body)
		}
		log = expectLog(h.Do("POST", "/api/v1/logs/"+id+"/level", holder, map[string]any{"level": 1, "reason": "Samtykke gitt"}), 200)
		if log.Status != "active" || log.Level != 1 {
			t.Fatalf("activated = %+v", log)
		}
		// The guardian now reads the log; a colleague outside it does not.
		expect(h.Do("GET", "/api/v1/logs/"+id, guardian, nil), 200)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404)
		expect(h.Do("GET", "/api/v1/logs/"+id, admin, nil), 404)

		// The health nurse joins with write access and adds a measure.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201)
		measure := webtest.Decode[webtest.Entry](t, expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", nurse, map[string]any{
			"kind": "measure", "text": "Samtaler med helsesykepleier", "goal": "Ola sover bedre",
			"responsible_user_id": fx.EmployeeA2.ID, "start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 201))
		if measure.ID == "" {
			t.Fatal("measure without id")
		}
		res = h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "evaluation", "measure_id": "nope", "outcome": "reached", "text": "x"})
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["measure_id"] != "not_found" {
			t.Errorf("evaluation of unknown measure = %d %s", res.Status, res.Body)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
			"kind": "evaluation", "measure_id": measure.ID, "outcome": "partly", "text": "Bedre, men ikke helt"}), 201)
		// Guardians post notes and bright spots, marked as theirs, but not measures.
		res = expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "bright_spot", "text": "Ola lo hele middagen!"}), 201)
		if spot := webtest.Decode[webtest.Entry](t, res); spot.AuthorRole != "guardian" || !spot.FromGuardianOrYouth {
			t.Errorf("guardian entry not marked: %s", res.Body)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "concern", "text": "x"}), 403)
		// Amend keeps the old version.
		res = expect(h.Do("POST", "/api/v1/logs/"+id+"/entries/"+measure.ID+"/amend", nurse, map[string]any{
			"text": "Samtaler hver uke", "goal": "Ola sover bedre", "responsible_user_id": fx.EmployeeA2.ID,
			"start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 201)
		if amended := webtest.Decode[webtest.Entry](t, res); amended.Version != 2 || amended.Text != "Samtaler hver uke" || amended.Amends == nil || *amended.Amends != measure.ID {
			t.Errorf("amended = %s", res.Body)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries/"+measure.ID+"/amend", nurse, map[string]any{
			"text": "Igjen", "goal": "g", "responsible_user_id": fx.EmployeeA2.ID, "start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 409)

		// The guardian sees who has read the log.
		res = expect(h.Do("GET", "/api/v1/logs/"+id+"/access-log", guardian, nil), 200)
		if events := webtest.Decode[webtest.AccessLog](t, res).Events; len(events) < 5 || events[0].Actor.Name == "" {
			t.Errorf("access log = %s", res.Body)
		}
		expect(h.Do("GET", "/api/v1/logs/"+id+"/access-log", nurse, nil), 403)

		// Withdrawing consent for the health station cuts the nurse off at once.
		cid := consent.ID
		expect(h.Do("POST", "/api/v1/logs/"+id+"/consents/"+cid+"/withdraw", guardian, nil), 200)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404)
		log = expectLog(h.Do("GET", "/api/v1/logs/"+id, holder, nil), 200)
		if p := log.Participants; len(p) != 1 || p[0].Active {
			t.Errorf("participants after withdrawal = %+v, want listed as inactive", p)
		}
		// Consent given digitally by the guardian, for the school only, restores nothing for the nurse.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/consents", guardian, map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}}), 201)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/consents", guardian, map[string]any{"covers_unit_ids": []string{fx.UnitA2.ID}}), 201)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 200)

		// Transfer to the nurse: pending until accepted; a second answer is 409.
		tr := webtest.IDOf(t, expect(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID, "note": "Ola begynner hos deg"}), 201))
		expect(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 409)
		expect(h.Do("POST", "/api/v1/transfers/"+tr+"/accept", holder, nil), 403)
		expect(h.Do("POST", "/api/v1/transfers/"+tr+"/accept", outsider, nil), 404)
		expect(h.Do("POST", "/api/v1/transfers/"+tr+"/accept", nurse, nil), 200)
		expect(h.Do("POST", "/api/v1/transfers/"+tr+"/decline", nurse, nil), 409)
		log = expectLog(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 200)
		if log.Holder.ID != fx.EmployeeA2.ID {
			t.Errorf("holder after accept = %v", log.Holder)
		}
		// The old holder stays as a write participant; the old unit's leader loses the log.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Overlevert"}), 201)
		expect(h.Do("GET", "/api/v1/logs/"+id, leader, nil), 404)

		// The guardian closes the log; every write then answers 409.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/close", guardian, map[string]any{"reason": "guardian_request", "text": ""}), 200)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", nurse, map[string]any{"kind": "note", "text": "x"}), 409)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/level", nurse, map[string]any{"level": 2, "reason": "x"}), 409)
		// Also a write the actor could not make in an open log: closed is read-only for
		// everyone, so the answer is the same 409.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "concern", "text": "x"}), 409)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/level", holder, map[string]any{"level": 2, "reason": "x"}), 409)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.LeaderA.ID, "access": "read"}), 409)
		closed := expectLog(h.Do("GET", "/api/v1/logs/"+id, guardian, nil), 200)
		if n := len(closed.Entries); n != len(log.Entries)+2 { // "Overlevert" and the closing entry
			t.Errorf("the closed log has %d entries, want %d", n, len(log.Entries)+2)
		}
		x := h.Do("GET", "/api/v1/logs/"+id+"/export", guardian, nil)
		if x.Status != 200 || x.Header.Get("Content-Disposition") == "" {
			t.Errorf("export = %d %v", x.Status, x.Header)
		}

		// Every step is in an intact audit chain.
		n, err := h.DB.VerifyAudit(context.Background())
		if err != nil || n < 25 {
			t.Errorf("audit verify = %d records, %v", n, err)
		}
		if code := h.Do("GET", "/api/v1/logs", outsider, nil); code.Status != http.StatusOK || len(webtest.Decode[webtest.LogList](t, code).Logs) != 0 {
			t.Errorf("outsider's list = %s", code.Body)
		}
	})
}

// TestTransferNeedsConsentWhenAccepted: consent must cover the new holder's unit when
// the transfer is accepted, not only when it was proposed. A consent withdrawn in
// between takes the transfer off the proposed holder's lists and stops the accept;
// a new consent brings it back.
func TestTransferNeedsConsentWhenAccepted(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, nurse, guardian := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.Plain)
		id := o.activeLog(holder, fx.UnitA.ID, "Ola Nordmann", fx.Plain.ID, fx.UnitA.ID)
		health := o.consent(holder, id, map[string]any{"given_by": "Frida Forelder"}, fx.UnitA2.ID)
		tid := o.okID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose")
		waiting := func() (api []logbook.Transfer, page bool) {
			t.Helper()
			api = okAs[webtest.Transfers](o, h.Do("GET", "/api/v1/transfers", nurse, nil), 200, "transfers").Transfers
			doc := h.Page("GET", "/", nurse, nil).Doc(t)
			return api, doc.Find(`form[action="/overforinger/`+tid+`/godta"]`).Length() == 1 || strings.Contains(doc.Text(), "Ola Nordmann")
		}
		if api, page := waiting(); len(api) != 1 || !page {
			t.Fatalf("before the withdrawal: %d transfers in the API, on the overview %v", len(api), page)
		}

		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/consents/"+health+"/withdraw", guardian, nil), 200, "withdraw")
		if api, page := waiting(); len(api) != 0 || page {
			t.Errorf("after the withdrawal: %d transfers in the API, on the overview %v; want none", len(api), page)
		}
		res := h.Do("POST", "/api/v1/transfers/"+tid+"/accept", nurse, nil)
		if _, fields := res.ErrorCode(t); res.Status != http.StatusUnprocessableEntity || fields["consent"] != "missing" {
			t.Fatalf("accept without consent = %d %s, want 422 consent missing", res.Status, res.Body)
		}
		// From an overview shown before the withdrawal: back to it, with a warning.
		res = h.Page("POST", "/overforinger/"+tid+"/godta", nurse, url.Values{})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/" ||
			!strings.Contains(res.Header.Get("Set-Cookie"), ui.FlashCookie+"=transfer_unavailable") {
			t.Errorf("accept from the page = %d to %q, cookie %q", res.Status, res.Header.Get("Location"), res.Header.Get("Set-Cookie"))
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: nurse})
		req.AddCookie(&http.Cookie{Name: ui.FlashCookie, Value: "transfer_unavailable"})
		alert := h.Serve(req).Doc(t).Find(`.ds-alert[data-color="warning"]`)
		if !strings.Contains(alert.Text(), "Overføringen kan ikke godtas nå") {
			t.Errorf("the overview does not warn: %q", alert.Text())
		}
		if res := h.Do("GET", "/api/v1/logs/"+id, nurse, nil); res.Status != http.StatusNotFound {
			t.Errorf("the refused new holder reads the log: %d", res.Status)
		}
		log := okAs[webtest.Log](o, h.Do("GET", "/api/v1/logs/"+id, holder, nil), 200, "log")
		if log.Holder.ID != fx.EmployeeA.ID {
			t.Errorf("holder after the refused accept = %v", log.Holder)
		}

		o.consent(holder, id, map[string]any{"given_by": "Frida Forelder"}, fx.UnitA2.ID)
		if api, page := waiting(); len(api) != 1 || !page {
			t.Errorf("after a new consent: %d transfers in the API, on the overview %v", len(api), page)
		}
		o.ok(h.Do("POST", "/api/v1/transfers/"+tid+"/accept", nurse, nil), 200, "accept")
		log = okAs[webtest.Log](o, h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 200, "log")
		if log.Holder.ID != fx.EmployeeA2.ID {
			t.Errorf("holder after accept = %v", log.Holder)
		}
	})
}
