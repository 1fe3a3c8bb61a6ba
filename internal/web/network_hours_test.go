package web_test

import (
	"net/http"
	"testing"

	"stafett/internal/web/webtest"
)

type networkJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	HoursPerFTE int    `json:"hours_per_fte"`
	Members     []struct {
		ID     string `json:"id"`
		Number string `json:"number"`
		Name   string `json:"name"`
	} `json:"members"`
}

// TestNetworkCoordinatorRole: only a system administrator makes a coordinator; the role
// names its network and shows on /me.
func TestNetworkCoordinatorRole(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		body := map[string]any{"role": "network_coordinator", "network_id": w.net.ID}
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeA.ID+"/roles", w.as(fx.AdminA), body), 403, "admin makes coordinator")
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeA.ID+"/roles", "", body), 401, "anonymous")
		w.want(h.Do("POST", "/api/v1/users/"+fx.EmployeeA.ID+"/roles", w.as(fx.SysAdmin), body), 201, "sysadmin makes coordinator")
		w.field(h.Do("POST", "/api/v1/users/"+fx.EmployeeA.ID+"/roles", w.as(fx.SysAdmin),
			map[string]any{"role": "network_coordinator"}), "network_id", "required")
		w.field(h.Do("POST", "/api/v1/users/"+fx.EmployeeA.ID+"/roles", w.as(fx.SysAdmin),
			map[string]any{"role": "network_coordinator", "network_id": "finnes-ikke"}), "network_id", "not_found")
		me := webtest.Decode[struct {
			Roles []struct {
				Role      string `json:"role"`
				NetworkID string `json:"network_id"`
			} `json:"roles"`
		}](t, w.want(h.Do("GET", "/api/v1/me", w.as(w.coord), nil), 200, "me"))
		if len(me.Roles) != 1 || me.Roles[0].Role != "network_coordinator" || me.Roles[0].NetworkID != w.net.ID {
			t.Fatalf("roles = %+v", me.Roles)
		}
		// A coordinator administers, so a password alone is refused.
		bare := w.user("uten@grenland.no", "Uten Faktor", "")
		w.want(h.Do("POST", "/api/v1/users/"+bare.ID+"/roles", w.as(fx.SysAdmin), body), 201, "second coordinator")
		res := h.Do("POST", "/api/v1/session", "", map[string]string{"email": bare.Email, "password": webtest.Password})
		tok := webtest.Decode[webtest.Session](t, w.want(res, 200, "password sign-in")).Token
		res = h.Do("PATCH", "/api/v1/networks/"+w.net.ID, tok, map[string]any{"hours_per_fte": 1500})
		if code := webtest.Decode[webtest.ErrorBody](t, w.want(res, 403, "no second factor")).Error.Code; code != "second_factor_required" {
			t.Fatalf("code %q", code)
		}
	})
}

// TestNetworkHours: GET gives hours_per_fte and the members; PATCH is for the system
// administrator and the network's coordinators (others: 404), the municipality's for its
// administrators (others: 403, municipalities are public); every change audited.
func TestNetworkHours(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newCW(t, h), h.Fx
		n := webtest.Decode[networkJSON](t, w.want(h.Do("GET", "/api/v1/networks/"+w.net.ID, w.as(w.coord), nil), 200, "get"))
		if n.HoursPerFTE != 1700 || len(n.Members) != 2 || n.Members[0].Name != "Porsgrunn" || n.Members[0].Number != "4001" ||
			n.Members[1].ID != fx.A.ID {
			t.Fatalf("network = %+v", n)
		}
		path := "/api/v1/networks/" + w.net.ID
		w.want(h.Do("PATCH", path, "", map[string]any{"hours_per_fte": 1500}), 401, "anonymous")
		w.want(h.Do("PATCH", path, w.as(fx.AdminA), map[string]any{"hours_per_fte": 1500}), 404, "municipality admin")
		w.want(h.Do("PATCH", path, w.as(w.coordC), map[string]any{"hours_per_fte": 1500}), 404, "other network's coordinator")
		w.want(h.Do("PATCH", path, w.as(fx.EmployeeA), map[string]any{"hours_per_fte": 1500}), 404, "employee")
		w.field(h.Do("PATCH", path, w.as(w.coord), map[string]any{"hours_per_fte": 0}), "hours_per_fte", "range")
		w.field(h.Do("PATCH", path, w.as(w.coord), map[string]any{}), "hours_per_fte", "required")
		n = webtest.Decode[networkJSON](t, w.want(h.Do("PATCH", path, w.as(w.coord), map[string]any{"hours_per_fte": 1500}), 200, "coordinator"))
		if n.HoursPerFTE != 1500 {
			t.Fatalf("hours = %d", n.HoursPerFTE)
		}
		w.want(h.Do("PATCH", path, w.as(fx.SysAdmin), map[string]any{"hours_per_fte": 1600}), 200, "sysadmin")
		if got := w.audited("network.hours", w.net.ID); got != 2 {
			t.Fatalf("%d network.hours records, want 2", got)
		}

		mpath := "/api/v1/municipalities/" + fx.A.ID
		w.want(h.Do("PATCH", mpath, "", map[string]any{"hours_per_fte": 1650}), 401, "anonymous")
		w.want(h.Do("PATCH", mpath, w.as(fx.AdminB), map[string]any{"hours_per_fte": 1650}), 403, "other municipality's admin")
		w.want(h.Do("PATCH", mpath, w.as(fx.LeaderA), map[string]any{"hours_per_fte": 1650}), 403, "leader")
		w.want(h.Do("PATCH", "/api/v1/municipalities/finnes-ikke", w.as(fx.AdminA), map[string]any{"hours_per_fte": 1650}), 404, "no such")
		w.field(h.Do("PATCH", mpath, w.as(fx.AdminA), map[string]any{"hours_per_fte": 9000}), "hours_per_fte", "range")
		m := webtest.Decode[struct {
			HoursPerFTE int `json:"hours_per_fte"`
		}](t, w.want(h.Do("PATCH", mpath, w.as(fx.AdminA), map[string]any{"hours_per_fte": 1650}), http.StatusOK, "admin"))
		if m.HoursPerFTE != 1650 || w.audited("municipality.hours", fx.A.ID) != 1 {
			t.Fatalf("hours = %d, audited %d", m.HoursPerFTE, w.audited("municipality.hours", fx.A.ID))
		}
	})
}
