package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Advisory lock keys (PostgreSQL): one per piece of work that must run on one server
// at a time. migrateOne's per-migration lock is 7301.
const (
	lockMigrate    int64 = 7300 // Migrate, whole
	lockCheckpoint int64 = 7310 // the audit checkpoint writer
	lockBackup     int64 = 7311 // scheduled backups
	lockJobs       int64 = 7312 // background jobs (session clean-up, reminders)
)

// Lead keys for Lead, naming the work one server at a time does.
const (
	LeadCheckpoint = "checkpoint"
	LeadBackup     = "backup"
	LeadJobs       = "jobs"
)

var leadKeys = map[string]int64{LeadCheckpoint: lockCheckpoint, LeadBackup: lockBackup, LeadJobs: lockJobs}

// Leader is one server's hold on a piece of work that runs on one server at a time.
// On PostgreSQL it is a session advisory lock held on a connection of its own: it
// ends when Release is called, the connection breaks, or the server dies, and then
// another server's TryLead takes it. On SQLite, one server has the database to
// itself and always leads.
type Leader struct {
	conn *sql.Conn
	key  int64
}

// TryLead tries to become the one server doing work (a Lead* name). It returns nil,
// and no error, when another server leads now; try again later.
func (db *DB) TryLead(ctx context.Context, work string) (*Leader, error) {
	key, ok := leadKeys[work]
	if !ok {
		return nil, fmt.Errorf("store: no such work to lead: %q", work)
	}
	if db.dialect.name != "postgres" {
		return &Leader{key: key}, nil
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, dbFault(fmt.Errorf("store: lead %s: %w", work, err))
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
		conn.Close()
		return nil, dbFault(fmt.Errorf("store: lead %s: %w", work, err))
	}
	if !got {
		conn.Close()
		return nil, nil
	}
	return &Leader{conn: conn, key: key}, nil
}

// Held reports whether the lead is still held: false once its connection is gone
// (PostgreSQL restarted, the network broke), when another server may have taken it.
func (l *Leader) Held(ctx context.Context) bool {
	if l.conn == nil {
		return true
	}
	return l.conn.PingContext(ctx) == nil
}

// Release gives the lead up.
func (l *Leader) Release() {
	if l.conn == nil {
		return
	}
	_, _ = l.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, l.key)
	l.conn.Close()
}

// exclusively runs f while holding the session advisory lock key on a connection of
// its own, waiting for it if another server holds it (PostgreSQL); on SQLite it just
// runs f.
func (db *DB) exclusively(ctx context.Context, key int64, f func() error) error {
	if db.dialect.name != "postgres" {
		return f()
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return fmt.Errorf("store: wait for lock %d: %w", key, err)
	}
	// Closing the connection would end the lock too; a pooled one lives on.
	defer func() { _, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key) }()
	return f()
}
