package access

import "stafett/internal/fault"

// Access is a participant's access to a log; empty when the actor is not a
// participant.
type Access string

// The participant access levels.
const (
	AccessNone  Access = ""
	AccessRead  Access = "read"
	AccessWrite Access = "write"
)

// Relation is the actor's relationships to one log, computed by the store for each
// request. An administrator's admin roles never appear here: an administrator with no
// other relationship has the zero Relation and sees nothing of any log.
type Relation struct {
	Holder                 bool
	Participant            Access
	ParticipantCovered     bool // the participant's unit is covered by a currently valid consent
	LeaderOfHolderUnit     bool
	Guardian               bool
	ParentalResponsibility bool
	Suspended              bool // a leader has suspended this guardian's (or youth's) link
	Youth                  bool // the child themself, linked as a youth user
	Author                 bool // author of the log's undring; normally also the holder
	ProposedHolder         bool // the new holder of a pending transfer of the log
	LeaderOfAuthorUnit     bool // leader of the unit the undring was opened in
}

// Staff reports whether the actor stands to the log as staff: holder, leader or
// participant. Everyone else who can read it is family (guardian or youth), who are
// shown less: no other guardian's suspension, for one.
func (r Relation) Staff() bool {
	return r.Holder || r.LeaderOfHolderUnit || r.LeaderOfAuthorUnit || r.Participant != ""
}

// LogState is what the policy needs to know about the log itself.
type LogState struct {
	Status string // "undring", "active" or "closed"
	Level  int
}

// The log statuses as the policy knows them (logbook.Status values).
const (
	statusUndring = "undring"
	statusActive  = "active"
	statusClosed  = "closed"
)

// Action is something an actor does to a log.
type Action string

// The actions on a log. Amending an entry is not an action of its own: it follows the
// add rule for the entry's kind (ActionForEntryKind), and logbook.Amend lets only the
// entry's author do it.
const (
	ActionRead               Action = "read"
	ActionAddNote            Action = "add_note"  // note, bright_spot
	ActionAddEntry           Action = "add_entry" // concern, measure, meeting, evaluation
	ActionChangeLevel        Action = "change_level"
	ActionManageParticipants Action = "manage_participants"
	ActionManageGuardians    Action = "manage_guardians"
	ActionSuspendGuardian    Action = "suspend_guardian"
	ActionProposeTransfer    Action = "propose_transfer"
	ActionAnswerTransfer     Action = "answer_transfer"
	ActionRegisterConsent    Action = "register_consent" // from a signed paper form
	ActionGiveConsent        Action = "give_consent"     // give or withdraw in the app
	ActionClose              Action = "close"
	ActionReadAccessLog      Action = "read_access_log"
	ActionExport             Action = "export"
	ActionDecideUndring      Action = "decide_undring"
	ActionMarkStep           Action = "mark_step"     // tick an action-guide step
	ActionCorrectChild       Action = "correct_child" // correct the child's name, initials, birth date
)

// Actions returns every action on a log.
func Actions() []Action {
	return []Action{
		ActionRead, ActionAddNote, ActionAddEntry, ActionChangeLevel, ActionManageParticipants,
		ActionManageGuardians, ActionSuspendGuardian, ActionProposeTransfer, ActionAnswerTransfer,
		ActionRegisterConsent, ActionGiveConsent, ActionClose, ActionReadAccessLog, ActionExport,
		ActionDecideUndring, ActionMarkStep, ActionCorrectChild,
	}
}

// WriteActions returns the actions that change a log; on a closed log they answer
// Closed to whoever could otherwise do them.
func WriteActions() []Action {
	var w []Action
	for _, a := range Actions() {
		if a.IsWrite() {
			w = append(w, a)
		}
	}
	return w
}

// IsWrite reports whether a changes the log. Reading the log, its access log and its
// export are the only reads; an unknown action counts as a write.
func (a Action) IsWrite() bool {
	switch a {
	case ActionRead, ActionReadAccessLog, ActionExport:
		return false
	}
	return true
}

// ActionForEntryKind returns the action that adding (or amending) an entry of kind
// needs, and false for kinds no person may post (system kinds and unknown ones).
func ActionForEntryKind(kind string) (Action, bool) {
	switch kind {
	case "note", "bright_spot":
		return ActionAddNote, true
	case "concern", "measure", "meeting", "evaluation":
		return ActionAddEntry, true
	}
	return "", false
}

// Decision is the policy's answer. The zero value is Hidden, so a decision never made
// denies.
type Decision int

// The decisions.
const (
	Hidden    Decision = iota // not visible: answer 404, as for a log that does not exist
	Forbidden                 // visible but not allowed: 403
	Closed                    // allowed, but the log is closed: 409
	Allow
)

// String names the decision, as in test names and logs.
func (d Decision) String() string {
	switch d {
	case Allow:
		return "allow"
	case Forbidden:
		return "forbidden"
	case Closed:
		return "closed"
	}
	return "hidden"
}

// Err returns nil for Allow and otherwise the error to answer with: not found,
// forbidden or conflict.
func (d Decision) Err() error {
	switch d {
	case Allow:
		return nil
	case Forbidden:
		return fault.New(fault.Forbidden, "you may not do this in this log")
	case Closed:
		return fault.New(fault.Conflict, "the log is closed")
	}
	return fault.New(fault.NotFound, "log not found")
}

// standing is what an actor's relationships amount to for one log.
type standing struct {
	manager bool // holder or leader of the holder unit; in an undring, author, holder or leader of the author's unit
	leader  bool // a leader among the managers
	writer  bool // participant with write access and a covered unit
	reader  bool // participant with a covered unit
	family  bool // guardian with parental responsibility or youth, not suspended
	undring bool // the log has never left level 0
}

func standingOf(rel Relation, log LogState) standing {
	// A log that never left level 0 stays an undring when it is closed by its decision,
	// so its privacy outlives its status.
	if log.Status == statusUndring || log.Level == 0 {
		return standing{
			manager: rel.Author || rel.Holder || rel.LeaderOfAuthorUnit,
			leader:  rel.LeaderOfAuthorUnit,
			undring: true,
		}
	}
	covered := rel.ParticipantCovered
	return standing{
		manager: rel.Holder || rel.LeaderOfHolderUnit,
		leader:  rel.LeaderOfHolderUnit,
		writer:  covered && rel.Participant == AccessWrite,
		reader:  covered && (rel.Participant == AccessRead || rel.Participant == AccessWrite),
		// A suspension ends the youth's link as it does a guardian's.
		family: !rel.Suspended && ((rel.Guardian && rel.ParentalResponsibility) || rel.Youth),
	}
}

func (s standing) canRead() bool { return s.manager || s.reader || s.family }

// may reports whether s allows action on an open log. It is the table of DESIGN.md §4;
// comments mark the decisions the table leaves open.
func (s standing) may(action Action) bool {
	switch action {
	case ActionRead:
		return s.canRead()
	case ActionAddNote:
		return s.manager || s.writer || s.family
	case ActionAddEntry, ActionMarkStep:
		return s.manager || s.writer
	case ActionChangeLevel, ActionCorrectChild:
		// Correcting the child's details (API.md: holder, leader) is the managers'.
		return s.manager
	case ActionManageParticipants, ActionProposeTransfer:
		// An undring has no consent, so no unit can be covered for a participant or a
		// new holder; it is decided (or activated) first.
		return s.manager && !s.undring
	case ActionManageGuardians:
		// Linking guardians: the holder or a leader, also in an undring, since
		// activation needs a guardian linked.
		return s.manager
	case ActionSuspendGuardian:
		return s.leader
	case ActionRegisterConsent:
		// Also in an undring: activation needs a valid consent registered first.
		return s.manager
	case ActionGiveConsent:
		return s.family
	case ActionClose, ActionReadAccessLog, ActionExport:
		return s.manager || s.family
	case ActionDecideUndring:
		// The holder or a leader; logbook answers a conflict once it is decided.
		return s.manager
	}
	// ActionAnswerTransfer is for the proposed holder only (see Decide); unknown
	// actions are denied.
	return false
}

// Decide is the one access policy for logs: what actor with relationships rel may do
// to log. Deny by default: an actor who cannot read the log gets Hidden for
// everything, except that the proposed new holder of a pending transfer may answer it
// before they can read the log. A closed log is read-only for everyone: an actor who
// can read it gets Closed for every write, whether or not they could make it were the
// log open (API.md: afterwards every write answers 409). Otherwise an actor who can
// read gets Forbidden for what they may not do.
func Decide(rel Relation, log LogState, action Action) Decision {
	switch log.Status {
	case statusUndring, statusActive, statusClosed:
	default:
		return Hidden
	}
	s := standingOf(rel, log)
	allowed := s.may(action)
	if action == ActionAnswerTransfer && rel.ProposedHolder {
		allowed = true
	} else if !s.canRead() {
		return Hidden
	}
	switch {
	case log.Status == statusClosed && action.IsWrite():
		return Closed
	case !allowed:
		return Forbidden
	}
	return Allow
}

// CanRead reports whether the actor may read log and its entries.
func CanRead(rel Relation, log LogState) bool { return Decide(rel, log, ActionRead) == Allow }
