package audit

import "time"

// Administrative actions: changes to municipalities, units, users and roles. Those on
// guides, the service overview and networks are in guide.go and catalog.go. Every
// administrative record names its target (TargetType, TargetID) and carries no log.
const (
	CreateMunicipality Action = "municipality.create"
	CreateUnit         Action = "unit.create"
	CreateUser         Action = "user.create"
	GrantRole          Action = "role.grant"
	RevokeRole         Action = "role.revoke"
	DeactivateUser     Action = "user.deactivate"
	ActivateUser       Action = "user.activate"
	InviteUser         Action = "user.invite"
)

// TargetType names the kind of thing an administrative record is about.
type TargetType string

// The targets of administrative records. A guide's ID is its municipality's.
const (
	TargetMunicipality TargetType = "municipality"
	TargetUnit         TargetType = "unit"
	TargetUser         TargetType = "user"
	TargetNetwork      TargetType = "network"
	TargetGuide        TargetType = "guide"
	TargetGuideFile    TargetType = "guide_file"
	TargetService      TargetType = "service"
	// TargetLog is a log that moved between organisations (MoveLog): the one
	// administrative record about a log, which names nothing but its ID.
	TargetLog TargetType = "log"
)

// AdminEvent is one administrative record as the administrators' audit lists it.
// ActorName is empty for Stafett itself (ActorID "system") and for a removed user.
type AdminEvent struct {
	At             time.Time
	ActorID        string
	ActorName      string
	Action         Action
	TargetType     TargetType
	TargetID       string
	MunicipalityID string
}

// AdminFilter selects administrative records: those of one municipality (any the
// actor may read when empty), at or after From and before To (unbounded when zero).
type AdminFilter struct {
	MunicipalityID string
	From, To       time.Time
}

// Team actions. Setting up a team is administrative; the rest are team members'
// work, recorded with the team as target. A named case read by a team member is
// recorded on its log (ReadTeamCase), so it shows in the log's access log.
const (
	CreateTeam    Action     = "team.create"
	UpdateTeam    Action     = "team.update"
	AddMembers    Action     = "team.members_add"
	RemoveMember  Action     = "team.member_remove"
	CreateSeries  Action     = "team.series"
	CancelMeeting Action     = "team.cancel"
	MoveMeeting   Action     = "team.move"
	AddTeamCase   Action     = "team.case"
	AddAdvice     Action     = "team.advice"
	WriteMinutes  Action     = "team.minutes"
	ReadTeamCase  Action     = "team_case.read"
	CaseToLog     Action     = "team.case_log"
	TargetTeam    TargetType = "team"
)
