package main

import (
	"slices"
	"time"
)

// readAction is the audit action of a log read (audit.ReadLog).
const readAction = "log.read"

// slack widens a read's window for the record's time: the server's clock is this
// machine's clock too, but the stored time may be rounded.
const slack = 50 * time.Millisecond

// unmatched returns the reads that have no audit record of their own among events:
// each read needs a distinct "log.read" record by its actor whose time lies within the
// read's window. The pairing is greedy by the end of the window, taking the earliest
// free record that fits, which pairs as many reads as any pairing can.
func unmatched(reads []read, events []accessEvent) []read {
	at := map[string][]time.Time{}
	for _, e := range events {
		if e.Act == readAction {
			at[e.Actor.ID] = append(at[e.Actor.ID], e.At)
		}
	}
	for _, ts := range at {
		slices.SortFunc(ts, time.Time.Compare)
	}
	rs := slices.Clone(reads)
	slices.SortFunc(rs, func(a, b read) int { return a.t1.Compare(b.t1) })
	used := map[string][]bool{}
	var miss []read
	for _, r := range rs {
		ts := at[r.actor]
		if used[r.actor] == nil {
			used[r.actor] = make([]bool, len(ts))
		}
		u := used[r.actor]
		from, to := r.t0.Add(-slack), r.t1.Add(slack)
		i, _ := slices.BinarySearchFunc(ts, from, time.Time.Compare)
		for i < len(ts) && u[i] {
			i++
		}
		if i < len(ts) && !ts[i].After(to) {
			u[i] = true
			continue
		}
		miss = append(miss, r)
	}
	return miss
}
