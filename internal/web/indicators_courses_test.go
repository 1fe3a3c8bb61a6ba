package web_test

import (
	"net/http"
	"testing"

	"stafett/internal/web/webtest"
)

// TestCourseIndicators: training_coverage_share is the course page's number (2 of
// Skien's 3 staff completed the BTI course), course_fte the årsverk of Skien's
// courses in the period (7 hours × 2 ÷ 1,700 = 0.008); in the network Porsgrunn's
// administrator sees Skien's share of 3 staff suppressed, the årsverk as they are.
func TestCourseIndicators(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		adm := h.Login(fx.AdminA)
		must := func(res *webtest.Response, status int, what string) *webtest.Response {
			t.Helper()
			if res.Status != status {
				t.Fatalf("%s: %d %s", what, res.Status, res.Body)
			}
			return res
		}
		cid := webtest.IDOf(t, must(h.Do("POST", "/api/v1/courses", adm, map[string]any{"title": "BTI for alle", "kind": "faglig_pafyll", "municipality_id": fx.A.ID, "bti": true}), 201, "course"))
		sid := webtest.IDOf(t, must(h.Do("POST", "/api/v1/courses/"+cid+"/sessions", adm, map[string]any{"date": "2026-06-01", "hours": 7}), 201, "session"))
		staff := []string{fx.EmployeeA.ID, fx.EmployeeA2.ID}
		must(h.Do("POST", "/api/v1/courses/"+cid+"/participants", adm, map[string]any{"user_ids": staff}), 201, "participants")
		must(h.Do("POST", "/api/v1/courses/"+cid+"/sessions/"+sid+"/attendance", adm, map[string]any{"user_ids": staff}), 200, "attendance")

		own := webtest.Decode[webtest.MunicipalityIndicators](t, must(h.Do("GET", "/api/v1/municipalities/"+fx.A.ID+"/indicators"+indicatorPeriod, adm, nil), 200, "indicators"))
		cov := own.Indicators["training_coverage_share"]
		if cov.Value == nil || cov.Numerator == nil || cov.Denominator == nil || *cov.Numerator != 2 || *cov.Denominator != 3 {
			t.Errorf("training coverage = %+v, want 2 of 3", cov)
		}
		page := webtest.Decode[struct {
			Trained int `json:"trained"`
			Staff   int `json:"staff"`
		}](t, must(h.Do("GET", "/api/v1/municipalities/"+fx.A.ID+"/training-coverage", adm, nil), 200, "coverage"))
		if cov.Numerator != nil && cov.Denominator != nil && (page.Trained != *cov.Numerator || page.Staff != *cov.Denominator) {
			t.Errorf("the course page counts %d of %d, the indicator %d of %d", page.Trained, page.Staff, *cov.Numerator, *cov.Denominator)
		}
		if fte := own.Indicators["course_fte"]; fte.Value == nil || *fte.Value != 0.008 || fte.Suppressed {
			t.Errorf("course_fte = %+v, want 0.008", fte)
		}
		// Outside the period, no course time.
		later := webtest.Decode[webtest.MunicipalityIndicators](t, must(h.Do("GET", "/api/v1/municipalities/"+fx.A.ID+"/indicators?from=2026-07-01&to=2026-11-23", adm, nil), 200, "later"))
		if fte := later.Indicators["course_fte"]; fte.Value == nil || *fte.Value != 0 {
			t.Errorf("course_fte after the session = %+v, want 0", fte)
		}

		nid := webtest.IDOf(t, must(h.Do("POST", "/api/v1/networks", h.Login(fx.SysAdmin), map[string]any{"name": "Grenland", "municipality_ids": []string{fx.A.ID, fx.B.ID}}), 201, "network"))
		net := webtest.Decode[webtest.NetworkIndicators](t, must(h.Do("GET", "/api/v1/networks/"+nid+"/indicators"+indicatorPeriod, h.Login(fx.AdminB), nil), http.StatusOK, "network indicators"))
		for _, m := range net.Municipalities {
			cov, fte := m.Indicators["training_coverage_share"], m.Indicators["course_fte"]
			switch m.ID {
			case fx.A.ID:
				if !cov.Suppressed || cov.Value != nil || cov.Numerator != nil {
					t.Errorf("Skien's coverage of 3 staff seen from Porsgrunn = %+v", cov)
				}
				if fte.Value == nil || *fte.Value != 0.008 {
					t.Errorf("Skien's årsverk seen from Porsgrunn = %+v", fte)
				}
			case fx.B.ID:
				if fte.Value == nil || *fte.Value != 0 {
					t.Errorf("Porsgrunn's own årsverk = %+v, want 0", fte)
				}
			}
		}
		if fte := net.Total["course_fte"]; fte.Value == nil || *fte.Value != 0.008 {
			t.Errorf("the network's årsverk = %+v", fte)
		}
	})
}
