package access

import "stafett/internal/people"

// CanEditPublished reports whether a may write what municipality mid publishes: edit,
// publish and fork its action guide, and add, change and retire services in its
// service overview. Its municipality administrators only: these are the
// municipality's own texts; a system administrator operates the installation and sets
// up networks, but does not write them. Reading them needs no rule: they are public.
func CanEditPublished(a Actor, mid string) bool {
	return mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid)
}

// CanManageNetworks reports whether a may set up networks of municipalities: system
// administrators only.
func CanManageNetworks(a Actor) bool { return a.Roles.IsSystemAdmin() }
