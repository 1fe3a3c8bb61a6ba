package ui

import (
	"maps"
	"net/http"
	"slices"
	"stafett/internal/access"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// adminUserPage is one person: their roles, the roles the actor may give them, and
// deactivation.
type adminUserPage struct {
	layout
	Person    *people.User
	Home      *org.Municipality // set when the actor administers the person's home municipality
	Roles     []heldRole
	Grants    []roleView
	CanManage bool // may deactivate or reactivate the person
	Self      bool // the person is the actor, who does not change their own roles
	// SignIn says whether the person has signed in and how they can.
	SignIn store.SignInState
}

// heldRole is a role the person holds, and whether the actor may take it away.
type heldRole struct {
	roleView
	CanRemove bool
}

// HandleAdminUser shows a person to those who administer or lead where they work.
func (s *Server) HandleAdminUser(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderAdminUser(w, r, p, http.StatusOK, nil)
}

func (s *Server) renderAdminUser(w http.ResponseWriter, r *http.Request, p *people.Principal, status int, failed *form) error {
	if err := app.RequireUserAdmin(p); err != nil {
		return err
	}
	u, in, err := s.VisibleUser(r, p)
	if err != nil {
		return err
	}
	held, err := s.DB.ListRoles(r.Context(), u.ID)
	if err != nil {
		return err
	}
	a := app.ActorOf(p)
	m := &adminUserPage{layout: s.layoutFor(r, "admin.user.title"), Person: u,
		CanManage: u.ID != p.User.ID && access.CanManageUser(a, u.HomeMunicipalityID, in)}
	m.Title = u.Name
	m.failed = failed
	if m.SignIn, err = s.DB.GetSignInState(r.Context(), u.ID); err != nil {
		return err
	}
	scope := in
	if u.HomeMunicipalityID != "" && !slices.Contains(scope, u.HomeMunicipalityID) {
		scope = append([]string{u.HomeMunicipalityID}, scope...)
	}
	names := map[string]string{}
	unitsOf := map[string][]org.Unit{}
	for _, mid := range scope {
		mun, err := s.DB.GetMunicipality(r.Context(), mid)
		if err != nil {
			return err
		}
		ns, units, err := s.placeNames(r, mun)
		if err != nil {
			return err
		}
		maps.Copy(names, ns)
		unitsOf[mid] = units
		if mid == u.HomeMunicipalityID && access.CanAdminMunicipality(a, mid) {
			m.Home = mun
		}
	}
	m.Self = !access.CanChangeRolesOf(a, u.ID)
	for _, role := range held {
		m.Roles = append(m.Roles, heldRole{roleView: m.roleView(role, names), CanRemove: !m.Self && access.CanAssignRole(a, role)})
	}
	if !m.Self {
		for _, mid := range scope {
			m.Grants = append(m.Grants, m.grantable(a, held, mid, unitsOf[mid], names)...)
		}
	}
	return s.show(w, r, status, adminUserView(m))
}

// grantable lists the roles in municipality mid the actor may give and the person
// does not hold yet.
func (l *layout) grantable(a access.Actor, held people.Roles, mid string, units []org.Unit, names map[string]string) []roleView {
	candidates := []people.Role{{Role: people.MunicipalityAdmin, MunicipalityID: mid}}
	for _, u := range units {
		candidates = append(candidates,
			people.Role{Role: people.UnitLeader, MunicipalityID: mid, UnitID: u.ID},
			people.Role{Role: people.Employee, MunicipalityID: mid, UnitID: u.ID})
	}
	var out []roleView
	for _, c := range candidates {
		if access.CanAssignRole(a, c) && !slices.Contains(held, c) {
			out = append(out, l.roleView(c, names))
		}
	}
	return out
}
