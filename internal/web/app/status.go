package app

import (
	"errors"
	"net/http"

	"stafett/internal/fault"
)

// StatusOf maps an error to its HTTP status. It is the only such mapping.
func StatusOf(err error) int {
	var e *fault.Error
	if !errors.As(err, &e) {
		return http.StatusInternalServerError
	}
	switch e.Code {
	case fault.Invalid:
		if len(e.Fields) > 0 {
			return http.StatusUnprocessableEntity
		}
		return http.StatusBadRequest
	case fault.Unauthenticated:
		return http.StatusUnauthorized
	case fault.Forbidden, fault.SecondFactorRequired:
		return http.StatusForbidden
	case fault.NotFound:
		return http.StatusNotFound
	case fault.Conflict:
		return http.StatusConflict
	case fault.TooLarge:
		return http.StatusRequestEntityTooLarge
	case fault.RateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}
