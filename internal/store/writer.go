package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// maxBatch bounds how many write functions share one transaction and its commit.
const maxBatch = 64

// errClosed answers writes that arrive after Close.
var errClosed = errors.New("store: closed")

// writer runs every write transaction of a DB in one goroutine and commits them in
// groups: while one group's commit is being made durable, the next fills. Each
// function runs inside a savepoint of the shared transaction, so one that fails is
// undone alone and gets its own error; the others go on. A caller is answered only
// after the commit that holds its work is durable, so nothing is reported written,
// and no audited read is shown, before its record would survive a crash.
//
// Under no load a group is one function and the cost is one commit, as before. Under
// load every audited page view still gets its own audit record, but the fsync is
// shared: on SQLite, whose writes are serialised on one connection anyway, this is
// what lifts audited reads past the rate at which the disk makes commits durable.
type writer struct {
	db    *DB
	reqs  chan *writeReq
	quit  chan struct{}
	done  chan struct{}
	close sync.Once
	// commits and writes count the commits made and the functions they held.
	commits, writes atomic.Int64
}

// WriterStats say how the writer has grouped writes: Writes functions committed
// in Commits transactions.
type WriterStats struct {
	Commits, Writes int64
}

// WriterStats returns how many write functions were committed, in how many commits.
func (db *DB) WriterStats() WriterStats {
	return WriterStats{Commits: db.writer.commits.Load(), Writes: db.writer.writes.Load()}
}

// writeReq is one caller's write function and how it ended.
type writeReq struct {
	ctx   context.Context
	f     func(*tx) error
	state atomic.Int32 // queued, running or abandoned
	done  chan error   // buffered: the writer never waits for the caller
}

const (
	queued int32 = iota
	running
	abandoned
)

func newWriter(db *DB) *writer {
	w := &writer{db: db, reqs: make(chan *writeReq, maxBatch), quit: make(chan struct{}), done: make(chan struct{})}
	go w.loop()
	return w
}

// do runs f in a write transaction and returns when its commit is durable, or with
// f's error. A caller whose context ends while f waits its turn is not run; once f
// has started, the caller waits for it to end, so f never runs after its caller has
// gone (f's statements run without the caller's cancellation: on SQLite an
// interrupted statement can roll back the whole shared transaction).
func (w *writer) do(ctx context.Context, f func(*tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-w.quit:
		return errClosed
	default:
	}
	r := &writeReq{ctx: ctx, f: f, done: make(chan error, 1)}
	select {
	case w.reqs <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-w.quit:
		return errClosed
	}
	var err error
	select {
	case err = <-r.done:
	case <-ctx.Done():
		if r.state.CompareAndSwap(queued, abandoned) {
			return ctx.Err()
		}
		err = <-r.done
	case <-w.done:
		// The writer has stopped; it answers everything it took before that.
		select {
		case err = <-r.done:
		default:
			return errClosed
		}
	}
	if p, ok := err.(panicked); ok {
		panic(p.v)
	}
	return err
}

// panicked carries a write function's panic to its caller, which panics again with
// it: the writer goroutine must live on, and the caller's own recovery (the web
// server's) answers the request as it would any other panic.
type panicked struct{ v any }

func (p panicked) Error() string { return fmt.Sprint("store: write panicked: ", p.v) }

// call runs f, turning a panic into a panicked error.
func call(f func(*tx) error, t *tx) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = panicked{v}
		}
	}()
	return f(t)
}

// stop ends the writer after the functions already handed to it have run.
func (w *writer) stop() {
	w.close.Do(func() { close(w.quit) })
	<-w.done
}

func (w *writer) loop() {
	defer close(w.done)
	batch := make([]*writeReq, 0, maxBatch)
	for {
		var first *writeReq
		select {
		case first = <-w.reqs:
		case <-w.quit:
			// Callers that got their function in before quit are still waiting.
			for {
				select {
				case r := <-w.reqs:
					w.run([]*writeReq{r})
				default:
					return
				}
			}
		}
		batch = append(batch[:0], first)
	fill:
		for len(batch) < maxBatch {
			select {
			case r := <-w.reqs:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		w.run(batch)
		clear(batch)
	}
}

// run runs one group of functions in one transaction and answers each.
func (w *writer) run(batch []*writeReq) {
	live := batch[:0:0]
	for _, r := range batch {
		if r.state.CompareAndSwap(queued, running) {
			live = append(live, r)
		}
	}
	if len(live) == 0 {
		return
	}
	db := w.db
	answer := func(rs []*writeReq, err error) {
		for _, r := range rs {
			r.done <- err
		}
	}
	sqlTx, err := db.write.BeginTx(context.Background(), nil)
	if err != nil {
		answer(live, fmt.Errorf("store: begin: %w", err))
		return
	}
	savepoints := len(live) > 1
	var ok []*writeReq // ran without error; answered after the commit
	for i, r := range live {
		t := &tx{Tx: sqlTx, d: db.dialect, now: db.now(), stmts: db.writeStmts, ctx: context.WithoutCancel(r.ctx), guides: &db.guides}
		if savepoints {
			if _, err := sqlTx.Exec(`SAVEPOINT w`); err != nil {
				_ = sqlTx.Rollback()
				answer(ok, err)
				answer(live[i:], err)
				return
			}
		}
		ferr := call(r.f, t)
		if _, ok := ferr.(panicked); !ok {
			ferr = finish(t.ctx, t, ferr)
		}
		if ferr == nil {
			if savepoints {
				if _, err := sqlTx.Exec(`RELEASE SAVEPOINT w`); err != nil {
					_ = sqlTx.Rollback()
					answer(ok, err)
					answer(live[i:], err)
					return
				}
			}
			ok = append(ok, r)
			continue
		}
		r.done <- inputFault(ferr)
		if !savepoints {
			_ = sqlTx.Rollback()
			return
		}
		if _, err := sqlTx.Exec(`ROLLBACK TO SAVEPOINT w`); err != nil {
			// The transaction itself is gone (SQLite rolls back the whole of it
			// on some errors, such as a full disk): nothing in it was written.
			// A full disk or lost database is the others' fault too: they get it,
			// never another caller's own error (a validation error is not theirs).
			_ = sqlTx.Rollback()
			gerr := fmt.Errorf("store: write group failed: %w", err)
			if isStorageFull(ferr) || isUnavailable(ferr) {
				gerr = fmt.Errorf("store: write group failed after %w: %w", ferr, err)
			}
			answer(ok, gerr)
			answer(live[i+1:], gerr)
			return
		}
		if _, err := sqlTx.Exec(`RELEASE SAVEPOINT w`); err != nil {
			_ = sqlTx.Rollback()
			answer(ok, err)
			answer(live[i+1:], err)
			return
		}
	}
	if len(ok) == 0 {
		_ = sqlTx.Rollback()
		return
	}
	if err := sqlTx.Commit(); err != nil {
		answer(ok, fmt.Errorf("store: commit: %w", err))
		return
	}
	w.commits.Add(1)
	w.writes.Add(int64(len(ok)))
	answer(ok, nil)
}
