package app

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// checkRoleGrant validates role, fills in its municipality from its unit and checks
// that the actor may give or take it; the JSON API and the administration pages share it.
func (s *App) CheckRoleGrant(r *http.Request, p *people.Principal, role *people.Role) error {
	if err := role.Validate(); err != nil {
		return err
	}
	if role.Role.IsUnitRole() {
		unit, err := s.DB.GetUnit(r.Context(), role.UnitID)
		if err != nil {
			return fault.Validation("unit_id", fault.FieldNotFound)
		}
		if role.MunicipalityID != "" && role.MunicipalityID != unit.MunicipalityID {
			return fault.Validation("municipality_id", fault.FieldInvalid)
		}
		role.MunicipalityID = unit.MunicipalityID
	}
	if !access.CanAssignRole(ActorOf(p), *role) {
		return fault.New(fault.Forbidden, "you may not assign this role")
	}
	return nil
}
