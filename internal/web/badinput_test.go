package web_test

import (
	"context"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

// TestBadInput sends malformed, mistyped and oversized bodies to every route that
// takes one and checks for a 4xx with the right code, and that nothing was stored.
func TestBadInput(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tokens := tokens(h)
		routes := []struct {
			path  string
			actor actorKey
			field string // a string field, to send with the wrong type
		}{
			{"/api/v1/session", anon, "email"},
			{"/api/v1/municipalities", sysAdmin, "name"},
			{"/api/v1/municipalities/" + h.Fx.A.ID + "/units", adminA, "name"},
			{"/api/v1/users", adminA, "email"},
			{"/api/v1/users/" + h.Fx.EmployeeA.ID + "/roles", adminA, "unit_id"},
		}
		huge := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
		cases := []struct {
			name   string
			Body   func(field string) string
			Status int
			code   string
		}{
			{"Malformed", func(string) string { return `{"name":` }, 400, "invalid"},
			{"Empty", func(string) string { return `` }, 400, "invalid"},
			{"Array", func(string) string { return `[1,2]` }, 400, "invalid"},
			{"TrailingData", func(string) string { return `{} {}` }, 400, "invalid"},
			{"NotJSON", func(string) string { return `name=x` }, 400, "invalid"},
			{"WrongType", func(f string) string { return `{"` + f + `": 42}` }, 422, "invalid"},
			{"UnknownField", func(string) string { return `{"surprise": true}` }, 422, "invalid"},
			{"Oversized", func(string) string { return huge }, 413, "too_large"},
			{"InvalidUTF8Name", func(f string) string { return "{\"" + f + "\": \"\xff\xfe\"}" }, 422, "invalid"},
		}
		before := countsOf(h)
		for _, rt := range routes {
			for _, c := range cases {
				t.Run(rt.path+"/"+c.name, func(t *testing.T) {
					res := h.Do("POST", rt.path, tokens[rt.actor], c.Body(rt.field))
					code, fields := res.ErrorCode(t)
					if res.Status != c.Status || code != c.code {
						t.Errorf("= %d %s, want %d %s", res.Status, res.Body, c.Status, c.code)
					}
					if c.name == "WrongType" && fields[rt.field] != "type" {
						t.Errorf("fields = %v, want %s: type", fields, rt.field)
					}
					if c.name == "UnknownField" && fields["surprise"] != "unknown_field" {
						t.Errorf("fields = %v, want surprise: unknown_field", fields)
					}
				})
			}
		}
		if after := countsOf(h); after != before {
			t.Errorf("bad input changed the database: before %v, after %v", before, after)
		}
	})
}

type counts struct{ municipalities, unitsA, usersA, rolesEmployeeA int }

func countsOf(h *webtest.Harness) counts {
	ctx := context.Background()
	ms, err1 := h.DB.ListMunicipalities(ctx)
	us, err2 := h.DB.ListUnits(ctx, h.Fx.A.ID)
	users, err3 := h.DB.ListUsers(ctx, h.Fx.A.ID)
	roles, err4 := h.DB.ListRoles(ctx, h.Fx.EmployeeA.ID)
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			h.T.Fatal(err)
		}
	}
	return counts{len(ms), len(us), len(users), len(roles)}
}
