package web_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/web/webtest"
)

// TestTeamUsage counts a team's year by hand and compares the table "Team" on /kurs,
// on the team's page and (for a network's team) on the network's page. The harness
// clock is 23 November 2026; the fortnightly 90-minute series from 3 September has six
// meetings before it, one of which (1 October) is cancelled: five held. Three cases on
// held meetings (two on 3 September, one on 17 September) count, one of them made into a
// log; a case on the cancelled meeting and one on 26 November do not. Team time: 2
// members × 5 × 1.5 h = 15 hours, 15 ÷ 1,700 = 0.0088 årsverk (0,01).
func TestTeamUsage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		tid := teamOf(t, h)
		tok := w.as(fx.EmployeeA)
		ms := seriesOf(t, h, tok, tid).Meetings
		cases := func(mid string, n int) []string {
			var ids []string
			for range n {
				ids = append(ids, webtest.IDOf(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+mid+"/cases", tok, anonCase(fx.UnitA.ID))))
			}
			return ids
		}
		first := cases(ms[0].ID, 2)
		cases(ms[1].ID, 1)
		cases(ms[2].ID, 1)
		cases(ms[6].ID, 1) // 26 November: not yet held
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/meetings/"+ms[2].ID+"/cancel", tok, nil), 200, "cancel 1 October")
		wantStatus(t, h.Do("POST", "/api/v1/teams/"+tid+"/cases/"+first[0]+"/log", tok,
			map[string]any{"unit_id": fx.UnitA.ID, "child": map[string]any{"name": "Kari Nordmann", "birth_date": "2017-05-03"}}), 201, "case to log")

		row := func(path, tok string) []string {
			t.Helper()
			res := h.Page("GET", path, tok, nil)
			wantStatus(t, res, 200, path)
			var cells []string
			res.Doc(t).Find(`#report-teams tr[data-team="` + tid + `"] td`).Each(func(_ int, s *goquery.Selection) { cells = append(cells, strings.TrimSpace(s.Text())) })
			return cells
		}
		want := "5 3 1 2 15,00 0,01" // held, cases, became logs, members, hours, årsverk
		if got := strings.Join(row("/kurs", w.as(fx.AdminA)), " "); got != want {
			t.Errorf("/kurs team row = %q, want %q", got, want)
		}
		if got := strings.Join(row("/team/"+tid, tok), " "); got != want {
			t.Errorf("/team/{id} row = %q, want %q", got, want)
		}
		if got := strings.Join(row("/team/"+tid, w.as(fx.AdminA)), " "); got != want {
			t.Errorf("/team/{id} for the admin = %q, want %q", got, want)
		}
		// Not for those who do not read the report: an employee's /kurs, another
		// municipality's admin; the team's page stays 404 outside it.
		if d := h.Page("GET", "/kurs", tok, nil).Doc(t); d.Find("#report-teams, #h-teams").Length() != 0 {
			t.Error("an employee sees the teams' table on /kurs")
		}
		if got := row("/kurs", w.as(fx.AdminB)); len(got) != 0 {
			t.Errorf("Porsgrunn's admin sees Skien's team: %v", got)
		}
		wantStatus(t, h.Page("GET", "/team/"+tid, w.as(fx.EmployeeB), nil), 404, "other municipality's team page")

		// A network's team shows on the network's page for its coordinator, Skien's does not.
		coord := w.as(w.coord)
		nt := webtest.IDOf(t, h.Do("POST", "/api/v1/teams", coord, map[string]any{"name": "Grenlandsforum", "kind": "forum",
			"network_id": w.net.ID, "member_user_ids": []string{fx.EmployeeA.ID, fx.EmployeeB.ID}}))
		d := h.Page("GET", "/samarbeid/"+w.net.ID, coord, nil).Doc(t)
		if d.Find(`#report-teams tr[data-team="`+nt+`"]`).Length() != 1 || d.Find(`#report-teams tr[data-team="`+tid+`"]`).Length() != 0 {
			t.Errorf("network teams = %q", d.Find("#report-teams").Text())
		}
		if got := d.Find(`#report-teams tr[data-team="` + nt + `"] td`).Eq(3).Text(); got != "2" {
			t.Errorf("network team members = %q", got)
		}
	})
}
