package store_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/store/storetest"
)

// schema is what TestSchemasMatch compares: tables by name, and the indexes made by
// CREATE INDEX by name. Indexes behind PRIMARY KEY and UNIQUE constraints are named
// by each database in its own way, so they are compared as the tables' key and
// unique column lists instead.
type schema struct {
	Tables  map[string]table
	Indexes map[string]index
}

type table struct {
	Columns    []column
	PrimaryKey []string
	Unique     [][]string // UNIQUE constraints, each its columns in order; sorted
}

type column struct {
	Name    string
	Type    string // text, integer, real, bytes (see sqliteClass and postgresClass)
	NotNull bool
}

type index struct {
	Table   string
	Columns []string // an expression is "(expr)"
	Unique  bool
	Partial bool
}

// TestSchemasMatch migrates a fresh SQLite database and a fresh PostgreSQL schema and
// compares what they hold. Known, accepted differences are normalised away where the
// schema is read, each with its reason:
//
//   - Types compare by the class of value stored. SQLite has no time or boolean type:
//     the store writes times as fixed-width TEXT (sqliteTime) and booleans as INTEGER,
//     so TIMESTAMPTZ compares as text and BOOLEAN as integer.
//   - SQLite lets NULL into a PRIMARY KEY column that is not the INTEGER PRIMARY KEY
//     (a quirk it keeps for compatibility), where PostgreSQL makes every key column
//     NOT NULL. The store never writes a NULL key, and changing a column's constraint
//     in SQLite means rebuilding the table, so key columns count as NOT NULL on both.
//   - An index over an expression shows it as "(expr)": the two databases print
//     expressions differently.
func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	lite := storetest.Open(t, storetest.DSN(t, "sqlite"))
	pg := storetest.Open(t, storetest.DSN(t, "postgres")) // skips without PostgreSQL
	liteDB, _ := lite.Pools()
	pgDB, _ := pg.Pools()
	want, err := readSQLiteSchema(ctx, liteDB)
	if err != nil {
		t.Fatalf("read sqlite schema: %v", err)
	}
	got, err := readPostgresSchema(ctx, pgDB)
	if err != nil {
		t.Fatalf("read postgres schema: %v", err)
	}
	if len(want.Tables) < 10 || len(want.Indexes) < 10 {
		t.Fatalf("sqlite schema has %d tables and %d indexes, want the migrated schema", len(want.Tables), len(want.Indexes))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schemas differ (-sqlite +postgres):\n%s", diff)
	}
}

// sqliteClass classifies a declared SQLite column type by SQLite's affinity rules.
func sqliteClass(decl string) string {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "INT"):
		return "integer"
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return "text"
	case d == "" || strings.Contains(d, "BLOB"):
		return "bytes"
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return "real"
	}
	return "numeric:" + d
}

// postgresClass classifies a PostgreSQL type (information_schema's data_type) by what
// the store keeps in it on SQLite; see TestSchemasMatch.
func postgresClass(typ string) string {
	switch typ {
	case "text", "character varying", "character",
		"timestamp with time zone", "timestamp without time zone", "date":
		return "text"
	case "integer", "bigint", "smallint", "boolean":
		return "integer"
	case "real", "double precision":
		return "real"
	case "bytea":
		return "bytes"
	}
	return "other:" + typ
}

func readSQLiteSchema(ctx context.Context, db *sql.DB) (schema, error) {
	s := schema{Tables: map[string]table{}, Indexes: map[string]index{}}
	names, err := queryStrings(ctx, db,
		`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return s, err
	}
	for _, name := range names {
		tb, err := readSQLiteTable(ctx, db, name, s.Indexes)
		if err != nil {
			return s, err
		}
		s.Tables[name] = tb
	}
	return s, nil
}

// readSQLiteTable reads a table's columns and keys, and adds its CREATE INDEX indexes
// to indexes.
func readSQLiteTable(ctx context.Context, db *sql.DB, name string, indexes map[string]index) (table, error) {
	var tb table
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, name)
	if err != nil {
		return tb, err
	}
	defer rows.Close()
	pk := map[int]string{} // position in the key → column
	for rows.Next() {
		var c column
		var decl string
		var n int
		if err := rows.Scan(&c.Name, &decl, &c.NotNull, &n); err != nil {
			return tb, err
		}
		c.Type = sqliteClass(decl)
		if n > 0 {
			c.NotNull = true // see TestSchemasMatch
			pk[n] = c.Name
		}
		tb.Columns = append(tb.Columns, c)
	}
	if err := rows.Err(); err != nil {
		return tb, err
	}
	for n := 1; n <= len(pk); n++ {
		tb.PrimaryKey = append(tb.PrimaryKey, pk[n])
	}
	idx, err := db.QueryContext(ctx, `SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, name)
	if err != nil {
		return tb, err
	}
	defer idx.Close()
	type ix struct {
		name, origin string
		unique, part bool
	}
	var list []ix
	for idx.Next() {
		var i ix
		if err := idx.Scan(&i.name, &i.unique, &i.origin, &i.part); err != nil {
			return tb, err
		}
		list = append(list, i)
	}
	if err := idx.Err(); err != nil {
		return tb, err
	}
	for _, i := range list {
		cols, err := queryStrings(ctx, db,
			`SELECT COALESCE(name, '(expr)') FROM pragma_index_info(?) ORDER BY seqno`, i.name)
		if err != nil {
			return tb, err
		}
		switch i.origin {
		case "c":
			indexes[i.name] = index{Table: name, Columns: cols, Unique: i.unique, Partial: i.part}
		case "u":
			tb.Unique = append(tb.Unique, cols)
		}
	}
	sortColumnLists(tb.Unique)
	return tb, nil
}

func readPostgresSchema(ctx context.Context, db *sql.DB) (schema, error) {
	s := schema{Tables: map[string]table{}, Indexes: map[string]index{}}
	rows, err := db.QueryContext(ctx, `
		SELECT table_name, column_name, data_type, is_nullable = 'NO'
		FROM information_schema.columns
		WHERE table_schema = current_schema()
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ string
		var c column
		if err := rows.Scan(&name, &c.Name, &typ, &c.NotNull); err != nil {
			return s, err
		}
		c.Type = postgresClass(typ)
		tb := s.Tables[name]
		tb.Columns = append(tb.Columns, c)
		s.Tables[name] = tb
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	if err := readPostgresConstraints(ctx, db, s.Tables); err != nil {
		return s, err
	}
	return s, readPostgresIndexes(ctx, db, s.Indexes)
}

// readPostgresConstraints adds each table's primary key and UNIQUE constraints.
func readPostgresConstraints(ctx context.Context, db *sql.DB, tables map[string]table) error {
	rows, err := db.QueryContext(ctx, `
		SELECT t.relname, c.contype, string_agg(a.attname, ',' ORDER BY k.n)
		FROM pg_constraint c
		JOIN pg_class t ON t.oid = c.conrelid
		CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE t.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u')
		GROUP BY t.relname, c.oid, c.contype`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ, cols string
		if err := rows.Scan(&name, &typ, &cols); err != nil {
			return err
		}
		tb := tables[name]
		if typ == "p" {
			tb.PrimaryKey = strings.Split(cols, ",")
		} else {
			tb.Unique = append(tb.Unique, strings.Split(cols, ","))
			sortColumnLists(tb.Unique)
		}
		tables[name] = tb
	}
	return rows.Err()
}

// readPostgresIndexes adds the indexes that back no constraint.
func readPostgresIndexes(ctx context.Context, db *sql.DB, indexes map[string]index) error {
	rows, err := db.QueryContext(ctx, `
		SELECT i.relname, t.relname, x.indisunique, x.indpred IS NOT NULL,
		       string_agg(CASE WHEN k.attnum = 0 THEN '(expr)' ELSE a.attname END, ',' ORDER BY k.n)
		FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_class t ON t.oid = x.indrelid
		CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
		LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE t.relnamespace = current_schema()::regnamespace
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
		GROUP BY i.relname, t.relname, x.indisunique, x.indpred IS NOT NULL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, cols string
		var ix index
		if err := rows.Scan(&name, &ix.Table, &ix.Unique, &ix.Partial, &cols); err != nil {
			return err
		}
		ix.Columns = strings.Split(cols, ",")
		indexes[name] = ix
	}
	return rows.Err()
}

func sortColumnLists(l [][]string) {
	slices.SortFunc(l, func(a, b []string) int { return slices.Compare(a, b) })
}

func queryStrings(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
