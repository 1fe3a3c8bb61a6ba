package api

import (
	"net/http"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleUserCreate creates a user: system administrators anywhere, municipality
// administrators in their own municipality.
func (s *Server) HandleUserCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req app.UserRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	u, err := s.CreateUser(r, p, req)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, u)
	return nil
}

type userJSON struct {
	people.User
	Roles []roleJSON `json:"roles"`
}

// HandleUserShow returns a user with their roles.
func (s *Server) HandleUserShow(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	u, _, err := s.VisibleUser(r, p)
	if err != nil {
		return err
	}
	roles, err := s.DB.ListRoles(r.Context(), u.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, userJSON{User: *u, Roles: rolesJSON(roles)})
	return nil
}

// HandleUserList lists the users of a municipality for its administrators.
func (s *Server) HandleUserList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	users, err := s.DB.ListUsers(r.Context(), m.ID)
	if err != nil {
		return err
	}
	if users == nil {
		users = []people.User{}
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"users": users})
	return nil
}

func (s *Server) HandleUserDeactivate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.setUserActive(w, r, p, false)
}

func (s *Server) HandleUserActivate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.setUserActive(w, r, p, true)
}

// setUserActive deactivates (ending every session at once) or reactivates a user.
func (s *Server) setUserActive(w http.ResponseWriter, r *http.Request, p *people.Principal, active bool) error {
	u, err := s.ChangeUserActive(r, p, active)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, u)
	return nil
}
