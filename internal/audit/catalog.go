package audit

// Actions on the service overview (tiltaksoversikt). They carry the municipality and
// no log; the detail names the service.
const (
	CreateService Action = "catalog.create"
	UpdateService Action = "catalog.update"
	RetireService Action = "catalog.retire"
)
