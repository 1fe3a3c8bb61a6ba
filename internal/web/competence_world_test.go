package web_test

import (
	"context"
	"net/http"
	"testing"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// cw is the competence world: the harness's two municipalities (Skien, Porsgrunn) in
// one network with a coordinator, a third municipality (Bamble) outside it, and a
// token for each person the tests act as.
type cw struct {
	t      *testing.T
	h      *webtest.Harness
	net    org.Network
	c      org.Municipality // Bamble, outside the network
	unitC  org.Unit
	coord  people.User // coordinator of net
	coordC people.User // coordinator of a network Bamble is in, with Skien's neighbour
	adminC people.User
	staffC people.User
	tok    map[string]string
}

func newCW(t *testing.T, h *webtest.Harness) *cw {
	t.Helper()
	ctx, sys, fx := context.Background(), people.System(), h.Fx
	w := &cw{t: t, h: h, tok: map[string]string{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.net = org.Network{Name: "Grenland", MunicipalityIDs: []string{fx.A.ID, fx.B.ID}}
	must(h.DB.CreateNetwork(ctx, sys, &w.net))
	w.c = org.Municipality{Number: "4012", Name: "Bamble"}
	must(h.DB.CreateMunicipality(ctx, sys, &w.c))
	w.unitC = org.Unit{MunicipalityID: w.c.ID, Name: "Grasmyr skole", Kind: org.School}
	must(h.DB.CreateUnit(ctx, sys, &w.unitC))
	other := org.Network{Name: "Vestmar", MunicipalityIDs: []string{w.c.ID, fx.B.ID}}
	must(h.DB.CreateNetwork(ctx, sys, &other))
	w.coord = w.user("koordinator@grenland.no", "Kari Koordinator", "", people.Role{Role: people.NetworkCoordinator, NetworkID: w.net.ID})
	w.coordC = w.user("koordinator@vestmar.no", "Vera Vestmar", "", people.Role{Role: people.NetworkCoordinator, NetworkID: other.ID})
	w.adminC = w.user("admin@bamble.no", "Berit Bamble", w.c.ID, people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.c.ID})
	w.staffC = w.user("larer@bamble.no", "Bjørn Bamble", w.c.ID, people.Role{Role: people.Employee, UnitID: w.unitC.ID})
	for _, u := range []people.User{w.coord, w.coordC, w.adminC} {
		h.EnrolTOTP(u.ID)
	}
	return w
}

// user creates a user with roles as Stafett itself.
func (w *cw) user(email, name, home string, roles ...people.Role) people.User {
	w.t.Helper()
	ctx, sys := context.Background(), people.System()
	u := people.User{Email: email, Name: name, HomeMunicipalityID: home}
	hash, err := webtest.Hasher.Hash(webtest.Password)
	if err != nil {
		w.t.Fatal(err)
	}
	if err := w.h.DB.CreateUser(ctx, sys, &u, hash); err != nil {
		w.t.Fatal(err)
	}
	for _, r := range roles {
		if err := w.h.DB.GrantRole(ctx, sys, u.ID, &r); err != nil {
			w.t.Fatal(err)
		}
	}
	return u
}

// as returns a token of u, signing in once.
func (w *cw) as(u people.User) string {
	w.t.Helper()
	if tok, ok := w.tok[u.ID]; ok {
		return tok
	}
	tok := w.h.Login(u)
	w.tok[u.ID] = tok
	return tok
}

// want fails unless res has status, and returns it.
func (w *cw) want(res *webtest.Response, status int, what string) *webtest.Response {
	w.t.Helper()
	if res.Status != status {
		w.t.Fatalf("%s: status %d, want %d: %s", what, res.Status, status, res.Body)
	}
	return res
}

// field checks that res is a 422 naming field with code.
func (w *cw) field(res *webtest.Response, field, code string) {
	w.t.Helper()
	w.want(res, http.StatusUnprocessableEntity, "bad "+field)
	e := webtest.Decode[webtest.ErrorBody](w.t, res)
	if got := e.Error.Fields[field]; got != code {
		w.t.Fatalf("fields[%s] = %q, want %q: %s", field, got, code, res.Body)
	}
}

// audited counts the administrative records of action on target id that the system
// administrator reads.
func (w *cw) audited(action, id string) int {
	w.t.Helper()
	res := w.want(w.h.Do("GET", "/api/v1/admin/audit", w.as(w.h.Fx.SysAdmin), nil), 200, "audit")
	body := webtest.Decode[cwAudit](w.t, res)
	n := 0
	for _, e := range body.Events {
		if e.Action == action && (id == "" || e.Target.ID == id) {
			n++
		}
	}
	return n
}

// cwAudit is the answer of GET /api/v1/admin/audit, as far as the tests read it.
type cwAudit struct {
	Events []struct {
		Action string `json:"action"`
		Target struct {
			ID string `json:"id"`
		} `json:"target"`
	} `json:"events"`
}
