package store

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
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
	// Spread, above 1, keeps the count in that many rows, each event counted in
	// one of them at random and the limit checked against their sum: for a count
	// that every request touches (the global sign-in cap), so that concurrent
	// requests on several servers do not queue on one row. The sum is read
	// without waiting for transactions still counting, so a spread count may let
	// a few more through than its limit under concurrency.
	Spread int
}

// Taken is an event counted by TakeRate.
type Taken struct {
	counted []counted
}

type counted struct {
	bucket, subject string // subject is the HMAC (of the row counted in, when spread)
	rows            []string
	resetAt         time.Time
}

// counters checks cs and returns them as stored, and the order their rows are
// locked in: by bucket and subject, the store's lock order for rate_limits (doc.go).
func (db *DB) counters(ctx context.Context, cs []Counter) ([]counted, []int, error) {
	key, err := db.rateKey(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := make([]counted, len(cs))
	for i, c := range cs {
		if c.Bucket == "" || c.Limit.N < 1 || c.Limit.Per <= 0 {
			return nil, nil, fmt.Errorf("store: rate counter %q needs a bucket and a positive limit", c.Bucket)
		}
		out[i] = counted{bucket: c.Bucket, subject: rateSubject(key, c.Bucket, c.Subject)}
		if c.Spread > 1 {
			for k := range c.Spread {
				out[i].rows = append(out[i].rows, rateSubject(key, c.Bucket, c.Subject+"\x00"+strconv.Itoa(k)))
			}
			out[i].subject = out[i].rows[rand.IntN(c.Spread)]
		}
	}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(out[a].bucket, out[b].bucket), cmp.Compare(out[a].subject, out[b].subject))
	})
	return out, order, nil
}

// TakeRate counts one event on each counter, all or nothing, in one transaction:
// when any counter would go over its limit, none is counted and the error is a
// rate_limited fault wrapping a *ratelimit.Exceeded with the longest wait. Each
// counter is one upsert that starts a new window when the old one has ended, so
// concurrent requests on any number of servers never let more than N through (a
// spread counter: about N, see Counter.Spread).
func (db *DB) TakeRate(ctx context.Context, counters ...Counter) (*Taken, error) {
	cs, order, err := db.counters(ctx, counters)
	if err != nil {
		return nil, err
	}
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

// CheckRate refuses, as TakeRate does, when any counter has already reached its
// limit in its current window, and counts nothing: it reads. With CountRate after
// a failure it is how failures are limited: checked before the attempt, counted
// only when the attempt has failed, so an attempt that succeeds never touches a
// failure counter. Concurrent attempts that all pass the check before any of them
// is counted can together go past the limit by as many as ran at once.
func (db *DB) CheckRate(ctx context.Context, counters ...Counter) error {
	cs, _, err := db.counters(ctx, counters)
	if err != nil {
		return err
	}
	return db.view(ctx, func(tx *tx) error {
		var over *ratelimit.Exceeded
		for i := range cs {
			hits, resetAt, err := sumRate(ctx, tx, &cs[i])
			if err != nil {
				return err
			}
			if wait := resetAt.Sub(tx.now); hits >= counters[i].Limit.N && (over == nil || wait > over.RetryAfter) {
				over = &ratelimit.Exceeded{Name: counters[i].Bucket, RetryAfter: wait}
			}
		}
		if over != nil {
			return fault.Wrap(fault.RateLimited, over, "too many requests; try again later")
		}
		return nil
	})
}

// CountRate counts one event on each counter, whatever their counts: a failure that
// has happened, which CheckRate then holds against the next attempt.
func (db *DB) CountRate(ctx context.Context, counters ...Counter) error {
	cs, order, err := db.counters(ctx, counters)
	if err != nil {
		return err
	}
	if err := db.pruneRate(ctx); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		for _, i := range order {
			if _, err := takeOne(ctx, tx, &cs[i], counters[i].Limit); err != nil {
				return err
			}
		}
		return nil
	})
}

// takeOne counts one event on c and returns the count in its current window (for a
// spread counter, the sum over its rows).
func takeOne(ctx context.Context, tx *tx, c *counted, l ratelimit.Limit) (int, error) {
	var before int
	var firstEnd time.Time
	if len(c.rows) > 0 {
		var err error
		if before, firstEnd, err = sumRate(ctx, tx, c); err != nil {
			return 0, err
		}
	}
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
	if len(c.rows) == 0 {
		return hits, nil
	}
	// Spread: the other rows as they were, and this one. The wait is until the
	// first of their windows ends.
	if before > 0 && firstEnd.Before(c.resetAt) {
		c.resetAt = firstEnd
	}
	return before + 1, nil
}

// sumRate returns the count of c in its current window and when the window ends:
// for a spread counter, the sum over its rows and the first end among them. It
// reads what is committed and locks nothing.
func sumRate(ctx context.Context, tx *tx, c *counted) (int, time.Time, error) {
	rows := c.rows
	if len(rows) == 0 {
		rows = []string{c.subject}
	}
	args := []any{c.bucket, tx.now}
	for _, r := range rows {
		args = append(args, r)
	}
	var hits int
	var resetAt time.Time
	err := tx.queryRow(ctx, `SELECT COALESCE(SUM(hits), 0), COALESCE(MIN(reset_at), ?) FROM rate_limits
		WHERE bucket = ? AND reset_at > ? AND subject IN (?`+strings.Repeat(", ?", len(rows)-1)+`)`,
		append([]any{tx.now}, args...)...).Scan(&hits, timeCol{&resetAt})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: read rate %s: %w", c.bucket, err)
	}
	return hits, resetAt, nil
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
