package access

import "testing"

// TestSuspendedFamily covers every path of the policy that reads Suspended (the
// family standing in standingOf, and through it each action family may take), for a
// guardian with parental responsibility and for the young person alike: allowed
// before a suspension, hidden (404, as a log that does not exist) after it, on an
// active log and on a closed one.
func TestSuspendedFamily(t *testing.T) {
	family := map[string]Relation{
		"Guardian": {Guardian: true, ParentalResponsibility: true},
		"Youth":    {Youth: true},
	}
	familyActions := []Action{ActionRead, ActionAddNote, ActionGiveConsent, ActionClose, ActionReadAccessLog, ActionExport}
	for who, rel := range family {
		for _, status := range []string{statusActive, statusClosed} {
			log := LogState{Status: status, Level: 1}
			for _, action := range familyActions {
				want := Allow
				if status == statusClosed && action.IsWrite() {
					want = Closed
				}
				t.Run(who+"/"+status+"/"+string(action)+"/NotSuspended", func(t *testing.T) {
					if got := Decide(rel, log, action); got != want {
						t.Errorf("= %v, want %v", got, want)
					}
				})
				suspended := rel
				suspended.Suspended = true
				t.Run(who+"/"+status+"/"+string(action)+"/Suspended", func(t *testing.T) {
					if got := Decide(suspended, log, action); got != Hidden {
						t.Errorf("= %v, want hidden", got)
					}
				})
			}
			suspended := rel
			suspended.Suspended = true
			if CanRead(suspended, log) || !CanRead(rel, log) {
				t.Errorf("%s %s: CanRead suspended %v, not suspended %v", who, status, CanRead(suspended, log), CanRead(rel, log))
			}
		}
	}
}
