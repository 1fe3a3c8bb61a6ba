// Package fault is Stafett's one error type: a stable code, a message that is safe to
// show, and per-field codes for validation errors. The web layer maps codes to HTTP
// statuses in exactly one place.
package fault

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Code classifies an error for callers and for the HTTP mapping.
type Code string

// The codes, as named in API.md.
const (
	Invalid         Code = "invalid"
	Unauthenticated Code = "unauthenticated"
	Forbidden       Code = "forbidden"
	NotFound        Code = "not_found"
	Conflict        Code = "conflict"
	TooLarge        Code = "too_large"
	RateLimited     Code = "rate_limited"
	// SecondFactorRequired refuses an administrator whose session has no second
	// factor (a password alone, on an account without two-step verification).
	SecondFactorRequired Code = "second_factor_required"
	Internal             Code = "internal"
)

// The database's faults: nothing was written, and both pass with time.
const (
	// StorageFull: the database's storage is full, or its file may grow no more.
	StorageFull Code = "storage_full"
	// Unavailable: the database is busy past its wait, or cannot be reached.
	Unavailable Code = "unavailable"
)

// Field codes used in validation errors. They are stable API values.
const (
	FieldRequired = "required"
	FieldFormat   = "format"
	FieldTooLong  = "too_long"
	FieldTooShort = "too_short"
	FieldRange    = "range"
	FieldUnknown  = "unknown_field"
	FieldType     = "type"
	FieldTaken    = "taken"
	FieldNotFound = "not_found"
	FieldNotAllow = "not_allowed"
	FieldMissing  = "missing"
	FieldInvalid  = "invalid"
)

// Error is the application error. Message is safe to show to the user; Err carries
// detail for the server log only.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if len(e.Fields) > 0 {
		for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
			fmt.Fprintf(&b, " %s=%s", k, e.Fields[k])
		}
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a safe message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with a code and message that keeps err for the server log.
func Wrap(code Code, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// CodeOf returns the code of err, Internal for errors that are not *Error, and ""
// for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// Fields collects per-field validation problems. The zero value is ready to use.
type Fields map[string]string

// Add records code for field unless the field already has a problem, so the first
// (most basic) problem wins.
func (f *Fields) Add(field, code string) {
	if *f == nil {
		*f = Fields{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = code
	}
}

// Err returns a validation error when any problem was recorded, otherwise nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "validation failed", Fields: f}
}

// Validation returns a validation error for a single field.
func Validation(field, code string) error {
	return &Error{Code: Invalid, Message: "validation failed", Fields: map[string]string{field: code}}
}

// Text checks a required free-text value: not blank, at most max characters, valid
// UTF-8 without control characters other than tab and line breaks.
func (f *Fields) Text(field, value string, max int) {
	switch {
	case strings.TrimSpace(value) == "":
		f.Add(field, FieldRequired)
	default:
		f.OptionalText(field, value, max)
	}
}

// OptionalText checks an optional free-text value: at most max characters, valid
// UTF-8 without control characters other than tab and line breaks.
func (f *Fields) OptionalText(field, value string, max int) {
	switch {
	case !utf8.ValidString(value) || strings.ContainsFunc(value, isControl):
		f.Add(field, FieldInvalid)
	case utf8.RuneCountInString(value) > max:
		f.Add(field, FieldTooLong)
	}
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}
