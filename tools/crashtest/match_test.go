package main

import (
	"slices"
	"testing"
	"time"
)

func TestUnmatched(t *testing.T) {
	at := func(ms int) time.Time {
		return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(ms) * time.Millisecond)
	}
	rd := func(n int, actor string, from, to int) read {
		return read{n: n, actor: actor, log: "l", t0: at(from), t1: at(to)}
	}
	ev := func(actor string, ms int, action string) accessEvent {
		return accessEvent{At: at(ms), Actor: idJSON{ID: actor}, Act: action}
	}
	tests := []struct {
		name   string
		reads  []read
		events []accessEvent
		want   []int // numbers of the unmatched reads
	}{
		{"OK", []read{rd(1, "a", 0, 100)}, []accessEvent{ev("a", 40, readAction)}, nil},
		{"NoRecord", []read{rd(1, "a", 0, 100)}, nil, []int{1}},
		{"OtherActor", []read{rd(1, "a", 0, 100)}, []accessEvent{ev("b", 40, readAction)}, []int{1}},
		{"OtherAction", []read{rd(1, "a", 0, 100)}, []accessEvent{ev("a", 40, "log.read_access_log")}, []int{1}},
		{"OutsideWindow", []read{rd(1, "a", 0, 100)}, []accessEvent{ev("a", 1000, readAction)}, []int{1}},
		{"WithinSlack", []read{rd(1, "a", 100, 200)}, []accessEvent{ev("a", 60, readAction)}, nil},
		{"OneRecordTwoReads", []read{rd(1, "a", 0, 100), rd(2, "a", 10, 90)},
			[]accessEvent{ev("a", 50, readAction)}, []int{1}},
		// The short read must take the early record, or the long one goes without.
		{"PairsAsManyAsPossible", []read{rd(1, "a", 0, 1000), rd(2, "a", 0, 20)},
			[]accessEvent{ev("a", 500, readAction), ev("a", 10, readAction)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, r := range unmatched(tt.reads, tt.events) {
				got = append(got, r.n)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("unmatched = %v, want %v", got, tt.want)
			}
		})
	}
}
