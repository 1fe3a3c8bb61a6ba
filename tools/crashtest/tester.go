package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"stafett/internal/demo"
)

// staffPairs are demo accounts (internal/demo): an employee who opens and writes a
// log, and the leader of the same unit, who may read it (an undring is visible to the
// leader of the author's unit) and whose reads are audited under the leader's name.
var staffPairs = [][2]string{
	{"ole.berg", "hanne.lie"}, {"amir.hassan", "tone.moen"}, {"marte.lund", "per.strand"},
	{"magnus.vik", "eva.nilsen"}, {"nina.eide", "randi.holm"}, {"ida.sande", "knut.bakke"},
	{"linn.aune", "geir.hauge"}, {"fatima.noor", "bjorn.tangen"},
}

const demoDomain = "@fjordvik.example"

type account struct {
	email, token, id, unit string
}

type pair struct{ staff, leader *account }

// ackLog is a log whose creation was answered 201, with the entries added to it that
// were answered 201.
type ackLog struct {
	id      string
	holder  *account
	pair    int
	entries []string
}

// read is a log read answered 200: by actor, of log, sent at t0 and answered by t1.
type read struct {
	n          int // its number, to count it once when it is missing more than once
	actor, log string
	t0, t1     time.Time
}

// tester remembers everything the server acknowledged across the cycles.
type tester struct {
	srv       *server
	c         *client
	o         options
	pairs     []pair
	logs      []*ackLog
	reads     []read
	entries   int
	lost      map[string]bool // IDs of acknowledged logs and entries found missing
	unaudited map[int]bool    // numbers of answered reads found without a record
	errors    int             // answers other than 201 and 200 under load
	firstErrs []string
}

// newTester signs the demo staff in once; their sessions must outlive every crash.
func newTester(ctx context.Context, srv *server, o options) (*tester, error) {
	t := &tester{srv: srv, c: newClient(srv, o.writers+o.readers+4), o: o, lost: map[string]bool{}, unaudited: map[int]bool{}}
	for _, p := range staffPairs[:min(o.writers, len(staffPairs))] {
		var pr pair
		for i, local := range p {
			a := &account{email: local + demoDomain}
			var err error
			if a.token, a.id, err = t.c.signIn(ctx, a.email, demo.Password); err != nil {
				return nil, fmt.Errorf("sign in as %s: %w (the database needs the demo accounts: use a new database or one `stafett serve --demo` made)", a.email, err)
			}
			if a.unit, err = t.c.unitOf(ctx, a.token); err != nil {
				return nil, fmt.Errorf("%s: %w", a.email, err)
			}
			if i == 0 {
				pr.staff = a
			} else {
				pr.leader = a
			}
		}
		t.pairs = append(t.pairs, pr)
	}
	return t, nil
}

// work is what one writer or reader got acknowledged in one cycle.
type work struct {
	entries []string
	reads   []read
	errors  []string
	cut     int // requests without an answer: cut by the kill, or timed out
}

func (w *work) failed(ctx context.Context, err error) {
	if answered(err) {
		w.errors = append(w.errors, err.Error())
	} else if !errors.Is(err, context.Canceled) {
		w.cut++
	}
	// No tight loop on a server that refuses, nor on one just killed: the load
	// stops a moment after the kill.
	select {
	case <-ctx.Done():
	case <-time.After(20 * time.Millisecond):
	}
}

// cycle opens a log per writer, loads the server for load, kills it, starts it
// again and checks everything acknowledged so far.
func (t *tester) cycle(ctx context.Context, c int, load time.Duration, out io.Writer) error {
	var logs []*ackLog
	for w := range t.o.writers {
		p := w % len(t.pairs)
		holder := t.pairs[p].staff
		id, err := t.c.createLog(ctx, holder.token, holder.unit, fmt.Sprintf("crashtest: cycle %d, writer %d", c, w))
		if err != nil {
			return fmt.Errorf("open a log before the load: %w", err)
		}
		logs = append(logs, &ackLog{id: id, holder: holder, pair: p})
	}
	t.logs = append(t.logs, logs...)

	loadCtx, stop := context.WithCancel(ctx)
	results := make([]work, t.o.writers+t.o.readers)
	var wg sync.WaitGroup
	for w, lg := range logs {
		wg.Go(func() { t.write(loadCtx, c, w, lg, &results[w]) })
	}
	for r := range t.o.readers {
		wg.Go(func() { t.read(loadCtx, r, logs, &results[t.o.writers+r]) })
	}
	select {
	case <-time.After(load):
	case <-ctx.Done():
	}
	t.srv.kill()
	stop()
	wg.Wait()
	t.c.http.CloseIdleConnections()
	if ctx.Err() != nil {
		return ctx.Err()
	}

	var acked, reads, cut int
	for i, res := range results {
		if i < len(logs) {
			logs[i].entries = append(logs[i].entries, res.entries...)
			acked += len(res.entries)
		}
		for _, r := range res.reads {
			r.n = len(t.reads)
			t.reads = append(t.reads, r)
		}
		reads += len(res.reads)
		cut += res.cut
		t.errors += len(res.errors)
		for _, e := range res.errors {
			if len(t.firstErrs) < 5 {
				t.firstErrs = append(t.firstErrs, e)
			}
		}
	}
	t.entries += acked

	began := time.Now()
	if err := t.srv.start(ctx); err != nil {
		return fmt.Errorf("restart after the kill: %w", err)
	}
	restart := time.Since(began)
	lost, unaudited, err := t.check(ctx)
	if err != nil {
		return fmt.Errorf("check after the restart: %w", err)
	}
	fmt.Fprintf(out, "crashtest: cycle %d: killed after %.2fs of load: %d acknowledged, %d reads, %d cut; restarted in %.2fs; lost=%d unaudited=%d (of %d acknowledged, %d reads so far)\n",
		c, load.Seconds(), acked+len(logs), reads, cut, restart.Seconds(), lost, unaudited, t.acknowledged(), len(t.reads))
	return nil
}

// write adds notes to its log until the kill, remembering every one answered 201.
func (t *tester) write(ctx context.Context, c, w int, lg *ackLog, res *work) {
	for n := 1; ctx.Err() == nil; n++ {
		id, err := t.c.addNote(ctx, lg.holder.token, lg.id, fmt.Sprintf("crashtest: cycle %d, writer %d, note %d", c, w, n))
		if err != nil {
			res.failed(ctx, err)
			continue
		}
		res.entries = append(res.entries, id)
	}
}

// read has one unit leader read the logs of the leader's unit until the kill,
// remembering every read answered 200 with when it was sent and answered.
func (t *tester) read(ctx context.Context, r int, logs []*ackLog, res *work) {
	p := r % len(t.pairs)
	leader := t.pairs[p].leader
	var mine []*ackLog
	for _, lg := range logs {
		if lg.pair == p {
			mine = append(mine, lg)
		}
	}
	for ctx.Err() == nil {
		lg := mine[rand.IntN(len(mine))]
		t0 := time.Now()
		err := t.c.readLog(ctx, leader.token, lg.id)
		t1 := time.Now()
		if err != nil {
			res.failed(ctx, err)
			continue
		}
		res.reads = append(res.reads, read{actor: leader.id, log: lg.id, t0: t0, t1: t1})
	}
}

// check reads every acknowledged log back as its holder and its access log, and
// counts the acknowledged logs and entries that are missing and the answered reads
// that have no audit record of their own.
func (t *tester) check(ctx context.Context) (lost, unaudited int, err error) {
	readsOf := map[string][]read{}
	for _, r := range t.reads {
		readsOf[r.log] = append(readsOf[r.log], r)
	}
	for _, lg := range t.logs {
		ids, err := t.c.entryIDs(ctx, lg.holder.token, lg.id)
		if statusOf(err) == http.StatusNotFound {
			// The whole log is gone, and with it its audit.
			lost += 1 + len(lg.entries)
			t.lost[lg.id] = true
			for _, e := range lg.entries {
				t.lost[e] = true
			}
			for _, r := range readsOf[lg.id] {
				t.unaudited[r.n] = true
			}
			unaudited += len(readsOf[lg.id])
			continue
		}
		if err != nil {
			return 0, 0, err
		}
		for _, e := range lg.entries {
			if !ids[e] {
				lost++
				t.lost[e] = true
			}
		}
		if len(readsOf[lg.id]) == 0 {
			continue
		}
		events, err := t.c.accessLog(ctx, lg.holder.token, lg.id)
		if err != nil {
			return 0, 0, err
		}
		for _, r := range unmatched(readsOf[lg.id], events) {
			unaudited++
			t.unaudited[r.n] = true
		}
	}
	return lost, unaudited, nil
}

func (t *tester) acknowledged() int { return len(t.logs) + t.entries }

func (t *tester) summary() string {
	s := fmt.Sprintf("crashtest: cycles=%d acknowledged=%d lost=%d reads=%d unaudited=%d",
		t.o.cycles, t.acknowledged(), len(t.lost), len(t.reads), len(t.unaudited))
	if t.errors > 0 {
		s += fmt.Sprintf(" errors=%d (first: %s)", t.errors, strings.Join(t.firstErrs, "; "))
	}
	return s
}

func (t *tester) failed() bool { return len(t.lost) > 0 || len(t.unaudited) > 0 || t.errors > 0 }

func (t *tester) failure() string {
	return fmt.Sprintf("%d acknowledged writes lost, %d answered reads without their audit record, %d error answers under load",
		len(t.lost), len(t.unaudited), t.errors)
}
