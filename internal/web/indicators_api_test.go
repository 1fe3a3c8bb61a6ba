package web_test

import (
	"net/http"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

const indicatorPeriod = "?from=2026-01-01&to=2026-11-23"

func TestMunicipalityIndicatorsAPI(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := h.IndicatorWorld()
		path := "/api/v1/municipalities/" + w.Alpha.ID + "/indicators" + indicatorPeriod
		res := h.Do("GET", path, h.Login(w.AdminAlpha), nil)
		if res.Status != http.StatusOK {
			t.Fatalf("admin: %d %s", res.Status, res.Body)
		}
		got := webtest.Decode[webtest.MunicipalityIndicators](t, res)
		want := map[string]float64{
			"logs_opened": 18, "undringer_opened": 21, "logs_closed": 4, "closed_goal_reached": 3,
			"active_level_1": 8, "active_level_2": 5, "active_level_3": 2, "undring_decision_days_median": 3,
			"undring_decided_on_time_share": 0.7, "measures_evaluated_on_time_share": 0.5, "transfers_accepted": 3,
			"transfer_accept_days_median": 4, "consents_lapsed_while_active": 1, "family_entries_share": 0.2,
			"training_coverage_share": 0, "course_fte": 0, // the world has staff and no courses
		}
		if len(got.Indicators) != len(want) {
			t.Errorf("%d indicators, want %d: %v", len(got.Indicators), len(want), got.Indicators)
		}
		for k, v := range want {
			g := got.Indicators[k]
			if g.Value == nil || *g.Value != v || g.Suppressed {
				t.Errorf("%s = %+v, want %v", k, g, v)
			}
		}
		if g := got.Indicators["family_entries_share"]; g.Numerator == nil || *g.Numerator != 3 || *g.Denominator != 15 {
			t.Errorf("family share parts = %+v, want 3 of 15", g)
		}
		if got.Municipality.ID != w.Alpha.ID || got.From != "2026-01-01" || got.To != "2026-11-23" || got.AsOf == "" {
			t.Errorf("header = %+v", got)
		}
		// Beta's own view shows its 3.
		beta := webtest.Decode[webtest.MunicipalityIndicators](t, h.Do("GET",
			"/api/v1/municipalities/"+w.Beta.ID+"/indicators"+indicatorPeriod, h.Login(w.AdminBeta), nil))
		if g := beta.Indicators["active_level_2"]; g.Value == nil || *g.Value != 3 {
			t.Errorf("Beta's own level 2 = %+v, want 3", g)
		}
		// The leader of Alpha1 sees the municipality and that unit.
		led := webtest.Decode[webtest.MunicipalityIndicators](t, h.Do("GET", path, h.Login(w.LeaderAlpha), nil))
		if len(led.Units) != 1 || led.Units[0].ID != w.Alpha1.ID {
			t.Errorf("leader's units = %+v", led.Units)
		}
		// The default period is the year so far.
		def := webtest.Decode[webtest.MunicipalityIndicators](t, h.Do("GET",
			"/api/v1/municipalities/"+w.Alpha.ID+"/indicators", h.Login(w.AdminAlpha), nil))
		if def.From != "2026-01-01" || def.To != "2026-11-23" {
			t.Errorf("default period %s..%s", def.From, def.To)
		}
		for _, c := range []struct {
			name   string
			token  string
			path   string
			status int
		}{
			{"Anonymous", "", path, http.StatusUnauthorized},
			{"Employee", h.Login(w.EmployeeAlpha), path, http.StatusForbidden},
			{"NetworkCoordinator", h.Login(amCoordinator(t, h)), path, http.StatusNotFound},
			{"SystemAdmin", h.Login(h.Fx.SysAdmin), path, http.StatusForbidden},
			{"Guardian", h.Login(h.Fx.Plain), path, http.StatusForbidden},
			{"OtherMunicipality", h.Login(w.AdminBeta), path, http.StatusNotFound},
			{"OutsideTheNetwork", h.Login(w.AdminOutside), path, http.StatusNotFound},
			{"Unknown", h.Login(w.AdminAlpha), "/api/v1/municipalities/nope/indicators", http.StatusNotFound},
			{"BadDate", h.Login(w.AdminAlpha), "/api/v1/municipalities/" + w.Alpha.ID + "/indicators?from=2026-13-01&to=x", http.StatusUnprocessableEntity},
			{"Reversed", h.Login(w.AdminAlpha), "/api/v1/municipalities/" + w.Alpha.ID + "/indicators?from=2026-05-01&to=2026-04-01", http.StatusUnprocessableEntity},
		} {
			t.Run(c.name, func(t *testing.T) {
				res := h.Do("GET", c.path, c.token, nil)
				if res.Status != c.status {
					t.Errorf("%d %s, want %d", res.Status, res.Body, c.status)
				}
				if c.status >= 400 && strings.Contains(string(res.Body), "active_level") {
					t.Errorf("a refusal carries indicators: %s", res.Body)
				}
			})
		}
		res = h.Do("GET", "/api/v1/municipalities/"+w.Alpha.ID+"/indicators?from=2026-13-01&to=x", h.Login(w.AdminAlpha), nil)
		body := webtest.Decode[webtest.ErrorBody](t, res)
		if body.Error.Fields["from"] != "format" || body.Error.Fields["to"] != "format" {
			t.Errorf("field errors = %v", body.Error.Fields)
		}
	})
}

func TestNetworkIndicatorsAPI(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := h.IndicatorWorld()
		path := "/api/v1/networks/" + w.Network.ID + "/indicators" + indicatorPeriod
		res := h.Do("GET", path, h.Login(w.AdminAlpha), nil)
		if res.Status != http.StatusOK {
			t.Fatalf("admin: %d %s", res.Status, res.Body)
		}
		got := webtest.Decode[webtest.NetworkIndicators](t, res)
		members := map[string]webtest.NetworkMember{}
		for _, m := range got.Municipalities {
			members[m.ID] = m
		}
		if got.Network.ID != w.Network.ID || len(members) != 3 || !members[w.Alpha.ID].Own || members[w.Beta.ID].Own {
			t.Fatalf("answer = %+v", got)
		}
		// Beta's 3 is hidden from its partner, and cannot be found from the total.
		b := members[w.Beta.ID].Indicators["active_level_2"]
		if b.Value != nil || !b.Suppressed {
			t.Errorf("Beta's level 2 seen from Alpha = %+v", b)
		}
		if !strings.Contains(string(res.Body), `"value":null`) {
			t.Errorf("no null value in %s", res.Body)
		}
		total := got.Total["active_level_2"]
		unknown := 0
		known := 0.0
		for _, m := range got.Municipalities {
			if v := m.Indicators["active_level_2"]; v.Value == nil {
				unknown++
			} else {
				known += *v.Value
			}
		}
		if total.Value != nil && unknown < 2 {
			t.Errorf("total %v less the known %v leaves one unknown: Beta's 3 is recoverable", *total.Value, known)
		}
		// Beta's administrator sees Beta's 3.
		fromBeta := webtest.Decode[webtest.NetworkIndicators](t, h.Do("GET", path, h.Login(w.AdminBeta), nil))
		for _, m := range fromBeta.Municipalities {
			if v := m.Indicators["active_level_2"]; m.ID == w.Beta.ID && (v.Value == nil || *v.Value != 3) {
				t.Errorf("Beta's own 3 seen from Beta = %+v", v)
			}
		}
		// A coordinator of another network is outside; made this network's
		// coordinator, she reads it as an outsider: Beta's 3 stays hidden.
		coord := amCoordinator(t, h)
		if res := h.Do("GET", path, h.Login(coord), nil); res.Status != http.StatusNotFound {
			t.Errorf("another network's coordinator: %d %s, want 404", res.Status, res.Body)
		}
		if res := h.Do("POST", "/api/v1/users/"+coord.ID+"/roles", h.Login(h.Fx.SysAdmin), map[string]any{"role": "network_coordinator", "network_id": w.Network.ID}); res.Status != http.StatusCreated {
			t.Fatalf("grant: %d %s", res.Status, res.Body)
		}
		fromCoord := webtest.Decode[webtest.NetworkIndicators](t, h.Do("GET", path, h.Login(coord), nil))
		if len(fromCoord.Municipalities) != 3 {
			t.Fatalf("coordinator sees %d members", len(fromCoord.Municipalities))
		}
		for _, m := range fromCoord.Municipalities {
			if v := m.Indicators["active_level_2"]; m.Own || (m.ID == w.Beta.ID && (v.Value != nil || !v.Suppressed)) {
				t.Errorf("member %s seen by the coordinator: own=%v level 2 = %+v", m.Name, m.Own, v)
			}
		}
		for _, c := range []struct {
			name   string
			token  string
			path   string
			status int
		}{
			{"Anonymous", "", path, http.StatusUnauthorized},
			{"Employee", h.Login(w.EmployeeAlpha), path, http.StatusForbidden},
			{"SystemAdmin", h.Login(h.Fx.SysAdmin), path, http.StatusForbidden},
			{"OtherMunicipality", h.Login(h.Fx.AdminA), path, http.StatusNotFound},
			{"OutsideTheNetwork", h.Login(w.AdminOutside), path, http.StatusNotFound},
			{"Unknown", h.Login(w.AdminAlpha), "/api/v1/networks/nope/indicators", http.StatusNotFound},
			{"BadDate", h.Login(w.AdminAlpha), "/api/v1/networks/" + w.Network.ID + "/indicators?from=01.01.2026", http.StatusUnprocessableEntity},
		} {
			t.Run(c.name, func(t *testing.T) {
				if res := h.Do("GET", c.path, c.token, nil); res.Status != c.status {
					t.Errorf("%d %s, want %d", res.Status, res.Body, c.status)
				}
			})
		}
	})
}
