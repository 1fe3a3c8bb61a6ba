package ui

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleAdminRoleAdd gives the person in the path the role chosen in the form.
func (s *Server) HandleAdminRoleAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.RequireUserAdmin(p); err != nil {
		return err
	}
	u, _, err := s.VisibleUser(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	role := parseRoleValue(postValue(r, "role"))
	err = s.CheckRoleGrant(r, p, &role)
	if err == nil {
		err = s.addRole(r, u.ID, &role)
	}
	if err != nil {
		f, err := adminFormError("role", r, err, "role", "municipality_id", "unit_id")
		if err != nil {
			return err
		}
		return s.renderAdminUser(w, r, p, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.role_added")
	return nil
}

// HandleAdminRoleRemove takes the role Named in the form from the person in the
// path. A role already gone counts as removed, so sending the form twice is harmless.
func (s *Server) HandleAdminRoleRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.RequireUserAdmin(p); err != nil {
		return err
	}
	u, _, err := s.VisibleUser(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	role := parseRoleValue(postValue(r, "role"))
	if err := s.CheckRoleGrant(r, p, &role); err != nil {
		return err
	}
	if err := s.DB.RevokeRole(r.Context(), p, u.ID, role); err != nil && !fault.Is(err, fault.NotFound) {
		return err
	}
	s.RedirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.role_removed")
	return nil
}
