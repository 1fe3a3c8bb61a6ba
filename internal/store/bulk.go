package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"stafett/internal/course"
	"strconv"
	"strings"
	"time"

	"stafett/internal/audit"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
)

// Bulk loads large amounts of generated data fast, for `stafett gen` and `stafett
// bench`: multi-row INSERTs through prepared statements, many rows per transaction.
// It writes what it is given without validation or policy checks, so the caller
// must hand it consistent data and parents before children (a unit before its
// staff, a log before its entries). It never bypasses the audit chain: records are
// sealed in Go, one after the other, chained to the head read under its lock at the
// start of each transaction, and the head is written before each commit, so the
// chain verifies as if every record had been appended on its own.
//
// A Bulk holds the database's one writer connection on SQLite (and the audit head's
// row lock on PostgreSQL) while a transaction is open: nothing else writes until
// Close.
type Bulk struct {
	db    *DB
	opt   BulkOptions
	tx    *tx
	stmts map[bulkKey]*sql.Stmt
	rows  int   // rows written in the open transaction
	total int64 // rows written in all
	head  struct {
		seq   int64
		hash  string
		dirty bool
	}
	args    []any    // reused argument buffer
	dropped []string // definitions of the indexes DeferIndexes dropped
}

type bulkKey struct {
	table string
	rows  int
}

// BulkOptions tune a Bulk.
type BulkOptions struct {
	// TxRows is how many rows go into one transaction before it commits; 10,000
	// when zero.
	TxRows int
	// CacheMiB, on SQLite, is the writer connection's page cache while loading: the
	// indexes on random IDs are written all over, and a cache that holds them saves
	// rereading and respilling pages. The default size is restored by Close. Zero
	// leaves the cache as it is.
	CacheMiB int
	// DeferIndexes drops the secondary indexes of the loaded tables at the start
	// and makes them again at Close (or Abort): one sorted pass per index instead of
	// random updates all the way. Uniqueness those indexes enforce is checked only
	// then, and a load that is killed leaves the database without them, so it is
	// for loading a new database only.
	DeferIndexes bool
}

// DefaultBulkTxRows is the rows per transaction when BulkOptions.TxRows is zero.
const DefaultBulkTxRows = 10000

// maxBulkParams bounds the parameters of one statement: SQLite allows 32,766 and
// PostgreSQL 65,535.
const maxBulkParams = 30000

// maxBulkRows bounds the rows of one statement; beyond a few hundred a longer
// statement saves nothing.
const maxBulkRows = 256

// BeginBulk starts loading. The caller must Close (or Abort) the Bulk.
func (db *DB) BeginBulk(ctx context.Context, opt BulkOptions) (*Bulk, error) {
	if opt.TxRows <= 0 {
		opt.TxRows = DefaultBulkTxRows
	}
	b := &Bulk{db: db, opt: opt, stmts: map[bulkKey]*sql.Stmt{}}
	if opt.CacheMiB > 0 && db.dialect.name == "sqlite" {
		if _, err := db.write.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(opt.CacheMiB*1024)); err != nil {
			return nil, fmt.Errorf("bulk: cache size: %w", err)
		}
	}
	if opt.DeferIndexes {
		if err := b.dropIndexes(ctx); err != nil {
			b.restoreCache()
			return nil, err
		}
	}
	return b, nil
}

// bulkTables are the tables whose secondary indexes DeferIndexes drops.
var bulkTables = []string{"units", "users", "roles", "logs", "log_guardians", "log_participants", "consents",
	"consent_units", "entries", "transfers", "audit", "sessions", "security_events", "competence_areas", "competences",
	"competence_needs", "network_members"}

// dropIndexes drops the secondary indexes of the bulk tables, remembering how to
// make them again. Indexes behind PRIMARY KEY and UNIQUE constraints stay (SQLite
// cannot drop them, and the foreign keys need the parents' keys).
func (b *Bulk) dropIndexes(ctx context.Context) error {
	in := "'" + strings.Join(bulkTables, "', '") + "'"
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (` + in + `) ORDER BY name`
	if b.db.dialect.name == "postgres" {
		q = `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN (` + in + `)
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
			ORDER BY i.indexname`
	}
	rows, err := b.db.write.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("bulk: list indexes: %w", err)
	}
	var idx [][2]string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return err
		}
		idx = append(idx, [2]string{name, def})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range idx {
		if _, err := b.db.write.ExecContext(ctx, `DROP INDEX `+x[0]); err != nil {
			return fmt.Errorf("bulk: drop index %s: %w", x[0], err)
		}
		b.dropped = append(b.dropped, x[1])
	}
	return nil
}

// restoreIndexes makes the dropped indexes again, each in one sorted pass.
func (b *Bulk) restoreIndexes(ctx context.Context) error {
	for len(b.dropped) > 0 {
		if _, err := b.db.write.ExecContext(ctx, b.dropped[0]); err != nil {
			return fmt.Errorf("bulk: recreate index: %w", err)
		}
		b.dropped = b.dropped[1:]
	}
	return nil
}

// Rows returns how many rows the Bulk has written so far.
func (b *Bulk) Rows() int64 { return b.total }

// begin opens a transaction and takes the audit head's lock, as appendAudit does.
func (b *Bulk) begin(ctx context.Context) error {
	sqlTx, err := b.db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk: begin: %w", err)
	}
	b.tx = &tx{Tx: sqlTx, d: b.db.dialect, now: b.db.now()}
	err = b.tx.queryRow(ctx, `INSERT INTO audit_chains (chain, seq, hash, dirty) VALUES (?, 0, '', ?)
		ON CONFLICT (chain) DO UPDATE SET dirty = excluded.dirty RETURNING seq, hash`, bulkChain, true).Scan(&b.head.seq, &b.head.hash)
	if err != nil {
		return b.fail(fmt.Errorf("bulk: lock audit head: %w", err))
	}
	b.head.dirty = false
	return nil
}

// commit writes the audit head and commits the open transaction, if any.
func (b *Bulk) commit(ctx context.Context) error {
	if b.tx == nil {
		return nil
	}
	if b.head.dirty {
		if _, err := b.tx.exec(ctx, `UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ?`, b.head.seq, b.head.hash, bulkChain); err != nil {
			return b.fail(fmt.Errorf("bulk: write audit head: %w", err))
		}
	}
	err := b.tx.Commit()
	b.tx, b.rows = nil, 0
	clear(b.stmts) // a transaction's statements close with it
	if err != nil {
		return fmt.Errorf("bulk: commit: %w", err)
	}
	return nil
}

// fail rolls the open transaction back and returns err.
func (b *Bulk) fail(err error) error {
	if b.tx != nil {
		_ = b.tx.Rollback()
		b.tx = nil
		clear(b.stmts)
	}
	return err
}

// Abort rolls back what is not committed yet and gives the connection back.
func (b *Bulk) Abort() {
	_ = b.fail(nil)
	_ = b.restoreIndexes(context.Background())
	b.restoreCache()
}

// Commit commits what is written and ends the load, without what Close does after
// it: for small additions to a database already loaded, such as sessions.
func (b *Bulk) Commit(ctx context.Context) error {
	err := errors.Join(b.commit(ctx), b.restoreIndexes(ctx))
	b.restoreCache()
	return err
}

// Close commits the rest, publishes the national action guide for municipalities
// loaded without one (as CreateMunicipality does), and updates the query planner's
// statistics, as a database that has grown over time would have them.
func (b *Bulk) Close(ctx context.Context) error {
	if err := b.commit(ctx); err != nil {
		return err
	}
	err := b.restoreIndexes(ctx)
	b.restoreCache()
	if err != nil {
		return err
	}
	if err := b.db.backfillGuides(ctx); err != nil {
		return fmt.Errorf("bulk: guides: %w", err)
	}
	qs := []string{`ANALYZE`}
	if b.db.dialect.name == "sqlite" {
		// A sample is enough for the planner and keeps this quick at any size.
		qs = []string{`PRAGMA analysis_limit = 1000`, `ANALYZE`}
	}
	for _, q := range qs {
		if _, err := b.db.write.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("bulk: analyze: %w", err)
		}
	}
	return nil
}

func (b *Bulk) restoreCache() {
	if b.opt.CacheMiB > 0 && b.db.dialect.name == "sqlite" {
		_, _ = b.db.write.ExecContext(context.Background(), `PRAGMA cache_size = -`+strconv.Itoa(sqliteCacheKiB))
	}
}

// stmt returns the prepared statement inserting rows rows into table.
func (b *Bulk) stmt(ctx context.Context, table, cols string, ncols, rows int) (*sql.Stmt, error) {
	k := bulkKey{table, rows}
	if s := b.stmts[k]; s != nil {
		return s, nil
	}
	var q strings.Builder
	q.Grow(len(table) + len(cols) + rows*(2*ncols+3) + 32)
	q.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
	one := "(" + placeholders(ncols) + ")"
	for i := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(one)
	}
	s, err := b.tx.PrepareContext(ctx, b.db.dialect.rebind(q.String()))
	if err != nil {
		return nil, fmt.Errorf("bulk: prepare %s: %w", table, err)
	}
	b.stmts[k] = s
	return s, nil
}

// insert writes n rows into table, row appending the values of row i to args in
// the order of cols. Statements carry up to maxBulkRows rows; the transaction
// commits whenever it holds TxRows rows.
func (b *Bulk) insert(ctx context.Context, table, cols string, n int, row func(i int, args []any) []any) error {
	ncols := strings.Count(cols, ",") + 1
	per := min(maxBulkRows, maxBulkParams/ncols)
	for i := 0; i < n; {
		if b.tx == nil {
			if err := b.begin(ctx); err != nil {
				return err
			}
		}
		k := min(per, n-i)
		args := b.args[:0]
		for j := range k {
			args = row(i+j, args)
		}
		b.args = args
		if len(args) != k*ncols {
			return b.fail(fmt.Errorf("bulk: %s: %d values for %d rows of %d columns", table, len(args), k, ncols))
		}
		s, err := b.stmt(ctx, table, cols, ncols, k)
		if err != nil {
			return b.fail(err)
		}
		if _, err := s.ExecContext(ctx, args...); err != nil {
			return b.fail(fmt.Errorf("bulk: insert into %s: %w", table, err))
		}
		clear(args) // let the values go; the buffer stays
		i += k
		b.rows += k
		b.total += int64(k)
		if b.rows >= b.opt.TxRows {
			if err := b.commit(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// t encodes a time for the dialect.
func (b *Bulk) t(v time.Time) any { return b.db.dialect.time(v) }

// tp encodes an optional time; nil is NULL.
func (b *Bulk) tp(v *time.Time) any {
	if v == nil {
		return nil
	}
	return b.db.dialect.time(*v)
}

// orNull turns "" into NULL, for optional references.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Municipalities adds municipalities. Close publishes their action guides.
func (b *Bulk) Municipalities(ctx context.Context, ms []org.Municipality) error {
	return b.insert(ctx, "municipalities", municipalityCols, len(ms), func(i int, a []any) []any {
		m := &ms[i]
		kind := m.Kind
		if kind == "" {
			kind = org.KindMunicipality
		}
		hours := m.HoursPerFTE
		if hours == 0 {
			hours = course.DefaultHoursPerFTE
		}
		return append(a, m.ID, m.Number, m.Name, m.ConsentAge, b.t(m.CreatedAt), kind, hours)
	})
}

// Units adds units.
func (b *Bulk) Units(ctx context.Context, us []org.Unit) error {
	return b.insert(ctx, "units", unitCols+`, name_search`, len(us), func(i int, a []any) []any {
		u := &us[i]
		return append(a, u.ID, u.MunicipalityID, u.Name, string(u.Kind), b.t(u.CreatedAt), searchFold(u.Name))
	})
}

// Users adds users, all with the same password hash (hashing is by far the most
// expensive part of making a user, and generated users need no distinct
// passwords); "" for users who sign in only through an identity provider.
func (b *Bulk) Users(ctx context.Context, us []people.User, passwordHash string) error {
	return b.insert(ctx, "users", `id, email, name, national_id, password_hash, active, language, home_municipality_id, created_at, name_search`,
		len(us), func(i int, a []any) []any {
			u := &us[i]
			return append(a, u.ID, u.Email, u.Name, orNull(u.NationalID), passwordHash, u.Active, u.Language,
				orNull(u.HomeMunicipalityID), b.t(u.CreatedAt), searchFold(u.Name))
		})
}

// UserRole is a role held by a user, for Bulk.Roles.
type UserRole struct {
	UserID string
	people.Role
	CreatedAt time.Time
}

// Roles adds roles. Unit roles must carry their unit's municipality.
func (b *Bulk) Roles(ctx context.Context, rs []UserRole) error {
	return b.insert(ctx, "roles", `user_id, role, municipality_id, unit_id, created_at`, len(rs), func(i int, a []any) []any {
		r := &rs[i]
		return append(a, r.UserID, string(r.Role.Role), orNull(r.MunicipalityID), orNull(r.UnitID), b.t(r.CreatedAt))
	})
}

// Logs adds logs.
func (b *Bulk) Logs(ctx context.Context, ls []logbook.Log) error {
	return b.insert(ctx, "logs", `id, municipality_id, child_name, child_initials, child_birth_date, holder_id, holder_unit_id,
		created_by, created_unit_id, youth_user_id, level, status, level_entered_at, undring_deadline, undring_outcome,
		created_at, closed_at, closure_reason`, len(ls), func(i int, a []any) []any {
		l := &ls[i]
		return append(a, l.ID, l.MunicipalityID, l.Child.Name, l.Child.Initials, string(l.Child.BirthDate), l.HolderID,
			l.HolderUnitID, l.CreatedBy, l.CreatedUnitID, orNull(l.YouthUserID), int(l.Level), string(l.Status),
			b.t(l.LevelEnteredAt), b.t(l.UndringDeadline), string(l.UndringOutcome), b.t(l.CreatedAt), b.tp(l.ClosedAt),
			string(l.ClosureReason))
	})
}

// Guardians adds guardian links.
func (b *Bulk) Guardians(ctx context.Context, gs []logbook.Guardian) error {
	return b.insert(ctx, "log_guardians", `log_id, user_id, parental_responsibility, suspended_at, suspended_by, suspend_reason,
		linked_at, linked_by`, len(gs), func(i int, a []any) []any {
		g := &gs[i]
		return append(a, g.LogID, g.UserID, g.ParentalResponsibility, b.tp(g.SuspendedAt), orNull(g.SuspendedBy),
			g.SuspendReason, b.t(g.LinkedAt), g.LinkedBy)
	})
}

// Participants adds participants.
func (b *Bulk) Participants(ctx context.Context, ps []logbook.Participant) error {
	return b.insert(ctx, "log_participants", `log_id, user_id, unit_id, access, added_at, added_by`, len(ps),
		func(i int, a []any) []any {
			p := &ps[i]
			return append(a, p.LogID, p.UserID, p.UnitID, string(p.Access), b.t(p.AddedAt), p.AddedBy)
		})
}

// Consents adds consents with the units they cover. TextVersion defaults to
// ConsentTextVersion.
func (b *Bulk) Consents(ctx context.Context, cs []logbook.Consent) error {
	err := b.insert(ctx, "consents", `id, log_id, given_by_user_id, given_by_name, source, text_version, given_at, expires_at,
		withdrawn_at, withdrawn_by, registered_by`, len(cs), func(i int, a []any) []any {
		c := &cs[i]
		v := c.TextVersion
		if v == "" {
			v = ConsentTextVersion
		}
		return append(a, c.ID, c.LogID, orNull(c.GivenByUserID), c.GivenByName, string(c.Source), v, b.t(c.GivenAt),
			b.tp(c.ExpiresAt), b.tp(c.WithdrawnAt), orNull(c.WithdrawnBy), c.RegisteredBy)
	})
	if err != nil {
		return err
	}
	var covers [][2]string
	for _, c := range cs {
		for _, u := range c.CoversUnitIDs {
			covers = append(covers, [2]string{c.ID, u})
		}
	}
	return b.insert(ctx, "consent_units", `consent_id, unit_id`, len(covers), func(i int, a []any) []any {
		return append(a, covers[i][0], covers[i][1])
	})
}

// Entries adds entries, with their IDs set. An entry that amends another must come
// after it, in the same call, or amend a first version. A measure's first
// evaluation (noteEvaluation) is worked out here for the measures and evaluations
// of the call, and written in SQL for the few that name an entry of an earlier one.
func (b *Bulk) Entries(ctx context.Context, es []logbook.Entry) error {
	origin := make(map[string]string, len(es))
	var lateMeasures []string
	for _, e := range es {
		o := e.ID
		if e.Amends != "" {
			var ok bool
			if o, ok = origin[e.Amends]; !ok {
				o = e.Amends
				if e.Kind == logbook.KindMeasure {
					lateMeasures = append(lateMeasures, e.ID)
				}
			}
		}
		origin[e.ID] = o
	}
	first := map[string]time.Time{} // a measure's origin → its first evaluation
	var lateEvaluations []int
	for i, e := range es {
		if e.Kind != logbook.KindEvaluation || e.MeasureID == "" {
			continue
		}
		o, ok := origin[e.MeasureID]
		if !ok {
			lateEvaluations = append(lateEvaluations, i)
			continue
		}
		if t, ok := first[o]; !ok || e.CreatedAt.Before(t) {
			first[o] = e.CreatedAt
		}
	}
	var failed error
	err := b.insert(ctx, "entries", `id, log_id, kind, author_id, author_role, created_at, text, version, amends, goal,
		responsible_user_id, start_date, evaluate_by, catalog_service_id, measure_id, outcome, held_at, attendees,
		decisions, event, origin_id, first_evaluation_at`, len(es), func(i int, a []any) []any {
		e := &es[i]
		o := origin[e.ID]
		var evaluated any
		if t, ok := first[o]; ok && e.Kind == logbook.KindMeasure {
			evaluated = b.t(t)
		}
		var attendees string
		if len(e.Attendees) > 0 {
			j, err := json.Marshal(e.Attendees)
			failed = errors.Join(failed, err)
			attendees = string(j)
		}
		var held any
		if !e.HeldAt.IsZero() {
			held = b.t(e.HeldAt)
		}
		event, err := eventJSON(e.Event)
		failed = errors.Join(failed, err)
		return append(a, e.ID, e.LogID, string(e.Kind), e.AuthorID, string(e.AuthorRole), b.t(e.CreatedAt), e.Text,
			e.Version, orNull(e.Amends), e.Goal, orNull(e.ResponsibleUserID), string(e.StartDate), string(e.EvaluateBy),
			e.CatalogServiceID, orNull(e.MeasureID), string(e.Outcome), held, attendees, e.Decisions, event, o, evaluated)
	})
	if err = errors.Join(err, failed); err != nil || len(lateEvaluations)+len(lateMeasures) == 0 {
		return err
	}
	if b.tx == nil {
		if err := b.begin(ctx); err != nil {
			return err
		}
	}
	for _, i := range lateEvaluations {
		if err := noteEvaluation(ctx, b.tx, &es[i]); err != nil {
			return b.fail(err)
		}
	}
	for _, id := range lateMeasures {
		if err := firstEvaluationOf(ctx, b.tx, id); err != nil {
			return b.fail(err)
		}
	}
	return nil
}

// Transfers adds transfers.
func (b *Bulk) Transfers(ctx context.Context, ts []logbook.Transfer) error {
	return b.insert(ctx, "transfers", transferCols, len(ts), func(i int, a []any) []any {
		t := &ts[i]
		return append(a, t.ID, t.LogID, t.FromUserID, t.ToUserID, t.ToUnitID, t.Note, string(t.Status), t.OldHolderLeaves,
			b.t(t.ProposedAt), b.tp(t.AnsweredAt))
	})
}

// bulkChain is the audit chain a Bulk appends to: one of its own, so that a load
// holds one head, and its records of many logs stay in the order they were given.
const bulkChain = "bulk"

// Audit appends events to the audit chain bulkChain in the order given, setting each
// one's Seq, place, PrevHash and Hash. At is kept as given (history is written
// after the fact).
func (b *Bulk) Audit(ctx context.Context, es []audit.Event) error {
	if len(es) == 0 {
		return nil
	}
	if b.tx == nil {
		if err := b.begin(ctx); err != nil {
			return err
		}
	}
	seqs, err := b.auditSeqs(ctx, len(es))
	if err != nil {
		return b.fail(err)
	}
	return b.insert(ctx, "audit", auditChainCols, len(es), func(i int, a []any) []any {
		// insert calls row in order, inside the transaction whose head it has read.
		e := &es[i]
		e.SealIn(bulkChain, seqs[i], b.head.seq, b.head.hash)
		b.head.seq, b.head.hash, b.head.dirty = e.ChainSeq, e.Hash, true
		return append(a, e.Seq, b.t(e.At), e.ActorID, e.Role, e.UnitID, e.MunicipalityID, e.LogID, string(e.Action),
			e.Detail, e.PrevHash, e.Hash, string(e.TargetType), e.TargetID, e.Chain, e.ChainSeq)
	})
}

// auditSeqs takes n numbers for new audit records: from the sequence on PostgreSQL,
// after the highest on SQLite, where the Bulk is the only writer.
func (b *Bulk) auditSeqs(ctx context.Context, n int) ([]int64, error) {
	out := make([]int64, 0, n)
	if b.db.dialect.name != "postgres" {
		var last int64
		if err := b.tx.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM audit`).Scan(&last); err != nil {
			return nil, fmt.Errorf("bulk: audit seq: %w", err)
		}
		for i := range int64(n) {
			out = append(out, last+1+i)
		}
		return out, nil
	}
	rows, err := b.tx.query(ctx, `SELECT nextval('audit_seq') FROM generate_series(1, ?)`, n)
	if err != nil {
		return nil, fmt.Errorf("bulk: audit seq: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Sessions adds signed-in sessions, each with its sign-in recorded as a security
// event and in the audit, as CreateSession does; method says how ("password", a
// provider's name).
func (b *Bulk) Sessions(ctx context.Context, ss []people.Session, method string) error {
	err := b.insert(ctx, "sessions", `token_hash, user_id, created_at, last_seen_at, expires_at`, len(ss),
		func(i int, a []any) []any {
			s := &ss[i]
			return append(a, s.TokenHash, s.UserID, b.t(s.CreatedAt), b.t(s.LastSeenAt), b.t(s.ExpiresAt))
		})
	if err != nil {
		return err
	}
	err = b.insert(ctx, "security_events", `user_id, at, kind, actor_id, detail`, len(ss), func(i int, a []any) []any {
		s := &ss[i]
		return append(a, s.UserID, b.t(s.CreatedAt), string(SecSignIn), s.UserID, method)
	})
	if err != nil {
		return err
	}
	evs := make([]audit.Event, len(ss))
	for i, s := range ss {
		evs[i] = audit.Event{At: s.CreatedAt, ActorID: s.UserID, Action: audit.Action("security." + SecSignIn),
			Detail: "user=" + s.UserID + " " + method}
	}
	return b.Audit(ctx, evs)
}

// BulkCounts are the rows in the tables a bulk load fills.
type BulkCounts struct {
	Municipalities, Units, Users, Roles, Logs, Guardians, Participants, Consents, Entries, Transfers, Audit int64
}

// CountBulk counts the rows in the tables a bulk load fills, to check a load.
func (db *DB) CountBulk(ctx context.Context) (BulkCounts, error) {
	var c BulkCounts
	err := db.view(ctx, func(tx *tx) error {
		for _, x := range []struct {
			table string
			dst   *int64
		}{
			{"municipalities", &c.Municipalities}, {"units", &c.Units}, {"users", &c.Users}, {"roles", &c.Roles},
			{"logs", &c.Logs}, {"log_guardians", &c.Guardians}, {"log_participants", &c.Participants},
			{"consents", &c.Consents}, {"entries", &c.Entries}, {"transfers", &c.Transfers}, {"audit", &c.Audit},
		} {
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM `+x.table).Scan(x.dst); err != nil {
				return fmt.Errorf("count %s: %w", x.table, err)
			}
		}
		return nil
	})
	return c, err
}
