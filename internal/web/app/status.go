package app

import (
	"errors"
	"net/http"
	"strconv"

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
	case fault.StorageFull:
		return http.StatusInsufficientStorage
	case fault.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Retry-After for the database's faults: a full disk waits for an operator, so
// clients are asked to wait longer than for a busy or briefly lost database.
const (
	retryStorageFull = 60
	retryUnavailable = 5
)

// SetRetryAfter sets Retry-After for the errors that pass with time: a rate limit
// (when it ends), a full disk and an unavailable database.
func SetRetryAfter(w http.ResponseWriter, err error) {
	switch fault.CodeOf(err) {
	case fault.StorageFull:
		w.Header().Set("Retry-After", strconv.Itoa(retryStorageFull))
	case fault.Unavailable:
		w.Header().Set("Retry-After", strconv.Itoa(retryUnavailable))
	default:
		setRateLimitRetryAfter(w, err)
	}
}
