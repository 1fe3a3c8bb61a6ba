package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"stafett/internal/fault"
)

// Seeding is an unfinished bulk seed found in the database.
type Seeding struct {
	What      string // "gen"
	StartedAt time.Time
}

// BeginSeeding records that the bulk seed what begins, before any of its data is
// written; EndSeeding removes the record when the seed is whole. It is a conflict
// when a seed is recorded already.
func (db *DB) BeginSeeding(ctx context.Context, what string) error {
	return db.update(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `INSERT INTO seeding (id, what, started_at) VALUES (1, ?, ?)`, what, tx.now); err != nil {
			if isUnique(err) {
				return fault.New(fault.Conflict, "a seed is recorded already")
			}
			return fmt.Errorf("seeding: %w", err)
		}
		return nil
	})
}

// EndSeeding removes the record BeginSeeding wrote: the seed is whole.
func (db *DB) EndSeeding(ctx context.Context) error {
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `DELETE FROM seeding WHERE id = 1`)
		return err
	})
}

// UnfinishedSeeding returns the bulk seed that began and never ended, and whether
// there is one.
func (db *DB) UnfinishedSeeding(ctx context.Context) (Seeding, bool, error) {
	var s Seeding
	err := db.view(ctx, func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT what, started_at FROM seeding WHERE id = 1`).Scan(&s.What, timeCol{&s.StartedAt})
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Seeding{}, false, nil
	}
	if err != nil {
		return Seeding{}, false, fmt.Errorf("seeding: %w", err)
	}
	return s, true, nil
}
