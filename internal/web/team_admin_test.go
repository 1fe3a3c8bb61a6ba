package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestTeamAdminPages: the municipality's administrator sets up a team on /team/ny,
// naming members by e-mail (a bad row refused with its line, nothing stored), then
// chooses its units, adds and removes members (never the last) on /team/{id}/endre;
// each write is in the admin audit. Employees, other municipalities and the signed
// out have none of it.
func TestTeamAdminPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		adm := h.Login(fx.AdminA)
		if doc := h.Page("GET", "/team", adm, nil).Doc(t); doc.Find(`a#team-new[href="/team/ny"]`).Length() != 1 {
			t.Error("the admin's team list does not offer to set up a team")
		}
		if doc := h.Page("GET", "/team", h.Login(fx.EmployeeA), nil).Doc(t); doc.Find("#team-new").Length() != 0 {
			t.Error("an employee is offered to set up a team")
		}
		res := h.Page("GET", "/team/ny", adm, nil)
		wantStatus(t, res, 200, "new team form")
		owners := res.Doc(t).Find("#team-owner option")
		if owners.Length() != 2 || owners.Eq(1).AttrOr("value", "") != "m:"+fx.A.ID {
			t.Errorf("owners offered: %d, %q", owners.Length(), owners.Eq(1).AttrOr("value", ""))
		}
		form := url.Values{"name": {"Drøftingsteam Myren"}, "kind": {"drofting"}, "owner": {"m:" + fx.A.ID},
			"rows": {"e-post\nlarer@skien.no\nukjent@skien.no\nlarer@porsgrunn.no"}}
		res = h.Page("POST", "/team", adm, form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad rows = %d", res.Status)
		}
		summary := res.Doc(t).Find(".ds-error-summary").Text()
		for _, want := range []string{"Linje 3", "Linje 4", h.NBText("field.rows.not_found"), h.NBText("field.rows.not_allowed")} {
			if !strings.Contains(summary, want) {
				t.Errorf("the summary lacks %q: %s", want, summary)
			}
		}
		if l := webtest.Decode[webtest.Teams](t, h.Do("GET", "/api/v1/teams", adm, nil)); len(l.Teams) != 0 {
			t.Fatalf("a refused team was stored: %+v", l)
		}
		if res := h.Page("POST", "/team", adm, url.Values{"name": {""}, "kind": {"drofting"}, "owner": {""}, "rows": {"larer@skien.no"}}); res.Status != http.StatusUnprocessableEntity ||
			res.Doc(t).Find("#team-name-error").Length() != 1 || res.Doc(t).Find("#team-owner-error").Length() != 1 {
			t.Errorf("no name, no owner = %d without the messages", res.Status)
		}
		form.Set("rows", "larer@skien.no\n\nLARER@skien.no")
		res = h.Page("POST", "/team", adm, form)
		if res.Status != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/endre") {
			t.Fatalf("set up = %d %s", res.Status, res.Header.Get("Location"))
		}
		edit := res.Header.Get("Location")
		tid := strings.TrimSuffix(strings.TrimPrefix(edit, "/team/"), "/endre")
		tv := webtest.Decode[webtest.Team](t, h.Do("GET", "/api/v1/teams/"+tid, adm, nil))
		if tv.Name != "Drøftingsteam Myren" || !slices.Equal(tv.MemberUserIDs, []string{fx.EmployeeA.ID}) {
			t.Fatalf("the team = %+v", tv)
		}

		doc := h.Page("GET", edit, adm, nil).Doc(t)
		if doc.Find(`input[name="unit_ids"]`).Length() != 2 {
			t.Errorf("%d units offered, want Skien's 2", doc.Find(`input[name="unit_ids"]`).Length())
		}
		res = h.Page("POST", edit, adm, url.Values{"name": {"Drøftingsteam Skien"}, "kind": {"ressurs"}, "unit_ids": {fx.UnitA.ID, fx.UnitA2.ID}})
		wantStatus(t, res, http.StatusSeeOther, "save the team")
		if res := h.Page("POST", edit, adm, url.Values{"name": {"X"}, "kind": {"ressurs"}, "unit_ids": {fx.UnitB.ID}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("a unit of another municipality = %d", res.Status)
		}
		tv = webtest.Decode[webtest.Team](t, h.Do("GET", "/api/v1/teams/"+tid, adm, nil))
		if tv.Name != "Drøftingsteam Skien" || tv.Kind != "ressurs" || len(tv.UnitIDs) != 2 {
			t.Fatalf("after saving: %+v", tv)
		}

		members := "/team/" + tid + "/medlemmer"
		wantStatus(t, h.Page("POST", members+"/"+fx.EmployeeA.ID+"/fjern", adm, nil), http.StatusConflict, "the last member")
		if res := h.Page("POST", members, adm, url.Values{"rows": {"helsesykepleier@skien.no\nfinnes@ikke.no"}}); res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Doc(t).Find(".ds-error-summary").Text(), "Linje 2") {
			t.Errorf("a bad row = %d without its line", res.Status)
		}
		wantStatus(t, h.Page("POST", members, adm, url.Values{"rows": {"helsesykepleier@skien.no\nlarer@skien.no"}}), http.StatusSeeOther, "add members")
		wantStatus(t, h.Page("POST", members+"/"+fx.EmployeeA.ID+"/fjern", adm, nil), http.StatusSeeOther, "remove a member")
		tv = webtest.Decode[webtest.Team](t, h.Do("GET", "/api/v1/teams/"+tid, adm, nil))
		if !slices.Equal(tv.MemberUserIDs, []string{fx.EmployeeA2.ID}) {
			t.Errorf("members = %v, want the nurse alone", tv.MemberUserIDs)
		}
		// The teacher taken off no longer sees the team.
		wantStatus(t, h.Do("GET", "/api/v1/teams/"+tid, h.Login(fx.EmployeeA), nil), 404, "a member taken off")

		audit := webtest.Decode[adminAuditJSON](t, h.Do("GET", "/api/v1/admin/audit", adm, nil))
		got := map[string]int{}
		for _, e := range audit.Events {
			if e.Target.ID == tid {
				got[e.Action]++
			}
		}
		for action, n := range map[string]int{"team.create": 1, "team.update": 1, "team.members_add": 1, "team.member_remove": 1} {
			if got[action] != n {
				t.Errorf("%d %s records, want %d (%v)", got[action], action, n, got)
			}
		}

		for _, c := range []struct {
			name, token, method, path string
			status                    int
		}{
			{"EmployeeNew", h.Login(fx.EmployeeA2), "GET", "/team/ny", http.StatusNotFound},
			{"MemberEdit", h.Login(fx.EmployeeA2), "GET", edit, http.StatusNotFound},
			{"OtherMunicipality", h.Login(fx.AdminB), "GET", edit, http.StatusNotFound},
			{"OtherMunicipalityAdd", h.Login(fx.AdminB), "POST", members, http.StatusNotFound},
			{"OtherMunicipalityCreate", h.Login(fx.AdminB), "POST", "/team", http.StatusNotFound},
		} {
			t.Run(c.name, func(t *testing.T) {
				var form url.Values
				if c.name == "OtherMunicipalityCreate" {
					form = url.Values{"name": {"X"}, "kind": {"drofting"}, "owner": {"m:" + fx.A.ID}, "rows": {"larer@skien.no"}}
				}
				if res := h.Page(c.method, c.path, c.token, form); res.Status != c.status {
					t.Errorf("%s %s = %d, want %d", c.method, c.path, res.Status, c.status)
				}
			})
		}
		if res := h.Page("GET", "/team/ny", "", nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/innlogging") {
			t.Errorf("signed out = %d %s", res.Status, res.Header.Get("Location"))
		}
	})
}

// TestTeamSeriesForm: a member adds a fortnightly plan on the team page; bad input
// comes back by its fields with nothing stored.
func TestTeamSeriesForm(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tid := teamOf(t, h)
		tok := h.Login(h.Fx.EmployeeA)
		path := "/team/" + tid + "/serier"
		if doc := h.Page("GET", "/team/"+tid, tok, nil).Doc(t); doc.Find(`form[action="`+path+`"]`).Length() != 1 {
			t.Fatal("the team page has no series form")
		}
		res := h.Page("POST", path, tok, url.Values{"first": {"3. september"}, "every_days": {"0"}, "minutes": {""}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad series = %d", res.Status)
		}
		doc := res.Doc(t)
		for _, id := range []string{"#series-first-error", "#series-minutes-error"} {
			if doc.Find(id).Length() != 1 {
				t.Errorf("no %s", id)
			}
		}
		res = h.Page("POST", path, tok, url.Values{"first": {"2026-12-03T14:00"}, "every_days": {"0"}, "minutes": {"90"}})
		if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#series-every-days-error").Length() != 1 {
			t.Errorf("every 0 days = %d without its message", res.Status)
		}
		if ms := webtest.Decode[webtest.Meetings](t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings", tok, nil)); len(ms.Meetings) != 0 {
			t.Fatalf("a refused series stored %d meetings", len(ms.Meetings))
		}
		res = h.Page("POST", path, tok, url.Values{"first": {"2026-12-03T14:00"}, "every_days": {"14"}, "minutes": {"90"}, "until": {"2027-01-31"}, "place": {"Rådhuset"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/team/"+tid {
			t.Fatalf("series = %d %s", res.Status, res.Header.Get("Location"))
		}
		ms := webtest.Decode[webtest.Meetings](t, h.Do("GET", "/api/v1/teams/"+tid+"/meetings", tok, nil))
		if len(ms.Meetings) != 5 { // 3, 17, 31 December; 14, 28 January
			t.Fatalf("%d meetings, want 5", len(ms.Meetings))
		}
		if m := ms.Meetings[0]; m.Place != "Rådhuset" || m.EndsAt.Sub(m.StartsAt).Minutes() != 90 || m.StartsAt.UTC().Hour() != 13 {
			t.Errorf("first meeting = %+v", m)
		}
		wantStatus(t, h.Page("POST", path, h.Login(h.Fx.EmployeeB), url.Values{"first": {"2026-12-03T14:00"}, "every_days": {"14"}, "minutes": {"90"}}), 404, "other municipality")
	})
}
