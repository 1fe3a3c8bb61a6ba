package logbook

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"stafett/internal/fault"
)

// checkFields asserts that err is a validation error with exactly the field codes
// want, or nil when want is empty.
func checkFields(t *testing.T, err error, want map[string]string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	var e *fault.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want validation error with %v", err, want)
	}
	if e.Code != fault.Invalid || !maps.Equal(e.Fields, want) {
		t.Fatalf("err = %v, want invalid with fields %v", err, want)
	}
}

// checkCode asserts that err carries code.
func checkCode(t *testing.T, err error, code fault.Code) {
	t.Helper()
	if got := fault.CodeOf(err); got != code {
		t.Fatalf("err = %v (code %q), want code %q", err, got, code)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

func long(n int) string { return strings.Repeat("x", n) }

// fields is shorthand for an expected field map.
type fields = map[string]string
