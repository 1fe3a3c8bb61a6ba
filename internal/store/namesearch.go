package store

import (
	"context"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// searchFold is how names are kept for searching and how a search is turned to
// match them: composed (an "å" typed as "a" and a ring matches "å") and in lower
// case in every letter (SQL's LOWER leaves Æ, Ø and Å alone in SQLite and under
// PostgreSQL's C locale).
func searchFold(s string) string { return strings.ToLower(norm.NFC.String(s)) }

// foldBatch is how many names foldNames folds per transaction.
const foldBatch = 500

// foldNames fills name_search for the users and units stored without it: all of
// them when migration 0011 has just added the column, and afterwards only the ones
// a server of an older version wrote, found through a partial index (none at all
// on most starts). Each batch is its own short transaction, so a national
// database is not locked while it runs.
func (db *DB) foldNames(ctx context.Context) error {
	type named struct{ id, name string }
	for _, table := range []string{"users", "units"} {
		for {
			var n int
			err := db.update(ctx, func(tx *tx) error {
				rows, err := queryAll(ctx, tx, func(s scanner, r *named) error { return s.Scan(&r.id, &r.name) },
					`SELECT id, name FROM `+table+` WHERE name_search = '' AND name <> '' ORDER BY id LIMIT ?`, foldBatch)
				if err != nil {
					return err
				}
				for _, r := range rows {
					if _, err := tx.exec(ctx, `UPDATE `+table+` SET name_search = ? WHERE id = ?`, searchFold(r.name), r.id); err != nil {
						return err
					}
				}
				n = len(rows)
				return nil
			})
			if err != nil {
				return err
			}
			if n < foldBatch {
				break
			}
		}
	}
	return nil
}
