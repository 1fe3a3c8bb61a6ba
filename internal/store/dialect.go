package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is the one place where SQLite and PostgreSQL differ. Queries are written
// with ? placeholders and portable SQL; the dialect rewrites placeholders, encodes
// times and classifies driver errors by code, never by message.
type dialect struct {
	name string // "sqlite" or "postgres"
}

var (
	sqliteDialect   = dialect{name: "sqlite"}
	postgresDialect = dialect{name: "postgres"}
)

func dialectNamed(name string) (dialect, error) {
	switch name {
	case sqliteDialect.name:
		return sqliteDialect, nil
	case postgresDialect.name:
		return postgresDialect, nil
	}
	return dialect{}, fmt.Errorf("store: unknown dialect %q", name)
}

// migrationWords are the words of a portable migration that each dialect spells its
// own way: {SQLite, PostgreSQL}. SQLite keeps times as fixed-width TEXT (sqliteTime)
// and booleans as 0 and 1; its INTEGER is 64-bit, and INTEGER PRIMARY KEY is the
// rowid, which BIGINT PRIMARY KEY would not be.
var migrationWords = map[string][2]string{
	"TIME":               {"TEXT", "TIMESTAMPTZ"},
	"BOOL":               {"INTEGER", "BOOLEAN"},
	"TRUE":               {"1", "TRUE"},
	"FALSE":              {"0", "FALSE"},
	"BIGINT":             {"INTEGER", "BIGINT"},
	"BYTES":              {"BLOB", "BYTEA"},
	"SERIAL_PRIMARY_KEY": {"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
}

// migrationFuncs are the template functions of a portable migration (see
// renderMigration): each of migrationWords in d's spelling, and sqlite and postgres,
// which report whether d is that dialect.
func (d dialect) migrationFuncs() template.FuncMap {
	i := 0
	if d.name == "postgres" {
		i = 1
	}
	funcs := template.FuncMap{
		"sqlite":   func() bool { return d.name == "sqlite" },
		"postgres": func() bool { return d.name == "postgres" },
	}
	for word, spellings := range migrationWords {
		funcs[word] = func() string { return spellings[i] }
	}
	return funcs
}

// sqliteTime is a fixed-width UTC layout, so stored times sort as text.
const sqliteTime = "2006-01-02T15:04:05.000000Z"

// rebind turns ? placeholders into $1, $2, … for PostgreSQL. Queries never contain a
// literal question mark.
func (d dialect) rebind(q string) string {
	if d.name != "postgres" || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// args encodes arguments: times become fixed-width UTC text on SQLite and UTC
// timestamps on PostgreSQL; nil *time.Time becomes NULL.
func (d dialect) args(args []any) []any {
	for i, a := range args {
		switch v := a.(type) {
		case time.Time:
			args[i] = d.time(v)
		case *time.Time:
			if v == nil {
				args[i] = nil
			} else {
				args[i] = d.time(*v)
			}
		}
	}
	return args
}

func (d dialect) time(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if d.name == "sqlite" {
		return t.Format(sqliteTime)
	}
	return t
}

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// isForeignKey reports whether err is a foreign-key violation.
func isForeignKey(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// isBadText reports whether PostgreSQL refused a value for its characters (a NUL, or
// bytes that are not UTF-8).
func isBadText(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "22021" || pe.Code == "22P05")
}

// isBusy reports whether err means the database was locked or a serialization
// conflict occurred, so the transaction may be retried.
func isBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// timeCol scans a time stored by either dialect into dst. A NULL leaves dst zero.
type timeCol struct{ dst *time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.dst = time.Time{}
	case time.Time:
		*c.dst = x.UTC()
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	default:
		return errors.New("store: unsupported time value")
	}
	return nil
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return err
	}
	*c.dst = t.UTC()
	return nil
}

// nullTimeCol scans a nullable time into a *time.Time that stays nil for NULL.
type nullTimeCol struct{ dst **time.Time }

func (c nullTimeCol) Scan(v any) error {
	if v == nil {
		*c.dst = nil
		return nil
	}
	var t time.Time
	if err := (timeCol{&t}).Scan(v); err != nil {
		return err
	}
	*c.dst = &t
	return nil
}
