package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"

	"github.com/PuerkitoBio/goquery"
)

func TestNotificationsPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder, nurse := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2)
		if res := h.Page("GET", "/varsler", "", nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/innlogging") {
			t.Errorf("anonymous /varsler = %d %q", res.Status, res.Header.Get("Location"))
		}
		if res := h.Page("POST", "/varsler/innstillinger", "", url.Values{"notify_email": {"true"}}); res.Status == http.StatusOK || res.Status >= 500 {
			t.Errorf("anonymous settings = %d", res.Status)
		}
		doc := h.Page("GET", "/", nurse, nil).Doc(t)
		if doc.Find(".bell .ds-badge").Length() != 0 {
			t.Errorf("a badge with nothing unread")
		}
		id, _ := x.activeLog(holder)
		x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose")

		doc = h.Page("GET", "/", nurse, nil).Doc(t)
		if b := doc.Find(".bell .ds-badge").Text(); !strings.HasPrefix(b, "1") || !strings.Contains(b, "uleste") {
			t.Errorf("bell badge = %q", b)
		}
		// "Mine oppgaver" lists the transfer waiting for the nurse.
		if tasks := doc.Find(".tasks li").Text(); !strings.Contains(tasks, "Svar på overføringen av stafettloggen for Ola Nordmann") {
			t.Errorf("tasks = %q", tasks)
		}
		res := h.Page("GET", "/varsler", nurse, nil)
		if res.Status != 200 {
			t.Fatalf("/varsler = %d", res.Status)
		}
		doc = res.Doc(t)
		card := doc.Find(".ds-card")
		if card.Length() != 1 || !strings.Contains(card.Text(), "Du er foreslått som ny stafettholder") || !strings.Contains(card.Text(), "Ny") {
			t.Fatalf("cards = %q", card.Text())
		}
		action, _ := card.Find("form").Attr("action")
		if res := h.Page("POST", action, holder, url.Values{}); res.Status != http.StatusNotFound {
			t.Errorf("someone else marks it read: %d", res.Status)
		}
		if res := h.Page("POST", action, nurse, url.Values{}); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/varsler" {
			t.Errorf("mark read = %d %q", res.Status, res.Header.Get("Location"))
		}
		doc = h.Page("GET", "/varsler", nurse, nil).Doc(t)
		if doc.Find(".ds-card form").Length() != 0 || doc.Find(".bell .ds-badge").Length() != 0 {
			t.Errorf("still unread after marking read")
		}
		// The e-mail choices.
		if res := h.Page("POST", "/varsler/innstillinger", nurse, url.Values{"notify_digest": {"daily"}}); res.Status != http.StatusSeeOther {
			t.Errorf("save = %d", res.Status)
		}
		prefs, err := h.DB.GetNotifyPrefs(context.Background(), fx.EmployeeA2.ID)
		if err != nil || prefs.Email || prefs.Digest != "daily" {
			t.Errorf("prefs = %+v %v", prefs, err)
		}
		if res := h.Page("POST", "/varsler/innstillinger", nurse, url.Values{"notify_email": {"true"}, "notify_digest": {"hourly"}}); res.Status != http.StatusUnprocessableEntity && res.Status != http.StatusBadRequest {
			t.Errorf("bad digest = %d", res.Status)
		}
	})
}

func TestTaskListOrder(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder := h.Login(fx.EmployeeA)
		id, _ := x.activeLog(holder)
		x.measure(holder, id, fx.EmployeeA.ID, "2026-12-01")
		x.measure(holder, id, fx.EmployeeA.ID, "2026-11-25")
		x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/consents", holder, map[string]any{
			"covers_unit_ids": []string{fx.UnitA.ID}, "given_by": "Frida Forelder", "expires_at": "2026-12-10T12:00:00Z"}), 201, "consent")
		h.Clock.Add(3 * 24 * time.Hour) // 2026-11-26: the second measure is overdue
		holder = h.Login(fx.EmployeeA)
		var lines []string
		h.Page("GET", "/", holder, nil).Doc(t).Find(".tasks li").Each(func(_ int, s *goquery.Selection) {
			lines = append(lines, strings.Join(strings.Fields(s.Text()), " "))
		})
		want := []string{
			"Evaluer tiltaket for Ola Nordmann – forfalt 25. november 2026",
			"Evaluer tiltaket for Ola Nordmann – innen 1. desember 2026",
			"Samtykket for Ola Nordmann går ut – innen 10. desember 2026",
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("tasks:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
	})
}
