package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"stafett/internal/fault"
)

// TestDBFaultPostgres classifies PostgreSQL's errors by SQLSTATE and type (SQLite's
// come from a real database in TestStorageFull and TestStorageBusy).
func TestDBFaultPostgres(t *testing.T) {
	for _, c := range []struct {
		err  error
		want fault.Code
	}{
		{&pgconn.PgError{Code: "53100"}, fault.StorageFull},
		{&pgconn.PgError{Code: "08006"}, fault.Unavailable},
		{&pgconn.PgError{Code: "57P01"}, fault.Unavailable},
		{&pgconn.PgError{Code: "25006"}, fault.Unavailable},
		{&pgconn.ConnectError{}, fault.Unavailable},
		{driver.ErrBadConn, fault.Unavailable},
		{errClosed, fault.Unavailable},
		{&pgconn.PgError{Code: "23505"}, fault.Internal},
		{&pgconn.PgError{Code: "53200"}, fault.Internal},
		{context.Canceled, fault.Internal},
		{errors.New("other"), fault.Internal},
		{fault.New(fault.NotFound, "x"), fault.NotFound},
	} {
		err := dbFault(fmt.Errorf("store: commit: %w", c.err))
		if got := fault.CodeOf(err); got != c.want {
			t.Errorf("%T %v: code %q, want %q", c.err, c.err, got, c.want)
		}
	}
}
