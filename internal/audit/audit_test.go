package audit

import (
	"errors"
	"testing"
	"time"
)

func chain(n int) []Event {
	var out []Event
	var seq int64
	prev := ""
	for i := range n {
		e := Event{At: time.Date(2026, 11, 23, 9, i, 0, 0, time.UTC), ActorID: "u", Role: "holder", LogID: "l", Action: ReadLog}
		e.Seal(seq, prev)
		seq, prev = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func verify(es []Event, headSeq int64, headHash string) error {
	var v Verifier
	for i := range es {
		if err := v.Next(&es[i]); err != nil {
			return err
		}
	}
	return v.End(headSeq, headHash)
}

func TestVerify(t *testing.T) {
	intact := chain(5)
	head := intact[4]
	cases := []struct {
		name   string
		mutate func([]Event) []Event
		broken int64 // 0: intact
	}{
		{"Intact", func(es []Event) []Event { return es }, 0},
		{"ChangedField", func(es []Event) []Event { es[2].ActorID = "other"; return es }, 3},
		{"ChangedFieldAndHash", func(es []Event) []Event {
			es[1].Detail = "x"
			es[1].Hash = es[1].ComputeHash(es[1].PrevHash)
			return es
		}, 3},
		{"RemovedMiddle", func(es []Event) []Event { return append(es[:2:2], es[3:]...) }, 4},
		{"RemovedEnd", func(es []Event) []Event { return es[:4] }, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es := c.mutate(append([]Event(nil), intact...))
			err := verify(es, head.Seq, head.Hash)
			var b *Broken
			switch {
			case c.broken == 0 && err != nil:
				t.Errorf("intact chain: %v", err)
			case c.broken != 0 && (!errors.As(err, &b) || b.Seq != c.broken):
				t.Errorf("err = %v, want broken at %d", err, c.broken)
			}
		})
	}
}

func TestHashFieldsAreSeparated(t *testing.T) {
	a := Event{ActorID: "ab", Role: "c"}
	b := Event{ActorID: "a", Role: "bc"}
	if a.ComputeHash("") == b.ComputeHash("") {
		t.Error("moving a character between fields keeps the hash")
	}
}

func TestHashCoversTarget(t *testing.T) {
	plain := Event{ActorID: "a", Action: CreateUnit}
	with := plain
	with.TargetType, with.TargetID = TargetUnit, "u1"
	other := with
	other.TargetID = "u2"
	if plain.ComputeHash("") == with.ComputeHash("") {
		t.Error("a target does not change the hash")
	}
	if with.ComputeHash("") == other.ComputeHash("") {
		t.Error("another target ID keeps the hash")
	}
	// Records from before targets existed must keep their hash.
	old := Event{ActorID: "a", Action: CreateUnit}
	if got, want := old.ComputeHash("p"), plain.ComputeHash("p"); got != want {
		t.Errorf("hash of a record without target = %s, want %s", got, want)
	}
}
