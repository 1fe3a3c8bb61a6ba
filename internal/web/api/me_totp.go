package api

import (
	"net/http"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type totpStartJSON struct {
	Secret     string `json:"secret"`
	OTPAuthURI string `json:"otpauth_uri"`
}

// HandleTOTPStart starts (or restarts) two-step verification for the signed-in
// user: a new pending secret, off until confirmed. A secret already in force stays in
// force until then.
func (s *Server) HandleTOTPStart(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	e, err := s.StartTOTP(r, p)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, totpStartJSON{Secret: e.Secret, OTPAuthURI: e.URL})
	return nil
}

type totpConfirmRequest struct {
	Code string `json:"code"`
}

// HandleTOTPConfirm puts the pending secret in force when code matches it, ends the
// user's other sessions and returns the new recovery codes, shown this once. A wrong
// code answers 422 with fields.code "invalid".
func (s *Server) HandleTOTPConfirm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var req totpConfirmRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	codes, err := s.ConfirmTOTP(r, p, req.Code)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"recovery_codes": codes})
	return nil
}
