package store

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"stafett/internal/fault"
	"stafett/internal/ratelimit"
)

// pruneEvery bounds how often counters whose window has ended are deleted.
const pruneEvery = time.Minute

// rateState is what a DB remembers between rate-limit calls: the HMAC key, read
// once, and when ended windows were last pruned.
type rateState struct {
	mu     sync.Mutex
	key    []byte
	pruned time.Time
}

// Counter names one rate-limit counter: what is counted (Bucket, stored as is) and
// whom it counts (Subject, stored only as an HMAC under a key kept in the database),
// with its limit.
type Counter struct {
	Bucket  string
	Subject string
	Limit   ratelimit.Limit
}

// Taken is an event counted by TakeRate, for GiveBackRate.
type Taken struct {
	counted []counted
}

type counted struct {
	bucket, subject string // subject is the HMAC
	resetAt         time.Time
}

// TakeRate counts one event on each counter, all or nothing, in one transaction:
// when any counter would go over its limit, none is counted and the error is a
// rate_limited fault wrapping a *ratelimit.Exceeded with the longest wait. Each
// counter is one upsert that starts a new window when the old one has ended, so
// concurrent requests on any number of servers never let more than N through.
func (db *DB) TakeRate(ctx context.Context, counters ...Counter) (*Taken, error) {
	key, err := db.rateKey(ctx)
	if err != nil {
		return nil, err
	}
	cs := make([]counted, len(counters))
	for i, c := range counters {
		if c.Bucket == "" || c.Limit.N < 1 || c.Limit.Per <= 0 {
			return nil, fmt.Errorf("store: rate counter %q needs a bucket and a positive limit", c.Bucket)
		}
		cs[i] = counted{bucket: c.Bucket, subject: rateSubject(key, c.Bucket, c.Subject)}
	}
	// Rows are locked in one order, so two transactions never wait on each other
	// in a cycle on PostgreSQL.
	order := make([]int, len(counters))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(cs[a].bucket, cs[b].bucket), cmp.Compare(cs[a].subject, cs[b].subject))
	})
	if err := db.pruneRate(ctx); err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *tx) error {
		var over *ratelimit.Exceeded
		for _, i := range order {
			hits, err := takeOne(ctx, tx, &cs[i], counters[i].Limit)
			if err != nil {
				return err
			}
			if wait := cs[i].resetAt.Sub(tx.now); hits > counters[i].Limit.N && (over == nil || wait > over.RetryAfter) {
				over = &ratelimit.Exceeded{Name: counters[i].Bucket, RetryAfter: wait}
			}
		}
		if over != nil {
			// Returning an error rolls back every count of this event.
			return fault.Wrap(fault.RateLimited, over, "too many requests; try again later")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Taken{counted: cs}, nil
}

// takeOne counts one event on c and returns the count in its current window.
func takeOne(ctx context.Context, tx *tx, c *counted, l ratelimit.Limit) (int, error) {
	var hits int
	err := tx.queryRow(ctx, `INSERT INTO rate_limits (bucket, subject, hits, reset_at) VALUES (?, ?, 1, ?)
		ON CONFLICT (bucket, subject) DO UPDATE SET
			hits = CASE WHEN rate_limits.reset_at <= ? THEN 1 ELSE rate_limits.hits + 1 END,
			reset_at = CASE WHEN rate_limits.reset_at <= ? THEN excluded.reset_at ELSE rate_limits.reset_at END
		RETURNING hits, reset_at`, c.bucket, c.subject, tx.now.Add(l.Per), tx.now, tx.now).
		Scan(&hits, timeCol{&c.resetAt})
	if err != nil {
		return 0, fmt.Errorf("store: count rate %s: %w", c.bucket, err)
	}
	return hits, nil
}

// GiveBackRate uncounts the event t on the counters of the named buckets, in the
// window it was counted in: a sign-in that succeeded is no failure.
func (db *DB) GiveBackRate(ctx context.Context, t *Taken, buckets ...string) error {
	if t == nil {
		return nil
	}
	return db.update(ctx, func(tx *tx) error {
		for _, c := range t.counted {
			if !slices.Contains(buckets, c.bucket) {
				continue
			}
			_, err := tx.exec(ctx, `UPDATE rate_limits SET hits = hits - 1
				WHERE bucket = ? AND subject = ? AND reset_at = ? AND hits > 0`, c.bucket, c.subject, c.resetAt)
			if err != nil {
				return fmt.Errorf("store: give back rate %s: %w", c.bucket, err)
			}
		}
		return nil
	})
}

// pruneRate deletes counters whose window has ended, at most once per pruneEvery.
// It has its own transaction: the counting one is rolled back when a limit is
// reached, which under attack is most of the time.
func (db *DB) pruneRate(ctx context.Context) error {
	now := db.now()
	db.limits.mu.Lock()
	due := now.Sub(db.limits.pruned) >= pruneEvery || now.Before(db.limits.pruned)
	if due {
		db.limits.pruned = now
	}
	db.limits.mu.Unlock()
	if !due {
		return nil
	}
	return db.update(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM rate_limits WHERE reset_at <= ?`, tx.now); err != nil {
			return fmt.Errorf("store: prune rate limits: %w", err)
		}
		return nil
	})
}

// rateKey returns the HMAC key for counter subjects, made by the migration.
func (db *DB) rateKey(ctx context.Context) ([]byte, error) {
	db.limits.mu.Lock()
	defer db.limits.mu.Unlock()
	if db.limits.key != nil {
		return db.limits.key, nil
	}
	var secret string
	err := db.read.QueryRowContext(ctx, `SELECT secret FROM rate_limit_key WHERE id = 1`).Scan(&secret)
	if err != nil {
		return nil, fmt.Errorf("store: read rate limit key: %w", err)
	}
	if len(secret) < 32 {
		return nil, errors.New("store: rate limit key is too short")
	}
	db.limits.key = []byte(secret)
	return db.limits.key, nil
}

// rateSubject is the stored form of a counter's subject: an HMAC, so the table
// yields no e-mail or address to someone who reads it without the key.
func rateSubject(key []byte, bucket, subject string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(bucket))
	m.Write([]byte{0})
	m.Write([]byte(subject))
	return hex.EncodeToString(m.Sum(nil))
}

// ServerKey returns a key for purpose (e.g. "device"), derived from the secret the
// migration made for the rate limits: the same on every server of a deployment, and
// different for every purpose, so no two uses can stand in for each other.
func (db *DB) ServerKey(ctx context.Context, purpose string) ([]byte, error) {
	key, err := db.rateKey(ctx)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("stafett key\x00"))
	m.Write([]byte(purpose))
	return m.Sum(nil), nil
}
