package app

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
)

func HasAnyRoleIn(rs people.Roles, mid string) bool {
	for _, r := range rs {
		if r.MunicipalityID == mid {
			return true
		}
	}
	return false
}

// adminMunicipality loads municipality mid and checks that the actor administers it.
// A municipality that does not exist is 404; one that exists but is not the actor's
// is 403 (municipalities are public, so there is nothing to hide).
func (s *App) AdminMunicipality(r *http.Request, p *people.Principal) (*org.Municipality, error) {
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return nil, err
	}
	if !access.CanAdminMunicipality(ActorOf(p), m.ID) {
		return nil, fault.New(fault.Forbidden, "you do not administer this municipality")
	}
	return m, nil
}
