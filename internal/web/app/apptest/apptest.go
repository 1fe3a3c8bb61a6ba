// Package apptest has the checks the web packages' fuzz targets share: every
// failure must be a 4xx fault, and whatever is accepted must survive JSON.
package apptest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"stafett/internal/fault"
	"stafett/internal/web/app"
	"testing"
	"time"
	"unicode/utf8"
)

// WantClientError fails unless err is nil or an application error that is
// answered with a 4xx Status: never a 500.
func WantClientError(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *fault.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: %v is no fault, so it would be answered 500", what, err)
	}
	if status := app.StatusOf(err); status < 400 || status > 499 {
		t.Fatalf("%s: %v is answered %d", what, err, status)
	}
	for name, code := range e.Fields {
		// An unknown field is named as sent, even "".
		if (name == "" && code != fault.FieldUnknown) || code == "" || !utf8.ValidString(name) {
			t.Fatalf("%s: field problem %q: %q", what, name, code)
		}
	}
}

// Now is the webtest.Clock of the validations the fuzz targets run.
var Now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// Validated checks a validation result: a 4xx fault, or a value that can be written
// as JSON, as every answer and stored record needs, also with its times in UTC, as
// the store keeps them.
func Validated(t *testing.T, what string, v any, err error) {
	t.Helper()
	WantClientError(t, what, err)
	if err != nil {
		return
	}
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("%s: an accepted value cannot be written as JSON: %v", what, err)
	}
	rv := reflect.Indirect(reflect.ValueOf(v))
	for i := range rv.NumField() {
		var tm time.Time
		switch f := rv.Field(i).Interface().(type) {
		case time.Time:
			tm = f
		case *time.Time:
			if f == nil {
				continue
			}
			tm = *f
		default:
			continue
		}
		if _, err := tm.UTC().MarshalJSON(); err != nil {
			t.Fatalf("%s: accepted %s = %v, which cannot be stored and read back: %v", what, rv.Type().Field(i).Name, tm, err)
		}
	}
}

// CapRequest is a request with body read through the body cap, as the middleware
// reads it.
func CapRequest(body []byte, limit int64) *http.Request {
	r := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, limit)
	return r
}
