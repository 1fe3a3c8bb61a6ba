package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
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
		if known(err) {
			return BodyError(err)
		}
		// What is left is a key no field takes (encoding/json has no error type
		// for it): find it in the body instead of reading the error's text.
		if name, ok := unknownField(body, reflect.TypeOf(dst)); ok {
			return fault.Validation(name, fault.FieldUnknown)
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

// BodyError maps a JSON decoding error to the answer: too large, a field of the wrong
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
	case errors.Is(err, io.EOF):
		return fault.New(fault.Invalid, "the request body is empty")
	}
	return fault.Wrap(fault.Invalid, err, "the request body is not valid JSON")
}

// known reports whether err is one of the decoding errors encoding/json gives a
// type or value to: a body over the cap, a value of the wrong type, bad syntax or
// an empty body.
func known(err error) bool {
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	return errors.As(err, &maxErr) || errors.As(err, &typeErr) || errors.As(err, &syntaxErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// unknownField returns the first key, in the order of their names, in the JSON value
// raw or in an object nested in it that no field of t takes (matched without regard
// to case, as encoding/json matches them), and whether there is one.
func unknownField(raw []byte, t reflect.Type) (string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if t == reflect.TypeFor[time.Time]() || json.Unmarshal(raw, &obj) != nil {
			return "", false
		}
		fields := jsonFields(t, nil)
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			i := slices.IndexFunc(fields, func(f jsonField) bool { return strings.EqualFold(f.name, key) })
			if i < 0 {
				return key, true
			}
			if name, ok := unknownField(obj[key], fields[i].typ); ok {
				return name, true
			}
		}
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return "", false
		}
		for _, it := range items {
			if name, ok := unknownField(it, t.Elem()); ok {
				return name, true
			}
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return "", false
		}
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			if name, ok := unknownField(obj[key], t.Elem()); ok {
				return name, true
			}
		}
	}
	return "", false
}

// jsonField is a struct field as encoding/json names it.
type jsonField struct {
	name string
	typ  reflect.Type
}

// jsonFields appends the fields of struct t that encoding/json fills to out, with
// those of embedded structs without a name of their own.
func jsonFields(t reflect.Type, out []jsonField) []jsonField {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "-":
			continue
		case f.Anonymous && tag == "":
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = jsonFields(ft, out)
				continue
			}
		case !f.IsExported():
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		out = append(out, jsonField{tag, f.Type})
	}
	return out
}
