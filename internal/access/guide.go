package access

import "stafett/internal/people"

// CanEditGuide reports whether a may edit, publish and fork the action guide of
// municipality mid: its municipality administrators only. The guide is the
// municipality's own text; a system administrator operates the installation and sets
// up networks, but does not write a municipality's guide.
func CanEditGuide(a Actor, mid string) bool {
	return mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid)
}

// CanManageNetworks reports whether a may set up networks of municipalities: system
// administrators only.
func CanManageNetworks(a Actor) bool { return a.Roles.IsSystemAdmin() }
