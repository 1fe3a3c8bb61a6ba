package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// adminAuditJSON is the body of GET /api/v1/admin/audit.
type adminAuditJSON struct {
	Events []struct {
		At    string `json:"at"`
		Actor struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"actor"`
		Action string `json:"action"`
		Target struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		} `json:"target"`
		MunicipalityID string `json:"municipality_id"`
	} `json:"events"`
}

// TestAdminAudit: creating a unit and granting a role appear in the administrative
// audit with their actor, for the municipality's own administrator and the system
// administrator, and nobody else may read it.
func TestAdminAudit(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		admin := h.Login(fx.AdminA)
		res := h.Do("POST", "/api/v1/municipalities/"+fx.A.ID+"/units", admin, map[string]any{"name": "Solsiden barnehage", "kind": "kindergarten"})
		if res.Status != http.StatusCreated {
			t.Fatalf("create unit = %d %s", res.Status, res.Body)
		}
		var unit struct{ ID string }
		if err := json.Unmarshal(res.Body, &unit); err != nil || unit.ID == "" {
			t.Fatalf("unit = %s", res.Body)
		}
		res = h.Do("POST", "/api/v1/users/"+fx.EmployeeA2.ID+"/roles", admin, map[string]any{"role": "employee", "unit_id": unit.ID})
		if res.Status != http.StatusCreated {
			t.Fatalf("grant role = %d %s", res.Status, res.Body)
		}
		read := func(tok, query string, want int) adminAuditJSON {
			t.Helper()
			res := h.Do("GET", "/api/v1/admin/audit"+query, tok, nil)
			if res.Status != want {
				t.Fatalf("audit%s = %d, want %d: %s", query, res.Status, want, res.Body)
			}
			var out adminAuditJSON
			if want == http.StatusOK {
				if err := json.Unmarshal(res.Body, &out); err != nil {
					t.Fatal(err)
				}
			}
			return out
		}
		find := func(a adminAuditJSON, action, target string) bool {
			for _, e := range a.Events {
				if e.Action == action && e.Target.ID == target && e.Actor.ID == fx.AdminA.ID && e.Actor.Name == fx.AdminA.Name && e.MunicipalityID == fx.A.ID {
					return true
				}
			}
			return false
		}
		own := read(admin, "?municipality_id="+fx.A.ID, http.StatusOK)
		if !find(own, "unit.create", unit.ID) || !find(own, "role.grant", fx.EmployeeA2.ID) {
			t.Errorf("the municipality's audit lacks the unit or the role: %+v", own.Events)
		}
		for _, e := range own.Events {
			if e.MunicipalityID != fx.A.ID {
				t.Errorf("another municipality's record in A's audit: %+v", e)
			}
		}
		if all := read(h.Login(fx.SysAdmin), "", http.StatusOK); !find(all, "unit.create", unit.ID) {
			t.Errorf("the system administrator does not see the unit: %+v", all.Events)
		}
		if later := read(admin, "?municipality_id="+fx.A.ID+"&from=2030-01-01", http.StatusOK); len(later.Events) != 0 {
			t.Errorf("records after 2030: %+v", later.Events)
		}
		if res := h.Do("GET", "/api/v1/admin/audit?from=idag", admin, nil); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad date = %d %s", res.Status, res.Body)
		}
		read(h.Login(fx.AdminB), "?municipality_id="+fx.A.ID, http.StatusForbidden)
		read(h.Login(fx.LeaderA), "?municipality_id="+fx.A.ID, http.StatusForbidden)
		read(h.Login(fx.EmployeeA), "", http.StatusForbidden)
		read("", "", http.StatusUnauthorized)

		// The page shows the same, in the reader's words.
		page := h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/endringer", admin, nil)
		if page.Status != http.StatusOK {
			t.Fatalf("audit page = %d", page.Status)
		}
		doc := page.Doc(t)
		rows := doc.Find("tbody tr")
		var created, granted bool
		for i := range rows.Length() {
			text := strings.Join(strings.Fields(rows.Eq(i).Text()), " ")
			created = created || (strings.Contains(text, "Opprettet en enhet") && strings.Contains(text, fx.AdminA.Name))
			granted = granted || (strings.Contains(text, "Ga en rolle") && strings.Contains(text, fx.AdminA.Name))
		}
		if !created || !granted {
			t.Errorf("the audit page lacks the unit or the role:\n%s", rows.Text())
		}
		if res := h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/endringer", h.Login(fx.AdminB), nil); res.Status != http.StatusNotFound {
			t.Errorf("another municipality's administrator sees the page: %d", res.Status)
		}
		if res := h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/endringer", h.Login(fx.EmployeeA), nil); res.Status != http.StatusNotFound {
			t.Errorf("an employee sees the page: %d", res.Status)
		}
	})
}
