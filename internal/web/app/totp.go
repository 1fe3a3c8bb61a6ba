package app

import (
	"net/http"

	"stafett/internal/auth"
	"stafett/internal/people"
)

// StartTOTP starts (or restarts) two-step verification for p: a new pending
// secret, off until confirmed, for the API and the security page alike.
func (s *App) StartTOTP(r *http.Request, p *people.Principal) (*auth.Enrolment, error) {
	e, err := s.TOTP.Enrol(p.User.Email)
	if err != nil {
		return nil, err
	}
	if err := s.DB.BeginTOTP(r.Context(), p.User.ID, e.Secret); err != nil {
		return nil, err
	}
	return e, nil
}

// ConfirmTOTP puts p's pending secret in force when code matches it, ends p's other
// sessions and returns the new recovery codes, to be shown this once.
func (s *App) ConfirmTOTP(r *http.Request, p *people.Principal, code string) ([]string, error) {
	codes, hashes := auth.NewRecoveryCodes()
	if err := s.DB.ConfirmTOTP(r.Context(), p.User.ID, p.Session.TokenHash, code, s.TOTP, hashes); err != nil {
		return nil, err
	}
	return codes, nil
}
