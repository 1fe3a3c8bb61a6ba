package logbook

import (
	"testing"

	"stafett/internal/fault"
)

func TestNewParticipantValidate(t *testing.T) {
	cases := []struct {
		name string
		in   NewParticipant
		want fields
	}{
		{"read", NewParticipant{UserID: "u2", Access: ParticipantRead}, nil},
		{"write", NewParticipant{UserID: "u2", Access: ParticipantWrite}, nil},
		{"user missing", NewParticipant{Access: ParticipantRead}, fields{"user_id": "required"}},
		{"the holder", NewParticipant{UserID: "u1", Access: ParticipantRead}, fields{"user_id": "invalid"}},
		{"access missing", NewParticipant{UserID: "u2"}, fields{"access": "required"}},
		{"access unknown", NewParticipant{UserID: "u2", Access: "admin"}, fields{"access": "invalid"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFields(t, c.in.Validate("u1"), c.want) })
	}
}

func TestParticipantAdd(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	covered := map[string]bool{"ppt": true}
	in := NewParticipant{UserID: "u2", Access: ParticipantWrite}
	t.Run("covered unit", func(t *testing.T) {
		l := Log{ID: "log1", HolderID: "u1", Status: StatusActive, Level: 2}
		p, err := in.Add(&l, "ppt", covered, "u1", now)
		if err != nil {
			t.Fatal(err)
		}
		if p.LogID != "log1" || p.UserID != "u2" || p.UnitID != "ppt" || p.Access != ParticipantWrite || p.AddedBy != "u1" || !p.AddedAt.Equal(now) {
			t.Errorf("participant %+v", p)
		}
	})
	t.Run("uncovered unit", func(t *testing.T) {
		l := Log{HolderID: "u1", Status: StatusActive, Level: 2}
		_, err := in.Add(&l, "nav", covered, "u1", now)
		checkFields(t, err, fields{"consent": "missing"})
	})
	t.Run("undring has no participants", func(t *testing.T) {
		l := Log{HolderID: "u1", Status: StatusUndring}
		_, err := in.Add(&l, "ppt", covered, "u1", now)
		checkCode(t, err, fault.Conflict)
	})
	t.Run("closed log", func(t *testing.T) {
		l := Log{HolderID: "u1", Status: StatusClosed, Level: 1}
		_, err := in.Add(&l, "ppt", covered, "u1", now)
		checkCode(t, err, fault.Conflict)
	})
}

func TestGuardianSuspend(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	g := Guardian{UserID: "g1", ParentalResponsibility: true}
	if !g.HasAccess() {
		t.Fatal("guardian with responsibility has no access")
	}
	checkFields(t, g.Suspend("leader1", " ", now), fields{"reason": "required"})
	if !g.HasAccess() {
		t.Fatal("refused suspension took effect")
	}
	if err := g.Suspend("leader1", " Vedtak i barnevernet ", now); err != nil {
		t.Fatal(err)
	}
	if g.HasAccess() || g.SuspendReason != "Vedtak i barnevernet" || g.SuspendedBy != "leader1" || !g.SuspendedAt.Equal(now) {
		t.Errorf("guardian %+v", g)
	}
	checkCode(t, g.Suspend("leader1", "igjen", now), fault.Conflict)
	if (&Guardian{}).HasAccess() {
		t.Error("guardian without parental responsibility has access")
	}
}
