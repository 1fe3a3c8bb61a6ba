package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// adminUnitPage is one unit's staff, with the forms to add an employee.
type adminUnitPage struct {
	layout
	Unit         *org.Unit
	Kind         string
	Municipality *org.Municipality
	AdminOf      bool // administers the unit's municipality
	CanInvite    bool // may create a new person in the municipality
	Staff        []unitStaff
	Candidates   []userOption // active people of the municipality not yet employed here
}

// unitStaff is a person working in the unit.
type unitStaff struct {
	ID, Name, Email  string
	Active           bool
	Leader, Employee bool
	CanRemove        bool // an employee the actor may take off the unit: not themselves
}

// adminUnit loads the unit in the path for those who manage its staff: its leaders
// and the administrators of its municipality.
func (s *Server) adminUnit(r *http.Request, p *people.Principal) (*org.Unit, *org.Municipality, error) {
	u, err := s.DB.GetUnit(r.Context(), r.PathValue("unitid"))
	if err != nil {
		return nil, nil, err
	}
	if !access.CanAssignRole(app.ActorOf(p), unitEmployee(u)) {
		return nil, nil, fault.New(fault.Forbidden, "you do not manage this unit's staff")
	}
	mun, err := s.DB.GetMunicipality(r.Context(), u.MunicipalityID)
	return u, mun, err
}

// unitEmployee is the employee role in unit u.
func unitEmployee(u *org.Unit) people.Role {
	return people.Role{Role: people.Employee, MunicipalityID: u.MunicipalityID, UnitID: u.ID}
}

// HandleAdminUnit shows a unit's staff.
func (s *Server) HandleAdminUnit(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, mun, err := s.adminUnit(r, p)
	if err != nil {
		return err
	}
	return s.renderAdminUnit(w, r, p, u, mun, http.StatusOK, nil)
}

func (s *Server) renderAdminUnit(w http.ResponseWriter, r *http.Request, p *people.Principal, u *org.Unit, mun *org.Municipality, status int, failed *form) error {
	ms, err := s.members(r, mun.ID)
	if err != nil {
		return err
	}
	a := app.ActorOf(p)
	m := &adminUnitPage{layout: s.layoutFor(r, "admin.unit.title"), Unit: u, Municipality: mun,
		AdminOf: access.CanAdminMunicipality(a, mun.ID), CanInvite: access.CanCreateUser(a, mun.ID)}
	m.Title = u.Name
	m.Kind = m.T("admin.kind." + string(u.Kind))
	m.failed = failed
	for _, x := range ms {
		st := unitStaff{ID: x.ID, Name: x.Name, Email: x.Email, Active: x.Active,
			Leader: x.Roles.InUnit(people.UnitLeader, u.ID), Employee: x.Roles.InUnit(people.Employee, u.ID)}
		st.CanRemove = st.Employee && access.CanChangeRolesOf(a, x.ID)
		if st.Leader || st.Employee {
			m.Staff = append(m.Staff, st)
		}
		if !st.Employee && x.Active && access.CanChangeRolesOf(a, x.ID) {
			m.Candidates = append(m.Candidates, userOption{ID: x.ID, Name: x.Name, Email: x.Email})
		}
	}
	return s.show(w, r, status, adminUnitView(m))
}
