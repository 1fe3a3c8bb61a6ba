package app

import (
	"errors"
	"mime/multipart"
	"net/http"
	"stafett/internal/fault"
	"strings"
)

// ParsePostForm reads an urlencoded or multipart form; an unreadable one is a 400.
func ParsePostForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(1 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return FormError(err, "the form")
	}
	return nil
}

// FormError maps an error from reading a posted form (what of it is named by what)
// to the answer: too large (a body over the cap, or a multipart form over its
// memory and file limits) or unreadable.
func FormError(err error, what string) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) || errors.Is(err, multipart.ErrMessageTooLarge) {
		return fault.New(fault.TooLarge, "%s is too large", what)
	}
	return fault.Wrap(fault.Invalid, err, what+" could not be read")
}
