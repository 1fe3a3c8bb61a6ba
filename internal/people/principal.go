package people

// Principal is the actor of a request or of a job: a signed-in user with their
// roles, as loaded for each request, or Stafett itself (System).
type Principal struct {
	Session Session
	User    User
	Roles   Roles
	// SecondFactor says that the session proves more than a password: the account
	// has two-step verification in force, or the session came from an identity
	// provider. Administrators need it for every administrative action.
	SecondFactor bool
	// system marks Stafett itself. It is unexported so that only System makes it:
	// a principal loaded for a request (from a session) never has it.
	system bool
}

// SystemActorID is how the system principal is recorded as an actor. User IDs are
// random hex, so no user can have it.
const SystemActorID = "system"

// System returns the principal of Stafett itself, for set-up that no person does:
// the bootstrap administrator, `stafett admin create`, demo and generated data, and
// the national guide a new municipality starts with. It administers as a system
// administrator does and nothing more, and is recorded as actor "system". Nothing
// that answers a web request may pass it: requests act as the principal of their
// session.
func System() *Principal {
	return &Principal{User: User{ID: SystemActorID, Active: true}, Roles: Roles{{Role: SystemAdmin}},
		SecondFactor: true, system: true}
}

// IsSystem reports whether p is Stafett itself (System).
func (p *Principal) IsSystem() bool { return p != nil && p.system }
