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

// jsonObject is the JSON object at path in v (see jsonPath), failing the test when
// there is none there. Tests that send a body the typed webtest.GuideDraft cannot
// hold (an unknown field) change the draft through it.
func jsonObject(t testing.TB, v any, path ...any) map[string]any {
	t.Helper()
	m, ok := jsonPath(v, path...).(map[string]any)
	if !ok {
		t.Fatalf("no JSON object at %v", path)
	}
	return m
}

// guideStepAt is step i of level l of levels, failing the test when there is none.
func guideStepAt(t testing.TB, levels []webtest.GuideLevel, l, i int) *webtest.GuideStep {
	t.Helper()
	if l >= len(levels) || i >= len(levels[l].Steps) {
		t.Fatalf("no step %d at level index %d in %+v", i, l, levels)
	}
	return &levels[l].Steps[i]
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
		expect := func(res *webtest.Response, status int) *webtest.Response {
			t.Helper()
			if res.Status != status {
				t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
			}
			return res
		}
		published := func() webtest.Guide {
			t.Helper()
			return webtest.Decode[webtest.Guide](t, expect(h.Do("GET", a, "", nil), 200))
		}
		pub := published()
		if pub.Version != 1 || len(pub.Levels) != 4 || pub.Levels[0].Title != "Nivå 0 – Undring" {
			t.Fatalf("new municipality's guide = %+v", pub)
		}
		d := guideDraft(t, h, fx.A.ID, admin)
		if d.Changed || d.BasedOn != 1 {
			t.Errorf("draft before editing = changed %v based on %v", d.Changed, d.BasedOn)
		}
		// Shorten the decision deadline, add a step and remove one; send back what GET gave.
		ten, five := 10, 5
		guideStepAt(t, d.Levels, 0, 4).DeadlineDays = &ten
		d.Levels[1].Steps = append(d.Levels[1].Steps, webtest.GuideStep{Title: "Ring foreldrene", What: "Spør hvordan det går hjemme.",
			Who: "stafettholder", DeadlineDays: &five, Tools: []webtest.GuideTool{{Title: "Samtaleguide", URL: "https://skien.kommune.no/samtale.pdf"}}})
		guideStepAt(t, d.Levels, 3, 2)
		d.Levels[3].Steps = d.Levels[3].Steps[:3]
		res := expect(h.Do("PUT", a+"/draft", admin, d), 200)
		saved := webtest.Decode[webtest.GuideDraft](t, res)
		newID := guideStepAt(t, saved.Levels, 1, 4).ID
		if !saved.Changed || newID == "" {
			t.Fatalf("saved draft = %s", res.Body)
		}
		if p := published(); p.Version != 1 || strings.Contains(string(h.Do("GET", a, "", nil).Body), "Ring foreldrene") {
			t.Error("the public guide shows the draft before it is published")
		}
		res = expect(h.Do("GET", a+"/diff?from=1&to=draft", admin, nil), 200)
		if diff := webtest.Decode[webtest.GuideDiff](t, res); string(diff.To) != `"draft"` || len(diff.Levels) != 3 {
			t.Errorf("diff to draft = %s", res.Body)
		}
		res = expect(h.Do("POST", a+"/publish", admin, nil), 201)
		if created := webtest.Decode[webtest.Guide](t, res); created.Version != 2 {
			t.Fatalf("publish = %s", res.Body)
		}
		expect(h.Do("POST", a+"/publish", admin, nil), 409)
		pub = published()
		if s := guideStepAt(t, pub.Levels, 1, 4); pub.Version != 2 || s.Title != "Ring foreldrene" ||
			s.DeadlineDays == nil || *s.DeadlineDays != 5 ||
			len(s.Tools) == 0 || s.Tools[0].URL != "https://skien.kommune.no/samtale.pdf" {
			t.Errorf("published guide = %+v", pub.Levels[1])
		}
		res = expect(h.Do("GET", a+"/versions", admin, nil), 200)
		if vs := webtest.Decode[webtest.GuideVersions](t, res).Versions; len(vs) != 2 || vs[0].Version != 2 || vs[0].PublishedBy == nil ||
			vs[0].PublishedBy.Name != fx.AdminA.Name || vs[1].PublishedBy != nil || vs[1].Source != "national" {
			t.Errorf("versions = %s", res.Body)
		}
		old := webtest.Decode[webtest.Guide](t, expect(h.Do("GET", a+"/versions/1", admin, nil), 200))
		if len(old.Levels) != 4 || len(old.Levels[3].Steps) != 4 {
			t.Error("version 1 changed by publishing version 2")
		}
		expect(h.Do("GET", a+"/versions/3", admin, nil), 404)
		expect(h.Do("GET", a+"/versions/x", admin, nil), 404)

		// As a map, so that every field of the difference, and only those, is compared.
		diff := expect(h.Do("GET", a+"/diff?from=1&to=2", admin, nil), 200).JSON(t)
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
		d = guideDraft(t, h, fx.A.ID, admin)
		guideStepAt(t, d.Levels, 1, 0).Title = ""
		d.Levels = append(d.Levels[:2], d.Levels[3])
		expect(h.Do("PUT", a+"/draft", admin, d), 200)
		res = h.Do("POST", a+"/publish", admin, nil)
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["levels[2]"] != "missing" || fields["levels[1].steps[0].title"] != "required" {
			t.Errorf("publish incomplete = %d %s", res.Status, res.Body)
		}
		expect(h.Do("DELETE", a+"/draft", admin, nil), 204)
		if d := guideDraft(t, h, fx.A.ID, admin); d.Changed || len(d.Levels) != 4 {
			t.Errorf("draft after discard = changed %v, %d levels", d.Changed, len(d.Levels))
		}
	})
}

// TestGuideAPIFork forks the national template and, within a network, a neighbour's
// guide; outside a network the fork is refused.
func TestGuideAPIFork(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		expect := func(res *webtest.Response, status int) *webtest.Response {
			t.Helper()
			if res.Status != status {
				t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
			}
			return res
		}
		// levelTitle is the title of the level at index 2 of levels, "" when there is none.
		levelTitle := func(levels []webtest.GuideLevel) string {
			if len(levels) < 3 {
				return ""
			}
			return levels[2].Title
		}
		// B adapts its guide.
		bAPI := guideAPI(fx.B.ID)
		d := guideDraft(t, h, fx.B.ID, tok[adminB])
		if len(d.Levels) < 3 {
			t.Fatalf("B's draft = %+v", d)
		}
		d.Levels[2].Title = "Nivå 2 – Fra bekymring til handling"
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
		res := expect(h.Do("POST", "/api/v1/networks", tok[sysAdmin], map[string]any{
			"name": "Talenter for framtida", "municipality_ids": []string{fx.A.ID, fx.B.ID}}), 201)
		net := webtest.Decode[webtest.Network](t, res)
		if net.ID == "" || len(net.MunicipalityIDs) != 2 {
			t.Fatalf("network = %s", res.Body)
		}
		t.Run("WithinNetwork", func(t *testing.T) {
			res := expect(h.Do("POST", a+"/fork", tok[adminA], fromB), 200)
			if d := webtest.Decode[webtest.GuideDraft](t, res); !d.Changed || d.Source != "municipality:"+fx.B.ID || levelTitle(d.Levels) != "Nivå 2 – Fra bekymring til handling" {
				t.Errorf("forked draft = %s", res.Body)
			}
			expect(h.Do("POST", a+"/publish", tok[adminA], nil), 201)
			if pub := webtest.Decode[webtest.Guide](t, expect(h.Do("GET", a, "", nil), 200)); levelTitle(pub.Levels) != "Nivå 2 – Fra bekymring til handling" {
				t.Errorf("published fork = %q", levelTitle(pub.Levels))
			}
		})
		t.Run("National", func(t *testing.T) {
			res := expect(h.Do("POST", a+"/fork", tok[adminA], map[string]any{"template": "national"}), 200)
			if d := webtest.Decode[webtest.GuideDraft](t, res); d.Source != "national" || levelTitle(d.Levels) != "Nivå 2 – Samarbeid med én eller to tjenester til" {
				t.Errorf("national fork = %s", res.Body)
			}
		})
		t.Run("NetworkMembersChange", func(t *testing.T) {
			expect(h.Do("PUT", "/api/v1/networks/"+net.ID, tok[sysAdmin], map[string]any{
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
		good := guideDraft(t, h, fx.A.ID, tok[adminA])
		// The draft as a map, since some bodies carry a field no guide has.
		withStep := func(change func(step map[string]any)) map[string]any {
			d := h.Do("GET", a+"/draft", tok[adminA], nil).JSON(t)
			change(jsonObject(t, d, "levels", 1, "steps", 0))
			return d
		}
		manySteps := guideDraft(t, h, fx.A.ID, tok[adminA])
		var steps []webtest.GuideStep
		for range 31 {
			steps = append(steps, webtest.GuideStep{Title: "t", What: "w", Who: "x"})
		}
		if len(manySteps.Levels) < 3 {
			t.Fatalf("draft = %+v", manySteps)
		}
		manySteps.Levels[2].Steps = steps
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
		if res := h.Do("GET", "/api/v1/networks", tok[sysAdmin], nil); res.Status != http.StatusOK || len(webtest.Decode[webtest.Networks](t, res).Networks) != 0 {
			t.Errorf("bad input created a network: %s", res.Body)
		}
		// The good draft still saves after all that.
		if res := h.Do("PUT", a+"/draft", tok[adminA], good); res.Status != 200 {
			t.Errorf("good draft = %d %s", res.Status, res.Body)
		}
	})
}
