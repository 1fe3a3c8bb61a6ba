package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

var inviteLink = regexp.MustCompile(`https://stafett\.test/invitasjon/([A-Za-z0-9_-]+)`)

func TestInvitation(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		admin := h.Login(fx.AdminA)
		uid := x.wantID(h.Do("POST", "/api/v1/users", admin, map[string]any{"email": "ny@skien.no", "name": "Nina Ny"}), 201, "create")
		got := x.flush()
		if len(got) != 1 || got[0].To != "ny@skien.no" || got[0].Subject != "Stafett: logg inn første gang" {
			t.Fatalf("invitation mails: %+v", got)
		}
		m := inviteLink.FindStringSubmatch(got[0].Text)
		if m == nil || !strings.Contains(got[0].HTML, "/invitasjon/"+m[1]) || !strings.Contains(got[0].Text, "26.11.2026 10:00") {
			t.Fatalf("no link, or not valid 72 hours: %s", got[0].Text)
		}
		token := m[1]
		// The admin sees she has never signed in, and may send it again.
		page := h.Page("GET", "/admin/brukere/"+uid, admin, nil)
		if !strings.Contains(page.Doc(t).Find("dl").Text(), "Har aldri logget inn") || page.Doc(t).Find(`form[action$="/invitasjon"]`).Length() != 1 {
			t.Errorf("admin page: %d %s", page.Status, page.Doc(t).Find("main").Text())
		}

		if res := h.Page("GET", "/invitasjon/"+token, "", nil); res.Status != 200 || res.Doc(t).Find("#invitation-password").Length() != 1 {
			t.Fatalf("invitation page = %d", res.Status)
		}
		if res := h.Page("POST", "/invitasjon/"+token, "", url.Values{"password": {"kort"}, "password_repeat": {"kort"}}); res.Status != http.StatusUnprocessableEntity ||
			res.Doc(t).Find("#invitation-password-error").Length() != 1 {
			t.Errorf("short password = %d", res.Status)
		}
		if res := h.Page("POST", "/invitasjon/"+token, "", url.Values{"password": {"et langt godt passord"}, "password_repeat": {"et annet"}}); res.Status != http.StatusUnprocessableEntity ||
			res.Doc(t).Find("#invitation-password-repeat-error").Length() != 1 {
			t.Errorf("mismatch = %d", res.Status)
		}
		res := h.Page("POST", "/invitasjon/"+token, "", url.Values{"password": {"et langt godt passord"}, "password_repeat": {"et langt godt passord"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/innlogging" {
			t.Fatalf("accept = %d %q", res.Status, res.Header.Get("Location"))
		}
		if res := h.Do("POST", "/api/v1/session", "", map[string]any{"email": "ny@skien.no", "password": "et langt godt passord"}); res.Status != 200 {
			t.Errorf("sign in with the chosen password = %d %s", res.Status, res.Body)
		}
		if res := h.Page("POST", "/invitasjon/"+token, "", url.Values{"password": {"et helt annet passord"}, "password_repeat": {"et helt annet passord"}}); res.Status != http.StatusNotFound {
			t.Errorf("the link used twice = %d", res.Status)
		}
		if !strings.Contains(h.Page("GET", "/admin/brukere/"+uid, admin, nil).Doc(t).Find("dl").Text(), "Har logget inn") {
			t.Errorf("after sign-in the admin page does not say so")
		}

		// With a national ID: a pointer to ID-porten, no link to set a password.
		x.wantID(h.Do("POST", "/api/v1/users", admin, map[string]any{"email": "id@skien.no", "name": "Ida Id", "national_id": "01017012345"}), 201, "create with id")
		got = x.flush()
		if len(got) != 1 || inviteLink.MatchString(got[0].Text) || !strings.Contains(got[0].Text, "ID-porten") || !strings.Contains(got[0].Text, "https://stafett.test/innlogging") {
			t.Errorf("ID-porten invitation: %+v", got)
		}

		// Sent again: the old link stops working, the new one works; only the
		// municipality's own administrator may send it.
		uid2 := x.wantID(h.Do("POST", "/api/v1/users", admin, map[string]any{"email": "to@skien.no", "name": "Tor To"}), 201, "create 2")
		old := inviteLink.FindStringSubmatch(x.flush()[0].Text)[1]
		if res := h.Do("POST", "/api/v1/users/"+uid2+"/invitation", h.Login(fx.AdminB), nil); res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
			t.Errorf("another municipality's admin resends: %d", res.Status)
		}
		if res := h.Do("POST", "/api/v1/users/"+uid2+"/invitation", h.Login(fx.EmployeeA), nil); res.Status != http.StatusForbidden {
			t.Errorf("an employee resends: %d", res.Status)
		}
		if res := h.Do("POST", "/api/v1/users/"+uid2+"/invitation", "", nil); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous resends: %d", res.Status)
		}
		if res := h.Page("POST", "/admin/brukere/"+uid2+"/invitasjon", admin, url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("resend from the page = %d", res.Status)
		}
		fresh := inviteLink.FindStringSubmatch(x.flush()[0].Text)[1]
		if res := h.Page("GET", "/invitasjon/"+old, "", nil); res.Status != http.StatusNotFound {
			t.Errorf("the old link after a resend = %d", res.Status)
		}
		if res := h.Page("GET", "/invitasjon/"+fresh, "", nil); res.Status != 200 {
			t.Errorf("the new link = %d", res.Status)
		}
		// After 72 hours the link is dead, and the admin is warned she cannot sign in.
		h.Clock.Add(73 * time.Hour)
		if res := h.Page("GET", "/invitasjon/"+fresh, "", nil); res.Status != http.StatusNotFound {
			t.Errorf("an expired link = %d", res.Status)
		}
		admin = h.Login(fx.AdminA)
		if w := h.Page("GET", "/admin/brukere/"+uid2, admin, nil).Doc(t).Find(`.ds-alert[data-color="warning"]`).Text(); !strings.Contains(w, "kan ikke logge inn") {
			t.Errorf("no warning: %q", w)
		}
		// Without SMTP the invitation reaches no one: the admin is warned at once.
		x.w.Sender = nil
		uid3 := x.wantID(h.Do("POST", "/api/v1/users", admin, map[string]any{"email": "tre@skien.no", "name": "Tre Tre"}), 201, "create 3")
		x.flush()
		if w := h.Page("GET", "/admin/brukere/"+uid3, admin, nil).Doc(t).Find(`.ds-alert[data-color="warning"]`).Text(); !strings.Contains(w, "kan ikke logge inn") {
			t.Errorf("no warning without SMTP: %q", w)
		}
		if res := h.Page("GET", "/invitasjon/nonsense", "", nil); res.Status != http.StatusNotFound {
			t.Errorf("an unknown link = %d", res.Status)
		}
	})
}
