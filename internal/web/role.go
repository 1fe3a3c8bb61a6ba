package web

import (
	"net/http"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
)

type roleRequest struct {
	Role           people.RoleName `json:"role"`
	MunicipalityID string          `json:"municipality_id"`
	UnitID         string          `json:"unit_id"`
}

// authorizeRole parses a role from the body, resolves its municipality from its unit
// and checks that the actor may give or take it for the user in the path.
func (s *Server) authorizeRole(r *http.Request, p *store.Principal) (*people.User, *people.Role, error) {
	if err := requireUserAdmin(p); err != nil {
		return nil, nil, err
	}
	u, _, err := s.visibleUser(r, p)
	if err != nil {
		return nil, nil, err
	}
	var req roleRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, nil, err
	}
	role := &people.Role{Role: req.Role, MunicipalityID: req.MunicipalityID, UnitID: req.UnitID}
	if err := s.checkRoleGrant(r, p, role); err != nil {
		return nil, nil, err
	}
	return u, role, nil
}

// checkRoleGrant validates role, fills in its municipality from its unit and checks
// that the actor may give or take it; the JSON API and the administration pages share it.
func (s *Server) checkRoleGrant(r *http.Request, p *store.Principal, role *people.Role) error {
	if err := role.Validate(); err != nil {
		return err
	}
	if role.Role.IsUnitRole() {
		unit, err := s.db.GetUnit(r.Context(), role.UnitID)
		if err != nil {
			return fault.Validation("unit_id", fault.FieldNotFound)
		}
		if role.MunicipalityID != "" && role.MunicipalityID != unit.MunicipalityID {
			return fault.Validation("municipality_id", fault.FieldInvalid)
		}
		role.MunicipalityID = unit.MunicipalityID
	}
	if !access.CanAssignRole(actorOf(p), *role) {
		return fault.New(fault.Forbidden, "you may not assign this role")
	}
	return nil
}

// handleRoleCreate gives a user a role.
func (s *Server) handleRoleCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	u, role, err := s.authorizeRole(r, p)
	if err != nil {
		return err
	}
	if err := s.db.GrantRole(r.Context(), p.User.ID, u.ID, role); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rolesJSON(people.Roles{*role})[0])
	return nil
}

// handleRoleDelete takes a role away from a user.
func (s *Server) handleRoleDelete(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	u, role, err := s.authorizeRole(r, p)
	if err != nil {
		return err
	}
	if err := s.db.RevokeRole(r.Context(), p.User.ID, u.ID, *role); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
