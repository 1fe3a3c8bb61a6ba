package access

import (
	"fmt"
	"slices"
	"testing"

	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// This file tests 1,253 cells of the policy, each one Decide call with its expected
// answer: the four matrices hold 672 (DESIGN.md §4 on an active log, 10 actor kinds ×
// 16 actions = 160; the same on a closed log, 160; an undring, 11 × 16 = 176; a closed
// undring, 176), TestHiddenFromEverything 560 (7 relations × 5 states × 16 actions)
// and TestDecideFurtherRules 21. Each test asserts its own count so the numbers stay
// true.

// Short names keep the matrices readable as the table they mirror.
const (
	A = Allow
	F = Forbidden
	H = Hidden
	C = Closed
)

type actor struct {
	name string
	rel  Relation
}

// The columns of DESIGN.md §4, in its order; the proposed holder is an employee with
// no other relationship to the log.
var tableActors = []actor{
	{"holder", Relation{Holder: true}},
	{"participant_write", Relation{Participant: AccessWrite, ParticipantCovered: true}},
	{"participant_read", Relation{Participant: AccessRead, ParticipantCovered: true}},
	{"leader_of_holder_unit", Relation{LeaderOfHolderUnit: true}},
	{"other_employee", Relation{}},
	{"guardian", Relation{Guardian: true, ParentalResponsibility: true}},
	{"youth", Relation{Youth: true}},
	{"municipality_admin", Relation{}},
	{"system_admin", Relation{}},
	{"proposed_holder", Relation{ProposedHolder: true}},
}

type row struct {
	action Action
	want   []Decision
}

// activeTable is DESIGN.md §4 for an active log, columns as tableActors. Rows below
// the line are actions the table does not name; their cells are the decisions
// documented in log.go.
var activeTable = []row{
	//                         hold pW  pR  lead oth  guar youth madm sadm prop
	{ActionRead, []Decision{A, A, A, A, H, A, A, H, H, H}},
	{ActionAddNote, []Decision{A, A, F, A, H, A, A, H, H, H}},
	{ActionAddEntry, []Decision{A, A, F, A, H, F, F, H, H, H}},
	{ActionChangeLevel, []Decision{A, F, F, A, H, F, F, H, H, H}},
	{ActionManageParticipants, []Decision{A, F, F, A, H, F, F, H, H, H}},
	{ActionProposeTransfer, []Decision{A, F, F, A, H, F, F, H, H, H}},
	{ActionAnswerTransfer, []Decision{F, F, F, F, H, F, F, H, H, A}},
	{ActionRegisterConsent, []Decision{A, F, F, A, H, F, F, H, H, H}},
	{ActionGiveConsent, []Decision{F, F, F, F, H, A, A, H, H, H}},
	{ActionClose, []Decision{A, F, F, A, H, A, A, H, H, H}},
	{ActionReadAccessLog, []Decision{A, F, F, A, H, A, A, H, H, H}},
	{ActionExport, []Decision{A, F, F, A, H, A, A, H, H, H}},
	// not in the table
	{ActionMarkStep, []Decision{A, A, F, A, H, F, F, H, H, H}},
	{ActionManageGuardians, []Decision{A, F, F, A, H, F, F, H, H, H}},
	{ActionSuspendGuardian, []Decision{F, F, F, A, H, F, F, H, H, H}},
	{ActionDecideUndring, []Decision{A, F, F, A, H, F, F, H, H, H}},
	{ActionCorrectChild, []Decision{A, F, F, A, H, F, F, H, H, H}},
}

// undringActors are everyone who might touch an undring. The leader of the author's
// unit is normally also leader of the holder unit, as the store computes it.
var undringActors = []actor{
	{"author_holder", Relation{Author: true, Holder: true}},
	{"author_no_longer_holder", Relation{Author: true}},
	{"leader_of_author_unit", Relation{LeaderOfAuthorUnit: true, LeaderOfHolderUnit: true}},
	{"leader_of_holder_unit_only", Relation{LeaderOfHolderUnit: true}},
	{"participant_write", Relation{Participant: AccessWrite, ParticipantCovered: true}},
	{"participant_read", Relation{Participant: AccessRead, ParticipantCovered: true}},
	{"guardian", Relation{Guardian: true, ParentalResponsibility: true}},
	{"youth", Relation{Youth: true}},
	{"other_employee", Relation{}},
	{"admin", Relation{}},
	{"proposed_holder", Relation{ProposedHolder: true}},
}

// undringTable: author and leaders of the author's unit only; no participants and no
// transfer before the undring is decided.
var undringTable = []row{
	//                         auth auth2 lead lHold pW  pR  guar youth oth adm prop
	{ActionRead, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionAddNote, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionAddEntry, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionChangeLevel, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionManageParticipants, []Decision{F, F, F, H, H, H, H, H, H, H, H}},
	{ActionProposeTransfer, []Decision{F, F, F, H, H, H, H, H, H, H, H}},
	{ActionAnswerTransfer, []Decision{F, F, F, H, H, H, H, H, H, H, A}},
	{ActionRegisterConsent, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionGiveConsent, []Decision{F, F, F, H, H, H, H, H, H, H, H}},
	{ActionClose, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionReadAccessLog, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionExport, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionMarkStep, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionManageGuardians, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionSuspendGuardian, []Decision{F, F, A, H, H, H, H, H, H, H, H}},
	{ActionDecideUndring, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
	{ActionCorrectChild, []Decision{A, A, A, H, H, H, H, H, H, H, H}},
}

// closedFrom turns an open log's expectation into a closed log's: every write by an
// actor who can read the log answers Closed, also one they could not make in an open
// log; reads, refusals to read and hiding stay as they were.
func closedFrom(want Decision, a Action) Decision {
	if (want == Allow || want == Forbidden) && a.IsWrite() {
		return Closed
	}
	return want
}

func runMatrix(t *testing.T, actors []actor, table []row, log LogState, closed bool) int {
	t.Helper()
	if len(table) != len(Actions()) {
		t.Fatalf("table has %d rows, want one per action (%d)", len(table), len(Actions()))
	}
	n := 0
	for _, r := range table {
		if len(r.want) != len(actors) {
			t.Fatalf("row %s has %d cells, want %d", r.action, len(r.want), len(actors))
		}
		for i, a := range actors {
			want := r.want[i]
			if closed {
				want = closedFrom(want, r.action)
			}
			n++
			t.Run(fmt.Sprintf("%s %s is %s", a.name, r.action, want), func(t *testing.T) {
				if got := Decide(a.rel, log, r.action); got != want {
					t.Errorf("Decide(%+v, %+v, %s) = %s, want %s", a.rel, log, r.action, got, want)
				}
			})
		}
	}
	return n
}

func TestDecideTable(t *testing.T) {
	n := 0
	t.Run("active log", func(t *testing.T) {
		n += runMatrix(t, tableActors, activeTable, LogState{Status: "active", Level: 2}, false)
	})
	t.Run("closed log is read-only", func(t *testing.T) {
		n += runMatrix(t, tableActors, activeTable, LogState{Status: "closed", Level: 2}, true)
	})
	t.Run("undring is private to author and leader", func(t *testing.T) {
		n += runMatrix(t, undringActors, undringTable, LogState{Status: "undring", Level: 0}, false)
	})
	t.Run("closed undring stays private", func(t *testing.T) {
		n += runMatrix(t, undringActors, undringTable, LogState{Status: "closed", Level: 0}, true)
	})
	if n != 714 {
		t.Errorf("tested %d matrix cells, want 714", n)
	}
}

// allStates are the states an actor with no standing must be hidden from.
var allStates = []LogState{
	{Status: "undring", Level: 0},
	{Status: "active", Level: 1},
	{Status: "active", Level: 3},
	{Status: "closed", Level: 2},
	{Status: "closed", Level: 0},
}

// TestHiddenFromEverything: relationships that give no standing hide every state of
// a log for every action. One subtest per relation keeps the names readable.
func TestHiddenFromEverything(t *testing.T) {
	cases := []struct {
		name string
		rel  Relation
	}{
		{"admin with empty relation", Relation{}},
		{"removed participant", Relation{ParticipantCovered: true}},
		{"participant write whose unit is not covered", Relation{Participant: AccessWrite}},
		{"participant read whose unit is not covered", Relation{Participant: AccessRead}},
		{"guardian without parental responsibility", Relation{Guardian: true}},
		{"suspended guardian", Relation{Guardian: true, ParentalResponsibility: true, Suspended: true}},
		{"suspended youth", Relation{Youth: true, Suspended: true}},
	}
	n := 0
	for _, c := range cases {
		t.Run(c.name+" sees nothing", func(t *testing.T) {
			for _, s := range allStates {
				for _, a := range Actions() {
					n++
					if got := Decide(c.rel, s, a); got != Hidden {
						t.Errorf("Decide(%+v, %+v, %s) = %s, want hidden", c.rel, s, a, got)
					}
				}
			}
		})
	}
	if n != 7*5*17 {
		t.Errorf("tested %d decisions, want %d", n, 7*5*17)
	}
}

func TestDecideFurtherRules(t *testing.T) {
	active := LogState{Status: "active", Level: 1}
	closed := LogState{Status: "closed", Level: 1}
	undring := LogState{Status: "undring", Level: 0}
	cases := []struct {
		name   string
		rel    Relation
		log    LogState
		action Action
		want   Decision
	}{
		{"holder whose unit is not covered keeps reading", Relation{Holder: true}, active, ActionRead, Allow},
		{"holder listed as uncovered participant keeps writing", Relation{Holder: true, Participant: AccessRead}, active, ActionAddEntry, Allow},
		{"proposed holder answers before reading", Relation{ProposedHolder: true}, active, ActionAnswerTransfer, Allow},
		{"proposed holder cannot read yet", Relation{ProposedHolder: true}, active, ActionRead, Hidden},
		{"proposed holder who is participant answers", Relation{ProposedHolder: true, Participant: AccessRead, ParticipantCovered: true}, active, ActionAnswerTransfer, Allow},
		{"proposed holder on closed log gets conflict", Relation{ProposedHolder: true}, closed, ActionAnswerTransfer, Closed},
		{"proposed holder answers transfer of undring", Relation{ProposedHolder: true}, undring, ActionAnswerTransfer, Allow},
		{"holder answering own proposal is forbidden", Relation{Holder: true}, active, ActionAnswerTransfer, Forbidden},
		{"guardian who is also suspended keeps holder rights", Relation{Holder: true, Guardian: true, Suspended: true}, active, ActionChangeLevel, Allow},
		{"youth with guardian flags unset reads", Relation{Youth: true}, closed, ActionRead, Allow},
		{"youth cannot register paper consent", Relation{Youth: true}, active, ActionRegisterConsent, Forbidden},
		{"guardian cannot register paper consent", Relation{Guardian: true, ParentalResponsibility: true}, active, ActionRegisterConsent, Forbidden},
		{"guardian withdrawing on closed log gets conflict", Relation{Guardian: true, ParentalResponsibility: true}, closed, ActionGiveConsent, Closed},
		{"author in active log gets nothing from authorship", Relation{Author: true}, active, ActionRead, Hidden},
		{"leader of author unit in active log gets nothing from it", Relation{LeaderOfAuthorUnit: true}, active, ActionRead, Hidden},
		{"active log at level 0 is treated as undring", Relation{Guardian: true, ParentalResponsibility: true}, LogState{Status: "active", Level: 0}, ActionRead, Hidden},
		{"unknown status hides from holder", Relation{Holder: true}, LogState{Status: "draft", Level: 1}, ActionRead, Hidden},
		{"empty status hides from holder", Relation{Holder: true}, LogState{Level: 1}, ActionRead, Hidden},
		{"unknown action forbidden to holder", Relation{Holder: true}, active, Action("delete"), Forbidden},
		{"unknown action hidden from stranger", Relation{}, active, Action("delete"), Hidden},
		{"empty action forbidden to leader", Relation{LeaderOfHolderUnit: true}, active, Action(""), Forbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Decide(c.rel, c.log, c.action); got != c.want {
				t.Errorf("Decide(%+v, %+v, %s) = %s, want %s", c.rel, c.log, c.action, got, c.want)
			}
		})
	}
	if len(cases) != 21 {
		t.Errorf("%d cases, want 21", len(cases))
	}
}

func TestCanRead(t *testing.T) {
	cases := []struct {
		name string
		rel  Relation
		log  LogState
		want bool
	}{
		{"holder reads active", Relation{Holder: true}, LogState{Status: "active", Level: 1}, true},
		{"guardian reads closed", Relation{Guardian: true, ParentalResponsibility: true}, LogState{Status: "closed", Level: 3}, true},
		{"guardian does not read undring", Relation{Guardian: true, ParentalResponsibility: true}, LogState{Status: "undring"}, false},
		{"admin reads nothing", Relation{}, LogState{Status: "active", Level: 1}, false},
		{"participant read reads closed", Relation{Participant: AccessRead, ParticipantCovered: true}, LogState{Status: "closed", Level: 1}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CanRead(c.rel, c.log); got != c.want {
				t.Errorf("CanRead = %v, want %v", got, c.want)
			}
		})
	}
}

func TestWriteActions(t *testing.T) {
	reads := []Action{ActionRead, ActionReadAccessLog, ActionExport}
	w := WriteActions()
	if len(w)+len(reads) != len(Actions()) {
		t.Fatalf("%d writes + %d reads != %d actions", len(w), len(reads), len(Actions()))
	}
	for _, a := range reads {
		if slices.Contains(w, a) {
			t.Errorf("%s listed as a write", a)
		}
	}
	if !Action("unknown").IsWrite() {
		t.Error("unknown action is not a write; it must be treated as one")
	}
}

func TestDecisionZeroValueDenies(t *testing.T) {
	var d Decision
	if d != Hidden || d.Err() == nil || !fault.Is(d.Err(), fault.NotFound) {
		t.Errorf("zero Decision = %s, err %v; want hidden / not_found", d, d.Err())
	}
}

func TestDecisionErr(t *testing.T) {
	cases := []struct {
		d    Decision
		want fault.Code
	}{{Allow, ""}, {Forbidden, fault.Forbidden}, {Hidden, fault.NotFound}, {Closed, fault.Conflict}}
	for _, c := range cases {
		t.Run(c.d.String(), func(t *testing.T) {
			if got := fault.CodeOf(c.d.Err()); got != c.want {
				t.Errorf("code %q, want %q", got, c.want)
			}
		})
	}
}

// TestActionForEntryKind keeps the policy in step with logbook's kinds: every kind a
// person posts has an add action, guardian kinds need exactly ActionAddNote (which
// guardians have), and system kinds have none.
func TestActionForEntryKind(t *testing.T) {
	for _, k := range logbook.UserKinds() {
		t.Run(string(k)+" has an add action", func(t *testing.T) {
			a, ok := ActionForEntryKind(string(k))
			if !ok {
				t.Fatalf("no action for %s", k)
			}
			if k.GuardianMayPost() != (a == ActionAddNote) {
				t.Errorf("%s → %s, but GuardianMayPost = %v", k, a, k.GuardianMayPost())
			}
		})
	}
	for _, k := range append(logbook.SystemKinds(), "", "nonsense") {
		t.Run(string(k)+" cannot be posted", func(t *testing.T) {
			if a, ok := ActionForEntryKind(string(k)); ok {
				t.Errorf("%q → %s, want none", k, a)
			}
		})
	}
}
