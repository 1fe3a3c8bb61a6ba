package api

import (
	"net/http"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type roleRequest struct {
	Role           people.RoleName `json:"role"`
	MunicipalityID string          `json:"municipality_id"`
	UnitID         string          `json:"unit_id"`
	NetworkID      string          `json:"network_id"`
}

// authorizeRole parses a role from the body, resolves its municipality from its unit
// and checks that the actor may give or take it for the user in the path.
func (s *Server) authorizeRole(r *http.Request, p *people.Principal) (*people.User, *people.Role, error) {
	if err := app.RequireUserAdmin(p); err != nil {
		return nil, nil, err
	}
	u, _, err := s.VisibleUser(r, p)
	if err != nil {
		return nil, nil, err
	}
	var req roleRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return nil, nil, err
	}
	role := &people.Role{Role: req.Role, MunicipalityID: req.MunicipalityID, UnitID: req.UnitID, NetworkID: req.NetworkID}
	if err := s.CheckRoleGrant(r, p, role); err != nil {
		return nil, nil, err
	}
	return u, role, nil
}

// HandleRoleCreate gives a user a role.
func (s *Server) HandleRoleCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, role, err := s.authorizeRole(r, p)
	if err != nil {
		return err
	}
	if err := s.DB.GrantRole(r.Context(), p, u.ID, role); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, rolesJSON(people.Roles{*role})[0])
	return nil
}

// HandleRoleDelete takes a role away from a user.
func (s *Server) HandleRoleDelete(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, role, err := s.authorizeRole(r, p)
	if err != nil {
		return err
	}
	if err := s.DB.RevokeRole(r.Context(), p, u.ID, *role); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
