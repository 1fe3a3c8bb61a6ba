package ui

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// HandleAdminUnitStaffAdd makes a person an employee of the unit: someone of the
// municipality (user_id), or a new person invited by e-mail (only those who may
// create people: the municipality's administrators).
func (s *Server) HandleAdminUnitStaffAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, mun, err := s.adminUnit(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	role := unitEmployee(u)
	if err := s.CheckRoleGrant(r, p, &role); err != nil {
		return err
	}
	name := "staff-new"
	if r.PostForm.Has("user_id") {
		name = "staff-existing"
		err = s.grantExisting(r, p, postValue(r, "user_id"), &role)
	} else {
		err = s.grantNew(r, p, mun.ID, &role)
	}
	if err != nil {
		f, err := adminFormError(name, r, err, "user_id", "role", "municipality_id", "unit_id")
		if err != nil {
			return err
		}
		return s.renderAdminUnit(w, r, p, u, mun, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/enheter/"+u.ID, "admin.employee_added")
	return nil
}

// HandleAdminUnitStaffRemove takes the employee role in the unit from the person
// Named in the form. A role already gone counts as removed.
func (s *Server) HandleAdminUnitStaffRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, _, err := s.adminUnit(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	person, _, err := s.VisibleUserID(r, p, postValue(r, "user_id"))
	if err != nil {
		return err
	}
	role := unitEmployee(u)
	if err := s.CheckRoleGrant(r, p, &role); err != nil {
		return err
	}
	if err := s.DB.RevokeRole(r.Context(), p, person.ID, role); err != nil && !fault.Is(err, fault.NotFound) {
		return err
	}
	s.RedirectWithFlash(w, r, "/admin/enheter/"+u.ID, "admin.employee_removed")
	return nil
}
