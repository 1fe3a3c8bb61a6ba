package logbook

import (
	"testing"

	"stafett/internal/fault"
)

func TestNewTransferValidate(t *testing.T) {
	cases := []struct {
		name string
		in   NewTransfer
		want fields
	}{
		{"OK", NewTransfer{ToUserID: "u2", Note: "Skolestart i august"}, nil},
		{"OK without note", NewTransfer{ToUserID: "u2"}, nil},
		{"no new holder", NewTransfer{ToUserID: " "}, fields{"to_user_id": "required"}},
		{"to the holder themself", NewTransfer{ToUserID: "u1"}, fields{"to_user_id": "invalid"}},
		{"note too long", NewTransfer{ToUserID: "u2", Note: long(MaxTransferNoteLen + 1)}, fields{"note": "too_long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFields(t, c.in.Validate("u1"), c.want) })
	}
}

func TestPropose(t *testing.T) {
	now := mustTime(t, "2025-06-01T12:00:00Z")
	covered := map[string]bool{"school": true}
	active := Log{ID: "log1", HolderID: "u1", HolderUnitID: "kg", Status: StatusActive, Level: 1}
	t.Run("pending transfer to covered unit", func(t *testing.T) {
		tr, err := NewTransfer{ToUserID: "u2", Note: " n ", OldHolderLeaves: true}.Propose(&active, "school", covered, now)
		if err != nil {
			t.Fatal(err)
		}
		if tr.LogID != "log1" || tr.FromUserID != "u1" || tr.ToUserID != "u2" || tr.ToUnitID != "school" || tr.Note != "n" ||
			tr.Status != TransferPending || !tr.ProposedAt.Equal(now) || tr.AnsweredAt != nil || !tr.OldHolderLeaves {
			t.Errorf("transfer %+v", tr)
		}
	})
	t.Run("unit not covered by consent", func(t *testing.T) {
		_, err := NewTransfer{ToUserID: "u2"}.Propose(&active, "nav", covered, now)
		checkFields(t, err, fields{"consent": "missing"})
	})
	t.Run("undring cannot be transferred", func(t *testing.T) {
		l := Log{HolderID: "u1", Status: StatusUndring}
		_, err := NewTransfer{ToUserID: "u2"}.Propose(&l, "school", covered, now)
		checkCode(t, err, fault.Conflict)
	})
	t.Run("closed log cannot be transferred", func(t *testing.T) {
		l := Log{HolderID: "u1", Status: StatusClosed, Level: 2}
		_, err := NewTransfer{ToUserID: "u2"}.Propose(&l, "school", covered, now)
		checkCode(t, err, fault.Conflict)
	})
}

func TestTransferAnswer(t *testing.T) {
	now := mustTime(t, "2025-06-02T12:00:00Z")
	for _, accept := range []bool{true, false} {
		want := map[bool]TransferStatus{true: TransferAccepted, false: TransferDeclined}[accept]
		t.Run(string(want)+" once then conflict", func(t *testing.T) {
			tr := Transfer{Status: TransferPending}
			if err := tr.Answer(accept, now); err != nil {
				t.Fatal(err)
			}
			if tr.Status != want || tr.AnsweredAt == nil || !tr.AnsweredAt.Equal(now) {
				t.Errorf("after answer %+v", tr)
			}
			checkCode(t, tr.Answer(!accept, now), fault.Conflict)
			checkCode(t, tr.Answer(accept, now), fault.Conflict)
			if tr.Status != want {
				t.Errorf("second answer changed status to %s", tr.Status)
			}
		})
	}
	t.Run("cancelled transfer cannot be answered", func(t *testing.T) {
		tr := Transfer{Status: TransferPending}
		if err := tr.Cancel(now); err != nil {
			t.Fatal(err)
		}
		if tr.Status != TransferCancelled {
			t.Errorf("status %s", tr.Status)
		}
		checkCode(t, tr.Answer(true, now), fault.Conflict)
		checkCode(t, tr.Cancel(now), fault.Conflict)
	})
}

func TestTransferApply(t *testing.T) {
	covered := map[string]bool{"kg": true, "school": true}
	t.Run("accepted transfer hands over the baton", func(t *testing.T) {
		l := Log{HolderID: "u1", HolderUnitID: "kg", Status: StatusActive, Level: 1}
		tr := Transfer{ToUserID: "u2", ToUnitID: "school", Status: TransferAccepted}
		if err := tr.Apply(&l, covered); err != nil {
			t.Fatal(err)
		}
		if l.HolderID != "u2" || l.HolderUnitID != "school" {
			t.Errorf("log %+v", l)
		}
	})
	for _, s := range []TransferStatus{TransferPending, TransferDeclined, TransferCancelled} {
		t.Run(string(s)+" transfer leaves the holder", func(t *testing.T) {
			l := Log{HolderID: "u1", HolderUnitID: "kg", Status: StatusActive, Level: 1}
			tr := Transfer{ToUserID: "u2", ToUnitID: "school", Status: s}
			checkCode(t, tr.Apply(&l, covered), fault.Conflict)
			if l.HolderID != "u1" {
				t.Errorf("holder changed to %s", l.HolderID)
			}
		})
	}
	t.Run("closed log is not handed over", func(t *testing.T) {
		l := Log{HolderID: "u1", Status: StatusClosed, Level: 1}
		tr := Transfer{ToUserID: "u2", Status: TransferAccepted}
		checkCode(t, tr.Apply(&l, covered), fault.Conflict)
	})
	t.Run("unit no longer covered is not handed over", func(t *testing.T) {
		l := Log{HolderID: "u1", HolderUnitID: "kg", Status: StatusActive, Level: 1}
		tr := Transfer{ToUserID: "u2", ToUnitID: "school", Status: TransferAccepted}
		checkFields(t, tr.Apply(&l, map[string]bool{"kg": true}), fields{"consent": fault.FieldMissing})
		if l.HolderID != "u1" || l.HolderUnitID != "kg" {
			t.Errorf("log handed over without consent: %+v", l)
		}
	})
}
