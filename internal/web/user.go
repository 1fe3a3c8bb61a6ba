package web

import (
	"net/http"

	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
)

type userRequest struct {
	Email          string `json:"email"`
	Name           string `json:"name"`
	Password       string `json:"password"`
	NationalID     string `json:"national_id"`
	MunicipalityID string `json:"municipality_id"`
}

// handleUserCreate creates a user: system administrators anywhere, municipality
// administrators in their own municipality.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var req userRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	u, err := s.createUser(r, p, req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

// createUser checks that the actor may create the user asked for, validates it and
// stores it; the JSON API and the administration pages both create users here.
func (s *Server) createUser(r *http.Request, p *store.Principal, req userRequest) (*people.User, error) {
	home, err := s.homeFor(r, p, req.MunicipalityID)
	if err != nil {
		return nil, err
	}
	u := people.User{Email: req.Email, Name: req.Name, NationalID: req.NationalID, HomeMunicipalityID: home}
	if err := u.Validate(req.Password); err != nil {
		return nil, err
	}
	var hash string
	if req.Password != "" {
		if hash, err = s.hasher.Hash(req.Password); err != nil {
			return nil, err
		}
	}
	if err := s.db.CreateUser(r.Context(), &u, hash); err != nil {
		return nil, err
	}
	return &u, nil
}

// homeFor decides the home municipality of a new user: the one asked for, or the one
// municipality the actor administers.
func (s *Server) homeFor(r *http.Request, p *store.Principal, mid string) (string, error) {
	a := actorOf(p)
	if mid == "" && !p.Roles.IsSystemAdmin() {
		for _, role := range p.Roles {
			if role.Role == people.MunicipalityAdmin {
				if mid != "" && mid != role.MunicipalityID {
					return "", fault.Validation("municipality_id", fault.FieldRequired)
				}
				mid = role.MunicipalityID
			}
		}
	}
	if !access.CanCreateUser(a, mid) {
		return "", fault.New(fault.Forbidden, "only administrators create users")
	}
	if mid != "" {
		if _, err := s.db.GetMunicipality(r.Context(), mid); err != nil {
			return "", fault.Validation("municipality_id", fault.FieldNotFound)
		}
	}
	return mid, nil
}

type userJSON struct {
	people.User
	Roles []roleJSON `json:"roles"`
}

// visibleUser loads user uid if the actor may see them (themselves, or as an
// administrator or leader of their municipality); otherwise not found.
func (s *Server) visibleUser(r *http.Request, p *store.Principal) (*people.User, []string, error) {
	return s.visibleUserID(r, p, r.PathValue("uid"))
}

// visibleUserID is visibleUser for user uid given other than in the path.
func (s *Server) visibleUserID(r *http.Request, p *store.Principal, uid string) (*people.User, []string, error) {
	home, in, err := s.db.UserScope(r.Context(), uid)
	if err != nil {
		return nil, nil, err
	}
	if uid != p.User.ID && !access.CanSeeUser(actorOf(p), home, in) {
		return nil, nil, fault.New(fault.NotFound, "user not found")
	}
	u, err := s.db.GetUser(r.Context(), uid)
	return u, in, err
}

// requireUserAdmin refuses actors who administer no users at all (403) before any
// lookup, so they learn nothing about which users exist.
func requireUserAdmin(p *store.Principal) error {
	for _, r := range p.Roles {
		if r.Role != people.Employee {
			return nil
		}
	}
	return fault.New(fault.Forbidden, "only administrators and leaders manage users")
}

// handleUserShow returns a user with their roles.
func (s *Server) handleUserShow(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	u, _, err := s.visibleUser(r, p)
	if err != nil {
		return err
	}
	roles, err := s.db.ListRoles(r.Context(), u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, userJSON{User: *u, Roles: rolesJSON(roles)})
	return nil
}

// handleUserList lists the users of a municipality for its administrators.
func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.adminMunicipality(r, p)
	if err != nil {
		return err
	}
	users, err := s.db.ListUsers(r.Context(), m.ID)
	if err != nil {
		return err
	}
	if users == nil {
		users = []people.User{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": users})
	return nil
}

func (s *Server) handleUserDeactivate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	return s.setUserActive(w, r, p, false)
}

func (s *Server) handleUserActivate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	return s.setUserActive(w, r, p, true)
}

// setUserActive deactivates (ending every session at once) or reactivates a user.
func (s *Server) setUserActive(w http.ResponseWriter, r *http.Request, p *store.Principal, active bool) error {
	u, err := s.changeUserActive(r, p, active)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

// changeUserActive deactivates (ending every session at once) or reactivates the user
// in the path; the JSON API and the administration pages share it.
func (s *Server) changeUserActive(r *http.Request, p *store.Principal, active bool) (*people.User, error) {
	if err := requireUserAdmin(p); err != nil {
		return nil, err
	}
	u, in, err := s.visibleUser(r, p)
	if err != nil {
		return nil, err
	}
	if !access.CanManageUser(actorOf(p), u.HomeMunicipalityID, in) {
		return nil, fault.New(fault.Forbidden, "only administrators deactivate users")
	}
	if u.ID == p.User.ID {
		return nil, fault.New(fault.Conflict, "you cannot deactivate yourself")
	}
	if err := s.db.ChangeUserActive(r.Context(), p.User.ID, u.ID, active); err != nil {
		return nil, err
	}
	u.Active = active
	return u, nil
}
