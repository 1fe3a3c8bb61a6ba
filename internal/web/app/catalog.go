package app

import (
	"errors"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/store"
)

// MergeFields adds the field problems of err, a validation error or nil, to f and
// returns the whole as one error. Problems already in f win.
func MergeFields(f fault.Fields, err error) error {
	var fe *fault.Error
	if errors.As(err, &fe) && fe.Code == fault.Invalid {
		for k, v := range fe.Fields {
			f.Add(k, v)
		}
		if len(fe.Fields) == 0 {
			return err
		}
	} else if err != nil {
		return err
	}
	return f.Err()
}

// liveService loads service sid of municipality mid; a retired one is not found.
func (s *App) LiveService(r *http.Request, mid, sid string) (*store.ServiceView, error) {
	v, err := s.DB.GetService(r.Context(), mid, sid)
	if err != nil {
		return nil, err
	}
	if v.Retired {
		return nil, fault.New(fault.NotFound, "service not found")
	}
	return v, nil
}
