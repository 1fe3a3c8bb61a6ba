package store

import (
	"database/sql"
	"sync"
)

// maxCachedStmts bounds a pool's statement cache. Stafett's queries are a fixed set
// of a few hundred texts; the bound only matters for queries built with a varying
// number of placeholders, which past it are prepared each time as before.
const maxCachedStmts = 1024

// stmtCache keeps one prepared statement per query text for a SQLite pool. Parsing
// and planning a statement costs more than running most of Stafett's queries (a
// CPU profile of the log page put 13% of all time in SQLite's parser), so each
// connection prepares a text once and reuses it: database/sql remembers, per
// statement, the connections it is prepared on. PostgreSQL needs none of this: pgx
// caches prepared statements per connection itself.
type stmtCache struct {
	pool   *sql.DB
	mu     sync.RWMutex
	m      map[string]*sql.Stmt // nil while being prepared
	closed bool
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for q, or nil when it is not prepared yet
// (the caller then runs q directly). The first time a text is seen, it is prepared
// in the background: not on the caller's connection, which its transaction holds,
// and not while the caller waits, because on SQLite's single writer connection
// that wait would never end.
func (c *stmtCache) get(q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	st, seen := c.m[q]
	c.mu.RUnlock()
	if seen {
		return st // nil while it is being prepared
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.m[q]; seen || c.closed || len(c.m) >= maxCachedStmts {
		return nil
	}
	c.m[q] = nil
	go c.prepare(q)
	return nil
}

func (c *stmtCache) prepare(q string) {
	st, err := c.pool.Prepare(q)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err != nil:
		delete(c.m, q) // perhaps the schema was not there yet: try again next time
	case c.closed:
		_ = st.Close()
	default:
		c.m[q] = st
	}
}

// close closes every cached statement; statements prepared later are closed at once.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for q, st := range c.m {
		if st != nil {
			_ = st.Close()
		}
		delete(c.m, q)
	}
}
