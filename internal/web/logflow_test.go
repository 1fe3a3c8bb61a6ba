package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
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
		expect := func(res *webtest.Response, status int) map[string]any {
			t.Helper()
			if res.Status != status {
				t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
			}
			if len(res.Body) == 0 || res.Body[0] != '{' {
				return nil
			}
			return res.JSON(t)
		}

		// An employee opens an undring with initials only.
		log := expect(h.Do("POST", "/api/v1/logs", holder, map[string]any{
			"unit_id": fx.UnitA.ID, "child": map[string]any{"initials": "ON", "birth_date": "2017-03-14"},
			"concern": "Ola virker sliten og trekker seg unna i friminuttene."}), 201)
		id := log["id"].(string)
		if log["level"] != float64(0) || log["status"] != "undring" || log["holder"].(map[string]any)["id"] != fx.EmployeeA.ID {
			t.Fatalf("new log = %v", log)
		}
		if log["undring_deadline"] != "2026-12-07T09:00:00Z" {
			t.Errorf("undring deadline = %v, want 14 days", log["undring_deadline"])
		}
		// Only the author and the unit's leader see the undring.
		expect(h.Do("GET", "/api/v1/logs/"+id, leader, nil), 200)
		for _, tok := range []string{nurse, guardian, admin, outsider} {
			expect(h.Do("GET", "/api/v1/logs/"+id, tok, nil), 404)
		}
		// Activation without guardian and consent names both.
		res := h.Do("POST", "/api/v1/logs/"+id+"/level", holder, map[string]any{"level": 1, "reason": "Trenger tiltak"})
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["consent"] != "missing" || fields["guardian"] != "missing" {
			t.Fatalf("activation without consent = %d %s", res.Status, res.Body)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/guardians", holder, map[string]any{"user_id": fx.Plain.ID, "parental_responsibility": true}), 201)
		consent := expect(h.Do("POST", "/api/v1/logs/"+id+"/consents", holder, map[string]any{
			"covers_unit_ids": []string{fx.UnitA.ID, fx.UnitA2.ID}, "given_by": "Frida Forelder"}), 201)
		if consent["source"] != "paper" {
			t.Errorf("consent from holder = %v, want paper", consent)
		}
		log = expect(h.Do("POST", "/api/v1/logs/"+id+"/level", holder, map[string]any{"level": 1, "reason": "Samtykke gitt"}), 200)
		if log["status"] != "active" || log["level"] != float64(1) {
			t.Fatalf("activated = %v", log)
		}
		// The guardian now reads the log; a colleague outside it does not.
		expect(h.Do("GET", "/api/v1/logs/"+id, guardian, nil), 200)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404)
		expect(h.Do("GET", "/api/v1/logs/"+id, admin, nil), 404)

		// The health nurse joins with write access and adds a measure.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201)
		measure := expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", nurse, map[string]any{
			"kind": "measure", "text": "Samtaler med helsesykepleier", "goal": "Ola sover bedre",
			"responsible_user_id": fx.EmployeeA2.ID, "start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 201)
		res = h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "evaluation", "measure_id": "nope", "outcome": "reached", "text": "x"})
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["measure_id"] != "not_found" {
			t.Errorf("evaluation of unknown measure = %d %s", res.Status, res.Body)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{
			"kind": "evaluation", "measure_id": measure["id"], "outcome": "partly", "text": "Bedre, men ikke helt"}), 201)
		// Guardians post notes and bright spots, marked as theirs, but not measures.
		spot := expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "bright_spot", "text": "Ola lo hele middagen!"}), 201)
		if spot["author_role"] != "guardian" || spot["from_guardian_or_youth"] != true {
			t.Errorf("guardian entry not marked: %v", spot)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "concern", "text": "x"}), 403)
		// Amend keeps the old version.
		amended := expect(h.Do("POST", "/api/v1/logs/"+id+"/entries/"+measure["id"].(string)+"/amend", nurse, map[string]any{
			"text": "Samtaler hver uke", "goal": "Ola sover bedre", "responsible_user_id": fx.EmployeeA2.ID,
			"start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 201)
		if amended["version"] != float64(2) || amended["amends"] != measure["id"] {
			t.Errorf("amended = %v", amended)
		}
		expect(h.Do("POST", "/api/v1/logs/"+id+"/entries/"+measure["id"].(string)+"/amend", nurse, map[string]any{
			"text": "Igjen", "goal": "g", "responsible_user_id": fx.EmployeeA2.ID, "start_date": "2026-11-24", "evaluate_by": "2027-01-15"}), 409)

		// The guardian sees who has read the log.
		events := expect(h.Do("GET", "/api/v1/logs/"+id+"/access-log", guardian, nil), 200)["events"].([]any)
		if len(events) < 5 || events[0].(map[string]any)["actor"].(map[string]any)["name"] == "" {
			t.Errorf("access log = %v", events)
		}
		expect(h.Do("GET", "/api/v1/logs/"+id+"/access-log", nurse, nil), 403)

		// Withdrawing consent for the health station cuts the nurse off at once.
		cid := consent["id"].(string)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/consents/"+cid+"/withdraw", guardian, nil), 200)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404)
		log = expect(h.Do("GET", "/api/v1/logs/"+id, holder, nil), 200)
		if p := log["participants"].([]any); len(p) != 1 || p[0].(map[string]any)["active"] != false {
			t.Errorf("participants after withdrawal = %v, want listed as inactive", p)
		}
		// Consent given digitally by the guardian, for the school only, restores nothing for the nurse.
		expect(h.Do("POST", "/api/v1/logs/"+id+"/consents", guardian, map[string]any{"covers_unit_ids": []string{fx.UnitA.ID}}), 201)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 404)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/consents", guardian, map[string]any{"covers_unit_ids": []string{fx.UnitA2.ID}}), 201)
		expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 200)

		// Transfer to the nurse: pending until accepted; a second answer is 409.
		tr := expect(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID, "note": "Ola begynner hos deg"}), 201)
		expect(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 409)
		expect(h.Do("POST", "/api/v1/transfers/"+tr["id"].(string)+"/accept", holder, nil), 403)
		expect(h.Do("POST", "/api/v1/transfers/"+tr["id"].(string)+"/accept", outsider, nil), 404)
		expect(h.Do("POST", "/api/v1/transfers/"+tr["id"].(string)+"/accept", nurse, nil), 200)
		expect(h.Do("POST", "/api/v1/transfers/"+tr["id"].(string)+"/decline", nurse, nil), 409)
		log = expect(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 200)
		if log["holder"].(map[string]any)["id"] != fx.EmployeeA2.ID {
			t.Errorf("holder after accept = %v", log["holder"])
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
		closed := expect(h.Do("GET", "/api/v1/logs/"+id, guardian, nil), 200)
		if n := len(closed["entries"].([]any)); n != len(log["entries"].([]any))+2 { // "Overlevert" and the closing entry
			t.Errorf("the closed log has %d entries, want %d", n, len(log["entries"].([]any))+2)
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
		if code := h.Do("GET", "/api/v1/logs", outsider, nil); code.Status != http.StatusOK || len(code.JSON(t)["logs"].([]any)) != 0 {
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
		tid := o.ok(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose")["id"].(string)
		waiting := func() (api []any, page bool) {
			t.Helper()
			api = o.ok(h.Do("GET", "/api/v1/transfers", nurse, nil), 200, "transfers")["transfers"].([]any)
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
		log := o.ok(h.Do("GET", "/api/v1/logs/"+id, holder, nil), 200, "log")
		if log["holder"].(map[string]any)["id"] != fx.EmployeeA.ID {
			t.Errorf("holder after the refused accept = %v", log["holder"])
		}

		o.consent(holder, id, map[string]any{"given_by": "Frida Forelder"}, fx.UnitA2.ID)
		if api, page := waiting(); len(api) != 1 || !page {
			t.Errorf("after a new consent: %d transfers in the API, on the overview %v", len(api), page)
		}
		o.ok(h.Do("POST", "/api/v1/transfers/"+tid+"/accept", nurse, nil), 200, "accept")
		log = o.ok(h.Do("GET", "/api/v1/logs/"+id, nurse, nil), 200, "log")
		if log["holder"].(map[string]any)["id"] != fx.EmployeeA2.ID {
			t.Errorf("holder after accept = %v", log["holder"])
		}
	})
}
