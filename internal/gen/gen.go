// Package gen makes deterministic synthetic data at a chosen scale, for measuring
// Stafett: municipalities with their real numbers and names, units of every kind,
// staff, guardians and youth, logs at a realistic mix of levels with some twenty
// entries each, consents, participants, transfers and the audit history of it all.
// The same seed gives the same IDs, names and texts; times are relative to Now.
// Everything is written through the store's bulk loader, in big transactions.
package gen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"stafett/internal/audit"
	"stafett/internal/competence"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// Password is the password of every generated user.
const Password = "stafett-gen"

// Options say what to generate.
type Options struct {
	// Logs is how many logs to make; everything else follows from it. 100,000 is
	// national scale: all 357 municipalities, about 2,000,000 entries and 150,000
	// users.
	Logs int
	// Seed chooses the data; the same seed gives the same data.
	Seed uint64
	// Now is the present of the generated history; time.Now when zero.
	Now time.Time
	// PasswordHash is the hash of Password, computed once by the caller and given
	// to every user.
	PasswordHash string
	// CacheMiB is the SQLite writer's page cache while loading (see
	// store.BulkOptions); 0 for the default of 256 MiB at national scale, scaled
	// down for smaller runs.
	CacheMiB int
	// TxRows is how many rows go into one transaction; 50,000 when zero. Fewer
	// commits rewrite the indexes on random IDs fewer times (see
	// docs/performance.md).
	TxRows int
	// SampleLogs bounds how many logs Result.Sample describes; 20,000 when zero.
	SampleLogs int
	// Progress, when set, receives a line per municipality batch and per phase.
	Progress io.Writer
}

// Counts are how many of each thing were made.
type Counts struct {
	Municipalities int    `json:"municipalities"`
	Units          int    `json:"units"`
	Users          int    `json:"users"`
	Staff          int    `json:"staff"`
	Family         int    `json:"family"` // guardians and youth
	Logs           int    `json:"logs"`
	Levels         [4]int `json:"levels"` // open logs by level; undring is level 0
	Closed         int    `json:"closed"`
	Entries        int    `json:"entries"`
	Consents       int    `json:"consents"`
	Participants   int    `json:"participants"`
	Guardians      int    `json:"guardian_links"`
	Transfers      int    `json:"transfers"`
	Audit          int    `json:"audit"`
	Networks       int    `json:"networks"`
	Competences    int    `json:"competences"`
	Needs          int    `json:"competence_needs"`
	Courses        int    `json:"courses"`
	CourseSessions int    `json:"course_sessions"`
	CourseSeats    int    `json:"course_participants"`
}

// Result tells what Run made.
type Result struct {
	Counts  Counts
	Rows    int64         // rows written
	Elapsed time.Duration // the whole run, guides and statistics included
	// Sample describes some of the logs evenly spread over all, with who may see
	// them, for choosing the actors of a benchmark.
	Sample []LogSample
}

// LogSample is a generated log and the people related to it.
type LogSample struct {
	ID             string
	MunicipalityID string
	Status         logbook.Status
	Level          int
	HolderID       string
	LeaderID       string // a leader of the holder's unit
	Participants   []SampleParticipant
	// Guardians are those with access: parental responsibility, not suspended.
	Guardians []string
}

// SampleParticipant is a participant of a sampled log whose unit is covered by
// consent.
type SampleParticipant struct {
	UserID string
	Access logbook.ParticipantAccess
}

// DefaultTxRows is the rows per transaction when Options.TxRows is zero.
const DefaultTxRows = 50000

// logsPerMunicipality decides how many municipalities a run uses: about 280 logs
// each, so that 100,000 logs fill all 357.
const logsPerMunicipality = 280

// batchLogs is how many logs go into one chunk handed to the writer.
const batchLogs = 500

// generator holds one run's state. It runs in its own goroutine and hands chunks
// to the writer.
type generator struct {
	opt    Options
	now    time.Time
	counts Counts
	every  int // sample every every-th log
	n      int // logs made so far
	sample []LogSample
	// network is the network the town being made joins (competenceOf), and
	// netCourses its courses (coursesOf).
	network    org.Network
	netCourses []netCourse
}

// chunk is a batch of rows in the order they must be written: parents first.
type chunk struct {
	municipalities []org.Municipality
	units          []org.Unit
	users          []people.User
	roles          []store.UserRole
	logs           []logbook.Log
	guardians      []logbook.Guardian
	participants   []logbook.Participant
	consents       []logbook.Consent
	entries        []logbook.Entry
	transfers      []logbook.Transfer
	audit          []audit.Event
	networks       []org.Network
	members        []store.NetworkMember
	areas          []competence.Area
	competences    []competence.Competence
	needs          []store.UnitNeed
	courses        courses
	staff          int // how many of users are staff
}

func (c *chunk) write(ctx context.Context, b *store.Bulk, hash string) error {
	steps := []func() error{
		func() error { return b.Municipalities(ctx, c.municipalities) },
		func() error { return b.Units(ctx, c.units) },
		func() error { return b.Users(ctx, c.users, hash) },
		func() error { return b.Roles(ctx, c.roles) },
		func() error { return b.Networks(ctx, c.networks) },
		func() error { return b.NetworkMembers(ctx, c.members) },
		func() error { return b.CompetenceAreas(ctx, c.areas) },
		func() error { return b.Competences(ctx, c.competences) },
		func() error { return b.Needs(ctx, c.needs) },
		func() error { return c.courses.write(ctx, b) },
		func() error { return b.Logs(ctx, c.logs) },
		func() error { return b.Guardians(ctx, c.guardians) },
		func() error { return b.Participants(ctx, c.participants) },
		func() error { return b.Consents(ctx, c.consents) },
		func() error { return b.Entries(ctx, c.entries) },
		func() error { return b.Transfers(ctx, c.transfers) },
		func() error { return b.Audit(ctx, c.audit) },
	}
	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// Run generates opt.Logs logs with everything around them into db, which must have
// no municipality yet. It is too big for one transaction at national scale, so it
// records the seed before its first row (store.BeginSeeding) and removes the
// record as its last step: a database a killed or failed Run left half-filled
// keeps the record, and the program refuses it at start.
func Run(ctx context.Context, db *store.DB, opt Options) (*Result, error) {
	start := time.Now()
	if opt.Logs < 1 {
		return nil, errors.New("gen: at least one log")
	}
	if opt.PasswordHash == "" {
		return nil, errors.New("gen: a password hash is required")
	}
	if ms, err := db.ListMunicipalities(ctx); err != nil {
		return nil, err
	} else if len(ms) > 0 {
		return nil, errors.New("gen: the database already has municipalities; generate into an empty database")
	}
	// Recorded before the first row and removed after the last step: a gen that is
	// killed or fails leaves the record, and the database is refused at start.
	if err := db.BeginSeeding(ctx, "gen"); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	g := newGenerator(opt)
	cache := opt.CacheMiB
	if cache == 0 {
		cache = min(256, max(16, opt.Logs/400))
	}
	txRows := opt.TxRows
	if txRows == 0 {
		txRows = DefaultTxRows
	}
	// A new database: the secondary indexes are made once, at the end.
	b, err := db.BeginBulk(ctx, store.BulkOptions{CacheMiB: cache, TxRows: txRows, DeferIndexes: true})
	if err != nil {
		return nil, err
	}
	if err := g.each(ctx, func(c *chunk) error { return c.write(ctx, b, opt.PasswordHash) }); err != nil {
		b.Abort()
		return nil, err
	}
	g.progress("gen: %d rows written in %s; publishing guides and analysing", b.Rows(), time.Since(start).Round(time.Millisecond))
	if err := b.Close(ctx); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	if err := db.EndSeeding(ctx); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	return &Result{Counts: g.counts, Rows: b.Rows(), Elapsed: time.Since(start), Sample: g.sample}, nil
}

// Describe makes the same data as Run with the same options but writes nothing: it
// returns what Run returned for a database generated before, with the same Logs
// and Seed (IDs and people are the same; times are relative to now, so those near
// an edge, such as a consent about to run out, may differ).
func Describe(ctx context.Context, opt Options) (*Result, error) {
	start := time.Now()
	if opt.Logs < 1 {
		return nil, errors.New("gen: at least one log")
	}
	g := newGenerator(opt)
	if err := g.each(ctx, func(*chunk) error { return nil }); err != nil {
		return nil, err
	}
	return &Result{Counts: g.counts, Elapsed: time.Since(start), Sample: g.sample}, nil
}

// each generates in its own goroutine and hands every chunk, in order, to use; the
// first error from either side stops both.
func (g *generator) each(ctx context.Context, use func(*chunk) error) error {
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan *chunk, 2)
	genErr := make(chan error, 1)
	go func() {
		defer close(chunks)
		genErr <- g.generate(gctx, chunks)
	}()
	var uerr error
	for c := range chunks {
		if uerr != nil {
			continue // drain, so the generator ends
		}
		if uerr = use(c); uerr != nil {
			cancel()
		}
	}
	if err := errors.Join(uerr, <-genErr); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

func newGenerator(opt Options) *generator {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	sample := opt.SampleLogs
	if sample <= 0 {
		sample = 20000
	}
	return &generator{opt: opt, now: now.UTC().Truncate(time.Microsecond), every: max(1, (opt.Logs+sample-1)/sample)}
}

func (g *generator) progress(format string, args ...any) {
	if g.opt.Progress != nil {
		fmt.Fprintf(g.opt.Progress, format+"\n", args...)
	}
}

// generate makes every municipality in turn and sends its data in chunks.
func (g *generator) generate(ctx context.Context, out chan<- *chunk) error {
	send := func(c *chunk) error {
		g.count(c)
		select {
		case out <- c:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for pos, p := range g.plan() {
		c := &chunk{}
		t := g.newTown(p.index, p.m, p.logs, c)
		g.coursesOf(t, pos, g.competenceOf(t, pos, c), c)
		for i := range p.logs {
			g.newLog(t, c)
			if (i+1)%batchLogs == 0 && i+1 < p.logs {
				if err := send(c); err != nil {
					return err
				}
				c = &chunk{}
			}
		}
		if err := send(c); err != nil {
			return err
		}
		g.progress("gen: %s (%s): %d logs; %d of %d", p.m.Name, p.m.Number, p.logs, g.n, g.opt.Logs)
	}
	return nil
}

func (g *generator) count(c *chunk) {
	n := &g.counts
	n.Municipalities += len(c.municipalities)
	n.Units += len(c.units)
	n.Users += len(c.users)
	n.Staff += c.staff
	n.Family += len(c.users) - c.staff
	n.Logs += len(c.logs)
	for _, l := range c.logs {
		if l.Status == logbook.StatusClosed {
			n.Closed++
		} else {
			n.Levels[l.Level]++
		}
	}
	n.Entries += len(c.entries)
	n.Consents += len(c.consents)
	n.Participants += len(c.participants)
	n.Guardians += len(c.guardians)
	n.Transfers += len(c.transfers)
	n.Audit += len(c.audit)
	n.Networks += len(c.networks)
	n.Competences += len(c.competences)
	n.Needs += len(c.needs)
	n.Courses += len(c.courses.courses)
	n.CourseSessions += len(c.courses.sessions)
	n.CourseSeats += len(c.courses.participants)
}

// planned is a municipality chosen for the run with its share of the logs.
type planned struct {
	index int
	m     municipality
	logs  int
}

// plan chooses the municipalities (all 357 at national scale, else a random
// selection) and shares the logs among them by population, each getting at least
// one.
func (g *generator) plan() []planned {
	all := municipalities()
	n := min(len(all), max(1, (g.opt.Logs+logsPerMunicipality-1)/logsPerMunicipality))
	rng := rand.New(rand.NewPCG(g.opt.Seed, 0x5eed))
	idx := rng.Perm(len(all))[:n]
	// Keep kommunenummer order, so the output reads like a register.
	chosen := make([]bool, len(all))
	for _, i := range idx {
		chosen[i] = true
	}
	var ps []planned
	pop := 0
	for i, m := range all {
		if chosen[i] {
			ps = append(ps, planned{index: i, m: m, logs: 1})
			pop += m.Population
		}
	}
	// Largest remainder over what is left after the one log each.
	rest := g.opt.Logs - len(ps)
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	given := 0
	for i := range ps {
		share := float64(rest) * float64(ps[i].m.Population) / float64(pop)
		ps[i].logs += int(share)
		given += int(share)
		rems = append(rems, rem{i, share - float64(int(share))})
	}
	for left := rest - given; left > 0; left-- {
		best := 0
		for j := range rems {
			if rems[j].r > rems[best].r {
				best = j
			}
		}
		ps[rems[best].i].logs++
		rems[best].r = -1
	}
	return ps
}
