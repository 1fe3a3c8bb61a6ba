package web_test

import (
	"context"
	"net/http"
	"sort"
	"stafett/internal/web/webtest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// catalogAPI is a municipality's service overview routes.
func catalogAPI(mid string) string { return "/api/v1/municipalities/" + mid + "/catalog" }

// serviceBody is a valid service for the API at unit unitID, with changes.
func serviceBody(unitID string, changes map[string]any) map[string]any {
	b := map[string]any{"name": "Foreldreveiledning ICDP", "description": "Åtte samlinger for foreldre.",
		"target_group": "Foreldre til barn 0–18 år", "min_age": 0, "max_age": 18, "levels": []int{1, 2}, "unit_id": unitID,
		"contact": "familiesenteret@skien.no", "how_to_access": "Ta kontakt selv.", "keywords": []string{"samspill", "foreldre"}}
	for k, v := range changes {
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
	return b
}

// catalogState is what the catalog routes can change: the number of services of A,
// retired ones included, and the length of the audit chain.
func catalogState(h *webtest.Harness) [2]int64 {
	h.T.Helper()
	ctx := context.Background()
	all, err := h.DB.ListAllServices(ctx, h.Fx.A.ID)
	if err != nil {
		h.T.Fatal(err)
	}
	n, err := h.DB.VerifyAudit(ctx)
	if err != nil {
		h.T.Fatal(err)
	}
	retired := 0
	for _, s := range all {
		if s.Retired {
			retired++
		}
	}
	return [2]int64{int64(len(all)*100 + retired), n}
}

// createService adds a service to A's overview as A's administrator and returns its ID.
func createService(h *webtest.Harness, admin string, changes map[string]any) string {
	h.T.Helper()
	res := h.Do("POST", catalogAPI(h.Fx.A.ID), admin, serviceBody(h.Fx.UnitA2.ID, changes))
	if res.Status != http.StatusCreated {
		h.T.Fatalf("create service: %d %s", res.Status, res.Body)
	}
	return webtest.IDOf(h.T, res)
}

// TestCatalogAPIAccess sends every write route of the overview as every kind of
// person: only A's administrators write A's overview; anonymous callers get 401,
// others signed in 403, and unknown municipalities and services 404. Refused calls
// change nothing and leave no audit. The list is public.
func TestCatalogAPIAccess(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok, fx := tokens(h), h.Fx
		a := catalogAPI(fx.A.ID)
		sid := createService(h, tok[adminA], nil)
		bsid := func() string {
			res := h.Do("POST", catalogAPI(fx.B.ID), tok[adminB], serviceBody(fx.UnitB.ID, nil))
			if res.Status != 201 {
				t.Fatalf("B's admin creates in B: %d %s", res.Status, res.Body)
			}
			return webtest.Decode[webtest.ID](t, res).ID
		}()
		routes := []struct {
			name, method, path string
			Body               any
			ok                 int
		}{
			{"Create", "POST", a, serviceBody(fx.UnitA.ID, map[string]any{"name": "Lesekurs"}), 201},
			{"Update", "PUT", a + "/" + sid, serviceBody(fx.UnitA.ID, map[string]any{"name": "ICDP-gruppe"}), 200},
			{"Retire", "DELETE", a + "/" + sid, nil, 204},
		}
		before := catalogState(h)
		for _, rt := range routes {
			for _, who := range []actorKey{anon, sysAdmin, adminB, leaderA, employeeA, employeeB, plain} {
				want := http.StatusForbidden
				if who == anon {
					want = http.StatusUnauthorized
				}
				t.Run(rt.name+"/"+string(who), func(t *testing.T) {
					res := h.Do(rt.method, rt.path, tok[who], rt.Body)
					code, _ := res.ErrorCode(t)
					if res.Status != want || code != map[int]string{401: "unauthenticated", 403: "forbidden"}[want] {
						t.Errorf("%s %s as %s = %d %s, want %d", rt.method, rt.path, who, res.Status, res.Body, want)
					}
				})
			}
		}
		t.Run("NotFound", func(t *testing.T) {
			unknown := unknownID(t)
			for _, c := range []struct{ method, path string }{
				{"POST", catalogAPI(unknown)},
				{"PUT", catalogAPI(unknown) + "/" + sid},
				{"DELETE", catalogAPI(unknown) + "/" + sid},
				{"PUT", a + "/" + unknown},
				{"DELETE", a + "/" + unknown},
				{"PUT", a + "/" + bsid}, // B's service through A's path
				{"DELETE", a + "/" + bsid},
				{"GET", catalogAPI(unknown)},
				{"GET", a + "/" + unknown},
				{"GET", a + "/" + bsid},
			} {
				res := h.Do(c.method, c.path, tok[adminA], serviceBody(fx.UnitA.ID, nil))
				if c.method == "GET" || c.method == "DELETE" {
					res = h.Do(c.method, c.path, tok[adminA], nil)
				}
				if code, _ := res.ErrorCode(t); res.Status != 404 || code != "not_found" {
					t.Errorf("%s %s = %d %s, want 404", c.method, c.path, res.Status, res.Body)
				}
			}
			// Unknown to B's admin too: 404 comes before 403 for a municipality that does not exist.
			if res := h.Do("POST", catalogAPI(unknown), tok[adminB], serviceBody(fx.UnitA.ID, nil)); res.Status != 404 {
				t.Errorf("B's admin posts to an unknown municipality = %d", res.Status)
			}
		})
		if after := catalogState(h); after != before {
			t.Fatalf("refused calls changed the overview or the audit: %v → %v", before, after)
		}
		for _, rt := range routes {
			t.Run(rt.name+"/allowed", func(t *testing.T) {
				res := h.Do(rt.method, rt.path, tok[adminA], rt.Body)
				if res.Status != rt.ok {
					t.Errorf("%s %s as A's admin = %d %s, want %d", rt.method, rt.path, res.Status, res.Body, rt.ok)
				}
			})
		}
		t.Run("PublicWithoutSignIn", func(t *testing.T) {
			res := h.Do("GET", a, "", nil)
			if res.Status != 200 {
				t.Fatalf("public list = %d %s", res.Status, res.Body)
			}
			var names []string
			for _, s := range webtest.Decode[webtest.Services](t, res).Services {
				names = append(names, s.Name)
			}
			if !cmp.Equal(names, []string{"Lesekurs"}) { // the other one is retired
				t.Errorf("public list = %q, want only Lesekurs", names)
			}
			if res := h.Do("GET", a+"/"+sid, "", nil); res.Status != 404 {
				t.Errorf("a retired service = %d, want 404", res.Status)
			}
		})
	})
}

// TestCatalogAPIFlow: a service is added, listed in the public form of API.md,
// filtered, read back, changed and retired.
func TestCatalogAPIFlow(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok, fx := tokens(h), h.Fx
		a := catalogAPI(fx.A.ID)
		res := h.Do("POST", a, tok[adminA], serviceBody(fx.UnitA2.ID, map[string]any{"levels": []int{2, 1, 2}}))
		if res.Status != 201 {
			t.Fatalf("create = %d %s", res.Status, res.Body)
		}
		id := webtest.Decode[webtest.ID](t, res).ID
		if len(id) != 32 {
			t.Fatalf("id = %q", id)
		}
		createService(h, tok[adminA], map[string]any{"name": "Samtalegruppe for barn av skilte foreldre", "min_age": 8, "max_age": 15,
			"levels": []int{1}, "keywords": []string{"skilsmisse"}})
		createService(h, tok[adminA], map[string]any{"name": "Miljøterapeut i skolen", "min_age": 12, "max_age": 16,
			"levels": []int{2, 3}, "keywords": []string{"fravær"}, "unit_id": fx.UnitA.ID})

		// Each service as a map, so that a field missing or too many shows in the diff.
		list := webtest.Decode[struct {
			Services []map[string]any `json:"services"`
		}](t, h.Do("GET", a, "", nil))
		var first map[string]any
		for _, s := range list.Services {
			if s["id"] == id {
				first = s
			}
		}
		want := map[string]any{"id": id, "name": "Foreldreveiledning ICDP", "description": "Åtte samlinger for foreldre.",
			"target_group": "Foreldre til barn 0–18 år", "min_age": 0.0, "max_age": 18.0, "levels": []any{1.0, 2.0},
			"unit": map[string]any{"id": fx.UnitA2.ID, "name": "Helsestasjonen"}, "contact": "familiesenteret@skien.no",
			"how_to_access": "Ta kontakt selv.", "keywords": []any{"samspill", "foreldre"}}
		if diff := cmp.Diff(want, first); diff != "" {
			t.Errorf("listed service (-want +got):\n%s", diff)
		}

		names := func(query string) []string {
			t.Helper()
			res := h.Do("GET", a+query, "", nil)
			if res.Status != 200 {
				t.Fatalf("GET %s = %d %s", query, res.Status, res.Body)
			}
			out := []string{}
			for _, s := range webtest.Decode[webtest.Services](t, res).Services {
				out = append(out, s.Name)
			}
			sort.Strings(out)
			return out
		}
		for query, want := range map[string][]string{
			"?age=8":               {"Foreldreveiledning ICDP", "Samtalegruppe for barn av skilte foreldre"},
			"?age=16":              {"Foreldreveiledning ICDP", "Miljøterapeut i skolen"},
			"?age=19":              {},
			"?level=3":             {"Miljøterapeut i skolen"},
			"?q=FRAV%C3%86R":       {"Miljøterapeut i skolen"},
			"?q=skilsmisse&age=8":  {"Samtalegruppe for barn av skilte foreldre"},
			"?q=skilsmisse&age=16": {},
			"?unit=" + fx.UnitA.ID: {"Miljøterapeut i skolen"},
			"?age=&level=&q=":      {"Foreldreveiledning ICDP", "Miljøterapeut i skolen", "Samtalegruppe for barn av skilte foreldre"},
		} {
			if got := names(query); !cmp.Equal(got, want) {
				t.Errorf("GET %s = %q, want %q", query, got, want)
			}
		}
		for query, field := range map[string]string{"?age=sju": "age", "?age=30": "age", "?level=4": "level", "?level=x": "level",
			"?q=" + strings.Repeat("a", 201): "q"} {
			res := h.Do("GET", a+query, "", nil)
			if code, fields := res.ErrorCode(t); res.Status != 422 || code != "invalid" || fields[field] == nil {
				t.Errorf("GET %.30s = %d %s, want 422 with %s", query, res.Status, res.Body, field)
			}
		}

		// Read one, change it and send it back as it was read: id and unit are accepted.
		got := webtest.DecodeStrict[webtest.Service](t, h.Do("GET", a+"/"+id, "", nil))
		got.Name, got.Levels, got.Keywords = "ICDP – foreldregruppe", []int{3}, nil
		res = h.Do("PUT", a+"/"+id, tok[adminA], got)
		// keywords must come back as an empty list, not null.
		if put := webtest.Decode[webtest.Service](t, res); res.Status != 200 || put.Name != "ICDP – foreldregruppe" || put.Unit.ID != fx.UnitA2.ID ||
			put.Keywords == nil || len(put.Keywords) != 0 || !cmp.Equal(put.Levels, []int{3}) {
			t.Errorf("PUT = %d %s", res.Status, res.Body)
		}
		if res := h.Do("DELETE", a+"/"+id, tok[adminA], nil); res.Status != 204 || len(res.Body) != 0 {
			t.Errorf("DELETE = %d %s", res.Status, res.Body)
		}
		if got := names(""); !cmp.Equal(got, []string{"Miljøterapeut i skolen", "Samtalegruppe for barn av skilte foreldre"}) {
			t.Errorf("after retiring = %q", got)
		}
		if res := h.Do("PUT", a+"/"+id, tok[adminA], got); res.Status != 404 {
			t.Errorf("PUT of a retired service = %d", res.Status)
		}
	})
}

// TestCatalogBadInput sends malformed, mistyped, invalid and oversized bodies to the
// write routes: each gets its 4xx with the right code and fields, and nothing is
// written or audited.
func TestCatalogBadInput(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok, fx := tokens(h), h.Fx
		a := catalogAPI(fx.A.ID)
		sid := createService(h, tok[adminA], nil)
		body := func(changes map[string]any) map[string]any { return serviceBody(fx.UnitA.ID, changes) }
		huge := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
		var many []string // 21 different keywords
		for i := range 21 {
			many = append(many, "stikkord "+strconv.Itoa(i))
		}
		cases := []struct {
			name   string
			Body   any
			Status int
			code   string
			fields map[string]any
		}{
			{"Malformed", `{"name":`, 400, "invalid", nil},
			{"Empty", ``, 400, "invalid", nil},
			{"NotAnObject", `[1,2]`, 400, "invalid", nil},
			{"TrailingData", `{} {}`, 400, "invalid", nil},
			{"WrongTypeAge", `{"min_age":"sju"}`, 422, "invalid", map[string]any{"min_age": "type"}},
			{"WrongTypeLevels", `{"levels":"alle"}`, 422, "invalid", map[string]any{"levels": "type"}},
			{"WrongTypeKeywords", `{"keywords":"a,b"}`, 422, "invalid", map[string]any{"keywords": "type"}},
			{"UnknownField", body(map[string]any{"surprise": true}), 422, "invalid", map[string]any{"surprise": "unknown_field"}},
			{"Oversized", huge, 413, "too_large", nil},
			// The JSON decoder turns bytes that are not UTF-8 into U+FFFD; the rest is missing.
			{"InvalidUTF8", "{\"name\": \"\xff\xfe\", \"min_age\": 1, \"max_age\": 2}", 422, "invalid", map[string]any{"unit_id": "required"}},
			{"ControlCharacter", body(map[string]any{"description": "a\u0007b"}), 422, "invalid", map[string]any{"description": "invalid"}},
			{"NUL", body(map[string]any{"contact": "a\u0000b"}), 422, "invalid", map[string]any{"contact": "invalid"}},
			{"Missing", `{}`, 422, "invalid", map[string]any{"name": "required", "description": "required", "target_group": "required",
				"min_age": "required", "max_age": "required", "levels": "required", "unit_id": "required", "contact": "required",
				"how_to_access": "required"}},
			{"AgesReversed", body(map[string]any{"min_age": 12, "max_age": 6}), 422, "invalid", map[string]any{"max_age": "range"}},
			{"AgeAbove25", body(map[string]any{"max_age": 26}), 422, "invalid", map[string]any{"max_age": "range"}},
			{"NegativeAge", body(map[string]any{"min_age": -1}), 422, "invalid", map[string]any{"min_age": "range"}},
			{"LevelZero", body(map[string]any{"levels": []int{0}}), 422, "invalid", map[string]any{"levels": "range"}},
			{"NoLevels", body(map[string]any{"levels": []int{}}), 422, "invalid", map[string]any{"levels": "required"}},
			{"UnitOfOtherMunicipality", body(map[string]any{"unit_id": fx.UnitB.ID}), 422, "invalid", map[string]any{"unit_id": "not_found"}},
			{"UnknownUnit", body(map[string]any{"unit_id": "finnes-ikke"}), 422, "invalid", map[string]any{"unit_id": "not_found"}},
			{"LongName", body(map[string]any{"name": strings.Repeat("æ", 161)}), 422, "invalid", map[string]any{"name": "too_long"}},
			{"TooManyKeywords", body(map[string]any{"keywords": many}), 422, "invalid",
				map[string]any{"keywords": "too_long"}},
		}
		before := catalogState(h)
		for _, c := range cases {
			for _, method := range []string{"POST", "PUT"} {
				path := a
				if method == "PUT" {
					path += "/" + sid
				}
				t.Run(c.name+"/"+method, func(t *testing.T) {
					res := h.Do(method, path, tok[adminA], c.Body)
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
		}
		if after := catalogState(h); after != before {
			t.Errorf("bad input changed the overview or the audit: %v → %v", before, after)
		}
		v, err := h.DB.GetService(context.Background(), fx.A.ID, sid)
		if err != nil || v.Name != "Foreldreveiledning ICDP" || v.UnitID != fx.UnitA2.ID {
			t.Errorf("service after bad updates = %+v, %v", v, err)
		}
	})
}
