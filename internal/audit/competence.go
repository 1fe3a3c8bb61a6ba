package audit

// Administrative actions on competence and courses (DESIGN.md §2.6), and the hours of a
// full-time year of networks and municipalities.
const (
	SetNetworkHours         Action = "network.hours"
	SetMunicipalityHours    Action = "municipality.hours"
	CreateArea              Action = "competence_area.create"
	UpdateArea              Action = "competence_area.update"
	AddCompetence           Action = "competence.add"
	VerifyCompetence        Action = "competence.verify"
	RemoveCompetence        Action = "competence.remove"
	SetShareCompetence      Action = "competence.share"
	SetNeeds                Action = "competence_needs.set"
	CreateCourse            Action = "course.create"
	AddSession              Action = "course.session"
	AddCourseParticipants   Action = "course.participants"
	RemoveCourseParticipant Action = "course.participant_remove"
	TakeAttendance          Action = "course.attendance"
)

// The targets of competence and course records.
const (
	TargetArea   TargetType = "competence_area"
	TargetCourse TargetType = "course"
)
