package people

import (
	"slices"

	"stafett/internal/fault"
)

// RoleName names a role a user can hold.
type RoleName string

// The roles. System administrators operate the installation; the others are scoped to
// a municipality or a unit.
const (
	SystemAdmin       RoleName = "system_admin"
	MunicipalityAdmin RoleName = "municipality_admin"
	UnitLeader        RoleName = "unit_leader"
	Employee          RoleName = "employee"
	// NetworkCoordinator runs a network's competence areas, courses and reports. It is
	// held in a network (NetworkID) and, like the administrators, never reads log content.
	NetworkCoordinator RoleName = "network_coordinator"
)

// Role is one role assignment. MunicipalityID is set for every role except
// system_admin and network_coordinator; UnitID is set for unit roles; NetworkID for
// network_coordinator only.
type Role struct {
	Role           RoleName `json:"role"`
	MunicipalityID string   `json:"municipality_id,omitempty"`
	UnitID         string   `json:"unit_id,omitempty"`
	NetworkID      string   `json:"network_id,omitempty"`
}

// IsUnitRole reports whether the role is held in a unit.
func (r RoleName) IsUnitRole() bool { return r == UnitLeader || r == Employee }

// Validate checks that the role carries the scope it needs. For unit roles the
// municipality is filled in from the unit by the caller.
func (r *Role) Validate() error {
	var f fault.Fields
	if r.NetworkID != "" && r.Role != NetworkCoordinator {
		f.Add("network_id", fault.FieldNotAllow)
	}
	switch r.Role {
	case "":
		f.Add("role", fault.FieldRequired)
	case SystemAdmin:
		if r.MunicipalityID != "" {
			f.Add("municipality_id", fault.FieldNotAllow)
		}
		if r.UnitID != "" {
			f.Add("unit_id", fault.FieldNotAllow)
		}
	case MunicipalityAdmin:
		if r.MunicipalityID == "" {
			f.Add("municipality_id", fault.FieldRequired)
		}
		if r.UnitID != "" {
			f.Add("unit_id", fault.FieldNotAllow)
		}
	case UnitLeader, Employee:
		if r.UnitID == "" {
			f.Add("unit_id", fault.FieldRequired)
		}
	case NetworkCoordinator:
		if r.NetworkID == "" {
			f.Add("network_id", fault.FieldRequired)
		}
		if r.MunicipalityID != "" {
			f.Add("municipality_id", fault.FieldNotAllow)
		}
		if r.UnitID != "" {
			f.Add("unit_id", fault.FieldNotAllow)
		}
	default:
		f.Add("role", fault.FieldInvalid)
	}
	return f.Err()
}

// Roles is the set of roles one user holds.
type Roles []Role

// Has reports whether the set holds role in the given municipality (any
// municipality when mid is empty). Network coordinators hold no municipality role.
func (rs Roles) Has(role RoleName, mid string) bool {
	for _, r := range rs {
		if r.Role == role && (mid == "" || r.MunicipalityID == mid) {
			return true
		}
	}
	return false
}

// InUnit reports whether the set holds role in unit uid.
func (rs Roles) InUnit(role RoleName, uid string) bool {
	for _, r := range rs {
		if r.Role == role && r.UnitID == uid {
			return true
		}
	}
	return false
}

// IsSystemAdmin reports whether the set holds the system administrator role.
func (rs Roles) IsSystemAdmin() bool { return rs.Has(SystemAdmin, "") }

// Administers reports whether the set holds an administrative role: system or
// municipality administrator or network coordinator. Those roles reach every user of
// a municipality or network, so they need a second factor.
func (rs Roles) Administers() bool {
	for _, r := range rs {
		switch r.Role {
		case SystemAdmin, MunicipalityAdmin, NetworkCoordinator:
			return true
		}
	}
	return false
}

// Coordinates reports whether the set holds the network coordinator role in network nid.
func (rs Roles) Coordinates(nid string) bool {
	for _, r := range rs {
		if r.Role == NetworkCoordinator && nid != "" && r.NetworkID == nid {
			return true
		}
	}
	return false
}

// Networks returns the networks the set coordinates.
func (rs Roles) Networks() []string {
	var out []string
	for _, r := range rs {
		if r.Role == NetworkCoordinator {
			out = append(out, r.NetworkID)
		}
	}
	return out
}

// Municipalities returns the municipalities the set holds roles in, each once.
func (rs Roles) Municipalities() []string {
	var out []string
	for _, r := range rs {
		if r.MunicipalityID != "" && !slices.Contains(out, r.MunicipalityID) {
			out = append(out, r.MunicipalityID)
		}
	}
	return out
}
