package app

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
)

type UserRequest struct {
	Email          string `json:"email"`
	Name           string `json:"name"`
	Password       string `json:"password"`
	NationalID     string `json:"national_id"`
	MunicipalityID string `json:"municipality_id"`
}

// createUser checks that the actor may create the user asked for, validates it and
// stores it; the JSON API and the administration pages both create users here.
func (s *App) CreateUser(r *http.Request, p *people.Principal, req UserRequest) (*people.User, error) {
	home, err := s.HomeFor(r, p, req.MunicipalityID)
	if err != nil {
		return nil, err
	}
	u := people.User{Email: req.Email, Name: req.Name, NationalID: req.NationalID, HomeMunicipalityID: home}
	if err := u.Validate(req.Password); err != nil {
		return nil, err
	}
	var hash string
	if req.Password != "" {
		if hash, err = s.Hasher.Hash(req.Password); err != nil {
			return nil, err
		}
	}
	if err := s.DB.CreateUser(r.Context(), p, &u, hash); err != nil {
		return nil, err
	}
	return &u, nil
}

// homeFor decides the home municipality of a new user: the one asked for, or the one
// municipality the actor administers.
func (s *App) HomeFor(r *http.Request, p *people.Principal, mid string) (string, error) {
	a := ActorOf(p)
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
		if _, err := s.DB.GetMunicipality(r.Context(), mid); err != nil {
			return "", fault.Validation("municipality_id", fault.FieldNotFound)
		}
	}
	return mid, nil
}

// visibleUser loads user uid if the actor may see them (themselves, or as an
// administrator or leader of their municipality); otherwise not found.
func (s *App) VisibleUser(r *http.Request, p *people.Principal) (*people.User, []string, error) {
	return s.VisibleUserID(r, p, r.PathValue("uid"))
}

// visibleUserID is visibleUser for user uid given other than in the path.
func (s *App) VisibleUserID(r *http.Request, p *people.Principal, uid string) (*people.User, []string, error) {
	home, in, err := s.DB.UserScope(r.Context(), uid)
	if err != nil {
		return nil, nil, err
	}
	if uid != p.User.ID && !access.CanSeeUser(ActorOf(p), home, in) {
		return nil, nil, fault.New(fault.NotFound, "user not found")
	}
	u, err := s.DB.GetUser(r.Context(), uid)
	return u, in, err
}

// RequireUserAdmin refuses actors who administer no users at all (403) before any
// lookup, so they learn nothing about which users exist.
func RequireUserAdmin(p *people.Principal) error {
	for _, r := range p.Roles {
		if r.Role != people.Employee {
			return nil
		}
	}
	return fault.New(fault.Forbidden, "only administrators and leaders manage users")
}

// changeUserActive deactivates (ending every session at once) or reactivates the user
// in the path; the JSON API and the administration pages share it.
func (s *App) ChangeUserActive(r *http.Request, p *people.Principal, active bool) (*people.User, error) {
	if err := RequireUserAdmin(p); err != nil {
		return nil, err
	}
	u, in, err := s.VisibleUser(r, p)
	if err != nil {
		return nil, err
	}
	if !access.CanManageUser(ActorOf(p), u.HomeMunicipalityID, in) {
		return nil, fault.New(fault.Forbidden, "only administrators deactivate users")
	}
	if u.ID == p.User.ID {
		return nil, fault.New(fault.Conflict, "you cannot deactivate yourself")
	}
	return s.DB.ChangeUserActive(r.Context(), p, u.ID, active)
}
