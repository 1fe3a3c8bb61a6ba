package store

import (
	"context"
	"strings"
)

// searchFold is how names are kept for searching and how a search is turned to
// match them: lower case in every letter (SQL's LOWER leaves Æ, Ø and Å alone in
// SQLite and under PostgreSQL's C locale).
func searchFold(s string) string { return strings.ToLower(s) }

// foldNames fills name_search for the users and units that existed before the
// column did (migration 0011).
func foldNames(ctx context.Context, tx *tx) error {
	type named struct{ id, name string }
	for _, table := range []string{"users", "units"} {
		rows, err := queryAll(ctx, tx, func(s scanner, n *named) error { return s.Scan(&n.id, &n.name) },
			`SELECT id, name FROM `+table)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := tx.exec(ctx, `UPDATE `+table+` SET name_search = ? WHERE id = ?`, searchFold(r.name), r.id); err != nil {
				return err
			}
		}
	}
	return nil
}
