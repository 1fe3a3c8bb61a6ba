package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"stafett/internal/fault"
	"strings"
	"time"
)

// DecodeJSON reads one JSON object from the body into dst. Unknown fields and values
// of the wrong type are validation errors naming the field; anything unparseable is
// a 400; a body over the cap is a 413.
func DecodeJSON(r *http.Request, dst any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return BodyError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) {
			return timeFieldError(body, dst)
		}
		return BodyError(err)
	}
	if _, extra := dec.Token(); extra != io.EOF {
		return BodyError(errors.New("trailing data after JSON object"))
	}
	return nil
}

// timeFieldError names the time field of dst whose value in body is not a time.
func timeFieldError(body []byte, dst any) error {
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(body, &raw)
	t := reflect.TypeOf(dst).Elem()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type != reflect.TypeFor[time.Time]() && f.Type != reflect.TypeFor[*time.Time]() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if v, ok := raw[name]; ok && json.Unmarshal(v, new(time.Time)) != nil && string(v) != "null" {
			return fault.Validation(name, fault.FieldFormat)
		}
	}
	return fault.New(fault.Invalid, "a time in the request body is not valid")
}

// bodyError maps a JSON decoding error to the answer: too large, a field of the wrong
// type or unknown, or an unreadable body.
func BodyError(err error) error {
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return fault.New(fault.TooLarge, "the request body is larger than %d bytes", maxErr.Limit)
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return fault.Wrap(fault.Invalid, err, "the body must be a JSON object")
		}
		return fault.Validation(field, fault.FieldType)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return fault.Validation(name, fault.FieldUnknown)
	case errors.Is(err, io.EOF):
		return fault.New(fault.Invalid, "the request body is empty")
	}
	return fault.Wrap(fault.Invalid, err, "the request body is not valid JSON")
}
