package store

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestRenderMigration(t *testing.T) {
	tests := []struct {
		name, src, sqlite, postgres string
	}{
		{"Plain", "CREATE INDEX a ON b (c);\n", "CREATE INDEX a ON b (c);\n", "CREATE INDEX a ON b (c);\n"},
		{"Types",
			"at {{TIME}} NOT NULL, ok {{BOOL}} DEFAULT {{TRUE}}, no {{BOOL}} DEFAULT {{FALSE}}, n {{BIGINT}}, d {{BYTES}}",
			"at TEXT NOT NULL, ok INTEGER DEFAULT 1, no INTEGER DEFAULT 0, n INTEGER, d BLOB",
			"at TIMESTAMPTZ NOT NULL, ok BOOLEAN DEFAULT TRUE, no BOOLEAN DEFAULT FALSE, n BIGINT, d BYTEA"},
		{"Serial", "id {{SERIAL_PRIMARY_KEY}},",
			"id INTEGER PRIMARY KEY AUTOINCREMENT,", "id BIGSERIAL PRIMARY KEY,"},
		{"Block",
			"A;\n{{if sqlite -}}\nB1;\n{{else -}}\nB2\n    FROM x;\n{{end -}}\nC;\n",
			"A;\nB1;\nC;\n",
			"A;\nB2\n    FROM x;\nC;\n"},
		{"PostgresOnly", "A;\n{{if postgres -}}\nB;\n{{end -}}\n", "A;\n", "A;\nB;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for d, want := range map[dialect]string{sqliteDialect: tt.sqlite, postgresDialect: tt.postgres} {
				got, err := d.renderMigration("x.sql", tt.src)
				if err != nil {
					t.Fatalf("%s: %v", d.name, err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", d.name, diff)
				}
			}
		})
	}
	t.Run("ErrUnknownWord", func(t *testing.T) {
		if _, err := sqliteDialect.renderMigration("x.sql", "at {{TIMESTAMP}}"); err == nil {
			t.Error("unknown word rendered, want an error")
		}
	})
}

func TestLoadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"migrations/0001_a.sql":          file("a {{TIME}};"),
		"migrations/sqlite/0002_b.sql":   file("b sqlite;"),
		"migrations/postgres/0002_b.sql": file("b postgres {{TIME}};"), // run as written
		"migrations/0003_c.sql":          file("c;"),
		"migrations/README.md":           file("not a migration"),
	}
	t.Run("OK", func(t *testing.T) {
		want := map[string][]migration{
			"sqlite":   {{"0001_a.sql", "a TEXT;"}, {"0002_b.sql", "b sqlite;"}, {"0003_c.sql", "c;"}},
			"postgres": {{"0001_a.sql", "a TIMESTAMPTZ;"}, {"0002_b.sql", "b postgres {{TIME}};"}, {"0003_c.sql", "c;"}},
		}
		for _, d := range []dialect{sqliteDialect, postgresDialect} {
			got, err := loadMigrations(fsys, d)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want[d.name], got, cmp.AllowUnexported(migration{})); diff != "" {
				t.Errorf("%s (-want +got):\n%s", d.name, diff)
			}
		}
	})
	errs := map[string]fstest.MapFS{
		"ErrIncompletePair": {
			"migrations/0001_a.sql":        file("a;"),
			"migrations/sqlite/0002_b.sql": file("b;"),
		},
		"ErrBothForms": {
			"migrations/0001_a.sql":          file("a;"),
			"migrations/sqlite/0001_a.sql":   file("a;"),
			"migrations/postgres/0001_a.sql": file("a;"),
		},
		"ErrBadTemplate": {"migrations/0001_a.sql": file("a {{if sqlite}};")},
	}
	for name, fsys := range errs {
		t.Run(name, func(t *testing.T) {
			for _, d := range []dialect{sqliteDialect, postgresDialect} {
				if ms, err := loadMigrations(fsys, d); err == nil {
					t.Errorf("%s: loaded %v, want an error", d.name, ms)
				}
			}
		})
	}
}
