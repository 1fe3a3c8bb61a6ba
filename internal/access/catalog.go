package access

import "stafett/internal/people"

// CanEditCatalog reports whether a may add, change and retire services in the
// tiltaksoversikt of municipality mid: its municipality administrators only, as for
// the action guide. The overview is the municipality's own account of its services;
// a system administrator operates the installation but does not write it. Reading
// the overview needs no rule: it is public.
func CanEditCatalog(a Actor, mid string) bool {
	return mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid)
}
