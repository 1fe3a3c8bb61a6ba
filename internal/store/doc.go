// Package store holds all SQL. One code path serves SQLite (the embedded default) and
// PostgreSQL; the few differences live in dialect.go. Public methods own their
// transaction; lowercase helpers take a *tx.
//
// # Transactions
//
// A write runs in db.update. On SQLite it goes through the writer (writer.go): one
// connection, functions grouped into one transaction and one durable commit, each in
// a savepoint of its own so that one that fails is undone alone. On PostgreSQL every
// write is a transaction of its own (runTx): PostgreSQL makes concurrent commits
// durable together by itself, and grouping would only make unrelated requests share
// their locks and their failures. Several servers may write to one PostgreSQL at once.
//
// A transaction the database aborts for a deadlock or a serialization conflict
// (40P01, 40001) or a lock it could not get (SQLITE_BUSY) is run again whole, in one
// place (retry.go): bounded, with a growing random wait, and counted
// (ConflictStats). A write function may therefore run more than once; what it leaves
// behind outside its transaction (variables of the caller) must be set, not added to.
//
// # Lock order
//
// Every write transaction takes its row locks in this order, and never goes back to
// an earlier kind once it holds a later one, so no two transactions, on one server
// or several, ever wait on each other in a cycle:
//
//  1. rate_limits rows, sorted by bucket and subject (TakeRate, CountRate);
//  2. the acting person's own rows: users, sessions, credentials, totp,
//     recovery_codes, security_events;
//  3. administrative rows: municipalities, units, roles, networks, guides and the
//     service overview, in that order;
//  4. one log: its logs row first, then its child rows (entries, participants,
//     guardians, consents, transfers, steps), then the person's log_visits row. A
//     transaction changes at most one log;
//  5. the audit, last: the head of each audit chain the transaction writes to,
//     taken only when its work is done, just before the commit (appendAudit
//     gathers the records, flushAudit writes them in chain order), so that a
//     chain's head is held for as short a time as a commit takes.
//
// Reads take no row locks (READ COMMITTED on PostgreSQL, a snapshot on SQLite). A
// new store method keeps to the order by doing its reads and checks first, its
// writes in the order above, and its audit record through appendAudit.
package store
