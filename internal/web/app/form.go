package app

import (
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
		if strings.Contains(err.Error(), "too large") {
			return fault.New(fault.TooLarge, "the form is too large")
		}
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	return nil
}
