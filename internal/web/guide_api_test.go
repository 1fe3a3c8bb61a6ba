package web_test

import (
	"context"
	"net/http"
	"stafett/internal/web/webtest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// guideAPI is a municipality's guide routes.
func guideAPI(mid string) string { return "/api/v1/municipalities/" + mid + "/guide" }

// guideDraft reads municipality mid's guide draft as tok, strictly, so that it can
// be changed and sent back whole.
func guideDraft(t testing.TB, h *webtest.Harness, mid, tok string) webtest.GuideDraft {
	t.Helper()
	res := h.Do("GET", guideAPI(mid)+"/draft", tok, nil)
	if res.Status != http.StatusOK {
		t.Fatalf("GET draft = %d %s", res.Status, res.Body)
	}
	return webtest.DecodeStrict[webtest.GuideDraft](t, res)
}

// jsonPath digs into a decoded JSON value: map keys and slice indexes.
func jsonPath(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

// guideState is what the guide routes can change: the number of published versions,
// whether a draft is saved, and the length of the audit chain.
func guideState(h *webtest.Harness, mid string) [3]int64 {
	h.T.Helper()
	ctx := context.Background()
	vs, err := h.DB.ListGuideVersions(ctx, mid)
	if err != nil {
		h.T.Fatal(err)
	}
	d, err := h.DB.GetGuideDraft(ctx, mid)
	if err != nil {
		h.T.Fatal(err)
	}
	n, err := h.DB.VerifyAudit(ctx)
	if err != nil {
		h.T.Fatal(err)
	}
	var changed int64
	if d.Changed {
		changed = 1
	}
	return [3]int64{int64(len(vs)), changed, n}
}

// TestGuideAPIAccess sends every guide and network route as every kind of person.
// Only the administrators of municipality A may touch A's guide; system administrators
// set up networks but do not write guides; anonymous callers get 401, except for the
// published guide, which is public. Refused calls change nothing and leave no audit.
func TestGuideAPIAccess(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok, fx := tokens(h), h.Fx
		a := guideAPI(fx.A.ID)
		draft := func() any {
			res := h.Do("GET", a+"/draft", tok[adminA], nil)
			if res.Status != 200 {
				t.Fatalf("admin reads draft: %d %s", res.Status, res.Body)
			}
			return res.JSON(t)
		}()
		network := map[string]any{"name": "Grenland", "municipality_ids": []string{fx.A.ID, fx.B.ID}}
		routes := []struct {
			name, method, path string
			Body               any
			ok                 int // the status for A's administrator (and the system administrator for networks)
		}{
			{"PublicGuide", "GET", a, nil, 200},
			{"DraftShow", "GET", a + "/draft", nil, 200},
			{"DraftSave", "PUT", a + "/draft", draft, 200},
			{"Versions", "GET", a + "/versions", nil, 200},
			{"Version", "GET", a + "/versions/1", nil, 200},
			{"Diff", "GET", a + "/diff?from=1&to=draft", nil, 200},
			{"Publish", "POST", a + "/publish", nil, 201},
			{"Fork", "POST", a + "/fork", map[string]any{"template": "national"}, 200},
			{"DraftDiscard", "DELETE", a + "/draft", nil, 204},
			{"NetworkCreate", "POST", "/api/v1/networks", network, 201},
			{"NetworkList", "GET", "/api/v1/networks", nil, 200},
		}
		before := guideState(h, fx.A.ID)
		for _, rt := range routes {
			isNetwork := strings.HasPrefix(rt.path, "/api/v1/networks")
			for _, who := range []actorKey{anon, sysAdmin, adminB, leaderA, employeeA, employeeB, plain} {
				want := http.StatusForbidden
				switch {
				case rt.name == "PublicGuide" || rt.name == "NetworkList" && who != anon:
					continue // open to them; checked below
				case who == anon:
					want = http.StatusUnauthorized
				case isNetwork && who == sysAdmin:
					continue // the system administrator's own route
				}
				t.Run(rt.name+"/"+string(who), func(t *testing.T) {
					res := h.Do(rt.method, rt.path, tok[who], rt.Body)
					if res.Status != want {
						t.Errorf("%s %s as %s = %d, want %d: %s", rt.method, rt.path, who, res.Status, want, res.Body)
					}
				})
			}
		}
		if after := guideState(h, fx.A.ID); after != before {
			t.Fatalf("refused calls changed the guide or the audit: %v → %v", before, after)
		}
		// The allowed side, in an order where each call makes sense.
		for _, rt := range routes {
			t.Run(rt.name+"/allowed", func(t *testing.T) {
				who := adminA
				if strings.HasPrefix(rt.path, "/api/v1/networks") {
					who = sysAdmin
				}
				if rt.name == "PublicGuide" {
					who = anon
				}
				res := h.Do(rt.method, rt.path, tok[who], rt.Body)
				if res.Status != rt.ok {
					t.Errorf("%s %s as %s = %d, want %d: %s", rt.method, rt.path, who, res.Status, rt.ok, res.Body)
				}
			})
		}
		t.Run("NetworkListForStaff", func(t *testing.T) {
			res := h.Do("GET", "/api/v1/networks", tok[employeeB], nil)
			if res.Status != 200 || jsonPath(res.JSON(t), "networks", 0, "name") != "Grenland" {
				t.Errorf("networks for an employee = %d %s", res.Status, res.Body)
			}
		})
		t.Run("OtherMunicipality", func(t *testing.T) {
			res := h.Do("GET", guideAPI(fx.B.ID)+"/draft", tok[adminA], nil)
			if res.Status != http.StatusForbidden {
				t.Errorf("A's admin reads B's draft = %d", res.Status)
			}
			res = h.Do("GET", guideAPI(unknownID(t))+"/draft", tok[adminA], nil)
			if res.Status != http.StatusNotFound {
				t.Errorf("unknown municipality = %d", res.Status)
			}
			res = h.Do("GET", guideAPI(unknownID(t)), "", nil)
			if res.Status != http.StatusNotFound {
				t.Errorf("public guide of unknown municipality = %d", res.Status)
			}
		})
	})
}

// TestGuideAPIPublishFlow edits the draft, publishes it, and reads the versions and
// the difference between them.
func TestGuideAPIPublishFlow(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, admin := h.Fx, h.Login(h.Fx.AdminA)
		a := guideAPI(fx.A.ID)
		expect := func(res *webtest.Response, status int) map[string]any {
			t.Helper()
			if res.Status != status {
				t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
			}
			if len(res.Body) == 0 {
				return nil
			}
			return res.JSON(t)
		}
		pub := expect(h.Do("GET", a, "", nil), 200)
		if pub["version"] != float64(1) || len(pub["levels"].([]any)) != 4 || jsonPath(pub, "levels", 0, "title") != "Nivå 0 – Undring" {
			t.Fatalf("new municipality's guide = %v", pub)
		}
		d := expect(h.Do("GET", a+"/draft", admin, nil), 200)
		if d["changed"] != false || d["based_on"] != float64(1) {
			t.Errorf("draft before editing = changed %v based on %v", d["changed"], d["based_on"])
		}
		// Shorten the decision deadline, add a step and remove one; send back what GET gave.
		levels := d["levels"].([]any)
		jsonPath(levels, 0, "steps", 4).(map[string]any)["deadline_days"] = 10
		l1 := levels[1].(map[string]any)
		l1["steps"] = append(l1["steps"].([]any), map[string]any{"title": "Ring foreldrene", "what": "Spør hvordan det går hjemme.",
			"who": "stafettholder", "deadline_days": 5, "tools": []any{map[string]any{"title": "Samtaleguide", "url": "https://skien.kommune.no/samtale.pdf"}}})
		l3 := levels[3].(map[string]any)
		l3["steps"] = l3["steps"].([]any)[:3]
		saved := expect(h.Do("PUT", a+"/draft", admin, d), 200)
		newID, _ := jsonPath(saved, "levels", 1, "steps", 4, "id").(string)
		if saved["changed"] != true || newID == "" {
			t.Fatalf("saved draft = %v", saved)
		}
		if p := expect(h.Do("GET", a, "", nil), 200); p["version"] != float64(1) || strings.Contains(string(h.Do("GET", a, "", nil).Body), "Ring foreldrene") {
			t.Error("the public guide shows the draft before it is published")
		}
		diff := expect(h.Do("GET", a+"/diff?from=1&to=draft", admin, nil), 200)
		if diff["to"] != "draft" || len(diff["levels"].([]any)) != 3 {
			t.Errorf("diff to draft = %v", diff)
		}
		created := expect(h.Do("POST", a+"/publish", admin, nil), 201)
		if created["version"] != float64(2) {
			t.Fatalf("publish = %v", created)
		}
		expect(h.Do("POST", a+"/publish", admin, nil), 409)
		pub = expect(h.Do("GET", a, "", nil), 200)
		if pub["version"] != float64(2) || jsonPath(pub, "levels", 1, "steps", 4, "title") != "Ring foreldrene" ||
			jsonPath(pub, "levels", 1, "steps", 4, "deadline_days") != float64(5) ||
			jsonPath(pub, "levels", 1, "steps", 4, "tools", 0, "url") != "https://skien.kommune.no/samtale.pdf" {
			t.Errorf("published guide = %v", jsonPath(pub, "levels", 1))
		}
		vs := expect(h.Do("GET", a+"/versions", admin, nil), 200)["versions"].([]any)
		if len(vs) != 2 || jsonPath(vs, 0, "version") != float64(2) || jsonPath(vs, 0, "published_by", "name") != fx.AdminA.Name ||
			jsonPath(vs, 1, "published_by") != nil || jsonPath(vs, 1, "source") != "national" {
			t.Errorf("versions = %v", vs)
		}
		old := expect(h.Do("GET", a+"/versions/1", admin, nil), 200)
		if len(jsonPath(old, "levels", 3, "steps").([]any)) != 4 {
			t.Error("version 1 changed by publishing version 2")
		}
		expect(h.Do("GET", a+"/versions/3", admin, nil), 404)
		expect(h.Do("GET", a+"/versions/x", admin, nil), 404)

		diff = expect(h.Do("GET", a+"/diff?from=1&to=2", admin, nil), 200)
		want := map[string]any{"from": float64(1), "to": float64(2), "levels": []any{
			map[string]any{"level": float64(0), "changes": []any{}, "added": []any{}, "removed": []any{}, "changed": []any{
				map[string]any{"id": "undring-beslutning", "title": "Bestem hva som skal skje videre", "changes": []any{
					map[string]any{"field": "deadline_days", "from": "14", "to": "10"}}}}},
			map[string]any{"level": float64(1), "changes": []any{}, "removed": []any{}, "changed": []any{},
				"added": []any{map[string]any{"id": newID, "title": "Ring foreldrene"}}},
			map[string]any{"level": float64(3), "changes": []any{}, "added": []any{}, "changed": []any{},
				"removed": []any{map[string]any{"id": "niva3-evaluer", "title": "Evaluer jevnlig i ansvarsgruppen"}}},
		}}
		if d := cmp.Diff(want, diff); d != "" {
			t.Errorf("diff 1→2 (-want +got):\n%s", d)
		}
		for _, q := range []string{"from=0&to=2", "from=1", "from=a&to=b"} {
			res := h.Do("GET", a+"/diff?"+q, admin, nil)
			if code, _ := res.ErrorCode(t); res.Status != 422 || code != "invalid" {
				t.Errorf("diff?%s = %d %s", q, res.Status, res.Body)
			}
		}
		expect(h.Do("GET", a+"/diff?from=1&to=9", admin, nil), 404)

		// An incomplete draft may be saved, but not published.
		d = expect(h.Do("GET", a+"/draft", admin, nil), 200)
		levels = d["levels"].([]any)
		jsonPath(levels, 1, "steps", 0).(map[string]any)["title"] = ""
		d["levels"] = append(levels[:2], levels[3])
		expect(h.Do("PUT", a+"/draft", admin, d), 200)
		res := h.Do("POST", a+"/publish", admin, nil)
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["levels[2]"] != "missing" || fields["levels[1].steps[0].title"] != "required" {
			t.Errorf("publish incomplete = %d %s", res.Status, res.Body)
		}
		expect(h.Do("DELETE", a+"/draft", admin, nil), 204)
		if d := expect(h.Do("GET", a+"/draft", admin, nil), 200); d["changed"] != false || len(d["levels"].([]any)) != 4 {
			t.Errorf("draft after discard = %v", d["changed"])
		}
	})
}

// TestGuideAPIFork forks the national template and, within a network, a neighbour's
// guide; outside a network the fork is refused.
func TestGuideAPIFork(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		expect := func(res *webtest.Response, status int) map[string]any {
			t.Helper()
			if res.Status != status {
				t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
			}
			return res.JSON(t)
		}
		// B adapts its guide.
		bAPI := guideAPI(fx.B.ID)
		d := expect(h.Do("GET", bAPI+"/draft", tok[adminB], nil), 200)
		jsonPath(d, "levels", 2).(map[string]any)["title"] = "Nivå 2 – Fra bekymring til handling"
		expect(h.Do("PUT", bAPI+"/draft", tok[adminB], d), 200)
		expect(h.Do("POST", bAPI+"/publish", tok[adminB], nil), 201)

		a := guideAPI(fx.A.ID)
		fromB := map[string]any{"from_municipality_id": fx.B.ID}
		t.Run("OutsideNetworkForbidden", func(t *testing.T) {
			before := guideState(h, fx.A.ID)
			res := h.Do("POST", a+"/fork", tok[adminA], fromB)
			if code, _ := res.ErrorCode(t); res.Status != http.StatusForbidden || code != "forbidden" {
				t.Errorf("fork outside network = %d %s", res.Status, res.Body)
			}
			if after := guideState(h, fx.A.ID); after != before {
				t.Errorf("refused fork changed state: %v → %v", before, after)
			}
		})
		net := expect(h.Do("POST", "/api/v1/networks", tok[sysAdmin], map[string]any{
			"name": "Talenter for framtida", "municipality_ids": []string{fx.A.ID, fx.B.ID}}), 201)
		if net["id"] == "" || len(net["municipality_ids"].([]any)) != 2 {
			t.Fatalf("network = %v", net)
		}
		t.Run("WithinNetwork", func(t *testing.T) {
			d := expect(h.Do("POST", a+"/fork", tok[adminA], fromB), 200)
			if d["changed"] != true || d["source"] != "municipality:"+fx.B.ID || jsonPath(d, "levels", 2, "title") != "Nivå 2 – Fra bekymring til handling" {
				t.Errorf("forked draft = %v", d)
			}
			expect(h.Do("POST", a+"/publish", tok[adminA], nil), 201)
			if pub := expect(h.Do("GET", a, "", nil), 200); jsonPath(pub, "levels", 2, "title") != "Nivå 2 – Fra bekymring til handling" {
				t.Errorf("published fork = %v", jsonPath(pub, "levels", 2, "title"))
			}
		})
		t.Run("National", func(t *testing.T) {
			d := expect(h.Do("POST", a+"/fork", tok[adminA], map[string]any{"template": "national"}), 200)
			if d["source"] != "national" || jsonPath(d, "levels", 2, "title") != "Nivå 2 – Samarbeid med én eller to tjenester til" {
				t.Errorf("national fork = %v", d)
			}
		})
		t.Run("NetworkMembersChange", func(t *testing.T) {
			expect(h.Do("PUT", "/api/v1/networks/"+net["id"].(string), tok[sysAdmin], map[string]any{
				"name": "Talenter for framtida", "municipality_ids": []string{fx.B.ID, fx.A.ID}}), 200)
			res := h.Do("PUT", "/api/v1/networks/"+unknownID(t), tok[sysAdmin], map[string]any{"name": "x", "municipality_ids": []string{fx.A.ID, fx.B.ID}})
			if res.Status != 404 {
				t.Errorf("update unknown network = %d", res.Status)
			}
		})
		for name, c := range map[string]struct {
			Body          map[string]any
			field, code   string
			Status        int
			errorCodeWant string
		}{
			"UnknownMunicipality": {map[string]any{"from_municipality_id": unknownID(t)}, "from_municipality_id", "not_found", 422, "invalid"},
			"Itself":              {map[string]any{"from_municipality_id": fx.A.ID}, "from_municipality_id", "invalid", 422, "invalid"},
			"Neither":             {map[string]any{}, "from_municipality_id", "required", 422, "invalid"},
			"Both":                {map[string]any{"from_municipality_id": fx.B.ID, "template": "national"}, "template", "not_allowed", 422, "invalid"},
			"UnknownTemplate":     {map[string]any{"template": "svensk"}, "template", "invalid", 422, "invalid"},
		} {
			t.Run(name, func(t *testing.T) {
				res := h.Do("POST", a+"/fork", tok[adminA], c.Body)
				code, fields := res.ErrorCode(t)
				if res.Status != c.Status || code != c.errorCodeWant || fields[c.field] != c.code {
					t.Errorf("= %d %s, want %d %s: %s", res.Status, res.Body, c.Status, c.field, c.code)
				}
			})
		}
		t.Run("NetworkValidation", func(t *testing.T) {
			res := h.Do("POST", "/api/v1/networks", tok[sysAdmin], map[string]any{"name": "", "municipality_ids": []string{fx.A.ID}})
			if _, fields := res.ErrorCode(t); res.Status != 422 || fields["name"] != "required" || fields["municipality_ids"] != "too_short" {
				t.Errorf("invalid network = %d %s", res.Status, res.Body)
			}
			res = h.Do("POST", "/api/v1/networks", tok[sysAdmin], map[string]any{"name": "Talenter for framtida", "municipality_ids": []string{fx.A.ID, fx.B.ID}})
			if _, fields := res.ErrorCode(t); res.Status != 422 || fields["name"] != "taken" {
				t.Errorf("duplicate network = %d %s", res.Status, res.Body)
			}
		})
	})
}

// TestGuideBadInput sends malformed, mistyped, invalid and oversized bodies to the
// guide and network routes: each gets its 4xx, and nothing is written.
func TestGuideBadInput(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok, fx := tokens(h), h.Fx
		a := guideAPI(fx.A.ID)
		good := h.Do("GET", a+"/draft", tok[adminA], nil).JSON(t)
		withStep := func(change func(step map[string]any)) map[string]any {
			d := h.Do("GET", a+"/draft", tok[adminA], nil).JSON(t)
			change(jsonPath(d, "levels", 1, "steps", 0).(map[string]any))
			return d
		}
		manySteps := h.Do("GET", a+"/draft", tok[adminA], nil).JSON(t)
		var steps []any
		for range 31 {
			steps = append(steps, map[string]any{"title": "t", "what": "w", "who": "x"})
		}
		jsonPath(manySteps, "levels", 2).(map[string]any)["steps"] = steps
		huge := `{"levels":[{"level":0,"title":"` + strings.Repeat("x", 2<<20) + `"}]}`
		cases := []struct {
			name, method, path, actor string
			Body                      any
			Status                    int
			code                      string
			fields                    map[string]any
		}{
			{"Malformed", "PUT", a + "/draft", "", `{"levels":[`, 400, "invalid", nil},
			{"Empty", "PUT", a + "/draft", "", ``, 400, "invalid", nil},
			{"NotAnObject", "PUT", a + "/draft", "", `[1]`, 400, "invalid", nil},
			{"WrongType", "PUT", a + "/draft", "", `{"levels":"alle"}`, 422, "invalid", map[string]any{"levels": "type"}},
			{"UnknownField", "PUT", a + "/draft", "", `{"levels":[],"surprise":1}`, 422, "invalid", map[string]any{"surprise": "unknown_field"}},
			{"UnknownStepField", "PUT", a + "/draft", "", withStep(func(s map[string]any) { s["owner"] = "x" }), 422, "invalid", nil},
			{"NegativeDeadline", "PUT", a + "/draft", "", withStep(func(s map[string]any) { s["deadline_days"] = -1 }), 422, "invalid",
				map[string]any{"levels[1].steps[0].deadline_days": "range"}},
			{"ControlCharacter", "PUT", a + "/draft", "", withStep(func(s map[string]any) { s["what"] = "a\u0007b" }), 422, "invalid",
				map[string]any{"levels[1].steps[0].what": "invalid"}},
			{"ScriptToolURL", "PUT", a + "/draft", "", withStep(func(s map[string]any) {
				s["tools"] = []any{map[string]any{"title": "x", "url": "javascript:alert(1)"}}
			}), 422, "invalid", map[string]any{"levels[1].steps[0].tools[0].url": "format"}},
			{"DuplicateStepID", "PUT", a + "/draft", "", withStep(func(s map[string]any) { s["id"] = "undring-haster" }), 422, "invalid",
				map[string]any{"levels[1].steps[0].id": "taken"}},
			{"TooManySteps", "PUT", a + "/draft", "", manySteps, 422, "invalid", map[string]any{"levels[2].steps": "too_long"}},
			{"Oversized", "PUT", a + "/draft", "", huge, 413, "too_large", nil},
			{"ForkMalformed", "POST", a + "/fork", "", `{"template":`, 400, "invalid", nil},
			{"ForkWrongType", "POST", a + "/fork", "", `{"template":1}`, 422, "invalid", map[string]any{"template": "type"}},
			{"NetworkMalformed", "POST", "/api/v1/networks", "sys", `{"name":`, 400, "invalid", nil},
			{"NetworkWrongType", "POST", "/api/v1/networks", "sys", `{"name":"x","municipality_ids":"alle"}`, 422, "invalid", map[string]any{"municipality_ids": "type"}},
			{"NetworkOversized", "POST", "/api/v1/networks", "sys", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "too_large", nil},
		}
		before := guideState(h, fx.A.ID)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				who := tok[adminA]
				if c.actor == "sys" {
					who = tok[sysAdmin]
				}
				res := h.Do(c.method, c.path, who, c.Body)
				code, fields := res.ErrorCode(t)
				if res.Status != c.Status || code != c.code {
					t.Fatalf("= %d %s, want %d %s", res.Status, res.Body, c.Status, c.code)
				}
				for k, v := range c.fields {
					if fields[k] != v {
						t.Errorf("fields = %v, want %s: %v", fields, k, v)
					}
				}
			})
		}
		if after := guideState(h, fx.A.ID); after != before {
			t.Errorf("bad input changed the guide or the audit: %v → %v", before, after)
		}
		if res := h.Do("GET", "/api/v1/networks", tok[sysAdmin], nil); len(res.JSON(t)["networks"].([]any)) != 0 {
			t.Errorf("bad input created a network: %s", res.Body)
		}
		// The good draft still saves after all that.
		if res := h.Do("PUT", a+"/draft", tok[adminA], good); res.Status != 200 {
			t.Errorf("good draft = %d %s", res.Status, res.Body)
		}
	})
}
