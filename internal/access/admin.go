// Package access decides every allow/deny in Stafett. Its functions are pure: they
// look only at the actor's relationships passed in and never at storage.
package access

import (
	"stafett/internal/fault"
	"stafett/internal/people"
)

// Actor is the signed-in person as the policy sees them.
type Actor struct {
	UserID string
	Roles  people.Roles
	// SecondFactor says the actor's session proves more than a password (see
	// people.Principal.SecondFactor).
	SecondFactor bool
}

// ErrSecondFactor is the answer to an administrator without a second factor.
var ErrSecondFactor = fault.New(fault.SecondFactorRequired,
	"administrators need two-step verification or a sign-in through an identity provider")

// Administer is the check every administrative action and read passes before its
// own rule: an actor holding an administrative role (people.Roles.Administers)
// whose session has no second factor is refused with second_factor_required,
// whatever the action and whichever role would allow it. Others pass, so a
// leader's or an employee's own actions are unaffected. It is the one place the
// rule lives: the store's administrative methods and the web layer's
// administrative routes both call it.
func Administer(a Actor) error {
	if a.Roles.Administers() && !a.SecondFactor {
		return ErrSecondFactor
	}
	return nil
}

// CanCreateMunicipality: only system administrators create municipalities.
func CanCreateMunicipality(a Actor) bool { return a.Roles.IsSystemAdmin() }

// CanAdminMunicipality reports whether a may manage the units, users and roles of
// municipality mid.
func CanAdminMunicipality(a Actor, mid string) bool {
	return a.Roles.IsSystemAdmin() || a.Roles.Has(people.MunicipalityAdmin, mid)
}

// CanCreateUser reports whether a may create a user whose home is municipality mid
// (empty for a user without a home, which only system administrators may create).
func CanCreateUser(a Actor, mid string) bool {
	if a.Roles.IsSystemAdmin() {
		return true
	}
	return mid != "" && a.Roles.Has(people.MunicipalityAdmin, mid)
}

// CanSeeUser reports whether a may see and manage the user whose home municipality is
// home and who holds roles in the municipalities in, as an administrator or leader.
func CanSeeUser(a Actor, home string, in []string) bool {
	if a.Roles.IsSystemAdmin() {
		return true
	}
	for _, r := range a.Roles {
		if r.Role != people.MunicipalityAdmin && r.Role != people.UnitLeader {
			continue
		}
		if home != "" && home == r.MunicipalityID {
			return true
		}
		for _, m := range in {
			if m == r.MunicipalityID {
				return true
			}
		}
	}
	return false
}

// CanAssignRole reports whether a may give role r (with its municipality resolved).
// System administrators assign anything; municipality administrators assign roles in
// their own municipality; unit leaders add employees to their own unit.
func CanAssignRole(a Actor, r people.Role) bool {
	switch {
	case a.Roles.IsSystemAdmin():
		return true
	case r.Role == people.SystemAdmin, r.Role == people.NetworkCoordinator:
		// Coordinators are set up with their network, by system administrators.
		return false
	case a.Roles.Has(people.MunicipalityAdmin, r.MunicipalityID):
		return true
	case r.Role == people.Employee:
		return a.Roles.InUnit(people.UnitLeader, r.UnitID)
	}
	return false
}

// CanChangeRolesOf reports whether a may give roles to or take roles from user uid:
// never their own, whatever their roles. An administrator who could make themselves a
// unit leader would reach log content through their admin role (DESIGN.md §4: admin
// roles never gain log content); another administrator does it.
func CanChangeRolesOf(a Actor, uid string) bool { return uid != "" && uid != a.UserID }

// CanManageUser reports whether a may deactivate or reactivate a user with home
// municipality home holding roles in the municipalities in: system administrators,
// and administrators of one of those municipalities.
func CanManageUser(a Actor, home string, in []string) bool {
	if a.Roles.IsSystemAdmin() {
		return true
	}
	if home != "" && a.Roles.Has(people.MunicipalityAdmin, home) {
		return true
	}
	for _, m := range in {
		if a.Roles.Has(people.MunicipalityAdmin, m) {
			return true
		}
	}
	return false
}

// CanAdministerUsers reports whether a administers any users at all: anyone holding
// a role other than employee. Others are refused before any user is looked up, so
// they learn nothing about which users exist.
func CanAdministerUsers(a Actor) bool {
	for _, r := range a.Roles {
		if r.Role != people.Employee {
			return true
		}
	}
	return false
}

// ManagingMunicipality names the municipality through which a may manage a user
// with home municipality home holding roles in the municipalities in (see
// CanManageUser): home if a administers it, else the first of in that a
// administers; for a system administrator home (which may be empty).
func ManagingMunicipality(a Actor, home string, in []string) string {
	if home != "" && a.Roles.Has(people.MunicipalityAdmin, home) {
		return home
	}
	for _, m := range in {
		if a.Roles.Has(people.MunicipalityAdmin, m) {
			return m
		}
	}
	return home
}

// AdminAuditScope decides which administrative records a may read when asking for
// those of municipality mid ("" for all a may read). A system administrator reads
// every record (all) or those of mid; a municipality administrator those of the
// municipalities they administer (mids), or of mid if it is one of them. Anyone
// else, and an administrator asking for another municipality, is refused (ok false).
func AdminAuditScope(a Actor, mid string) (mids []string, all, ok bool) {
	if a.Roles.IsSystemAdmin() {
		if mid == "" {
			return nil, true, true
		}
		return []string{mid}, false, true
	}
	for _, r := range a.Roles {
		if r.Role == people.MunicipalityAdmin && (mid == "" || r.MunicipalityID == mid) {
			mids = append(mids, r.MunicipalityID)
		}
	}
	return mids, false, len(mids) > 0
}
