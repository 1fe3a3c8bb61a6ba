package api

import (
	"mime"
	"net/http"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// HandleConsentCreate registers a paper consent (holder or leader, optionally with
// the scanned form as multipart/form-data) or gives a digital one (guardian, youth).
func (s *Server) HandleConsentCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewConsent
	var file *store.ConsentFile
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		var err error
		if in, file, err = parseConsentForm(r); err != nil {
			return err
		}
	} else if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.DB.AddConsent(r.Context(), app.ActorOf(p), r.PathValue("id"), in, file)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, newConsentJSON(c, c.GivenAt))
	return nil
}

// parseConsentForm reads a paper consent from a multipart form with fields
// covers_unit_ids (repeated), expires_at (RFC 3339 or YYYY-MM-DD), given_by and file.
func parseConsentForm(r *http.Request) (logbook.NewConsent, *store.ConsentFile, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return logbook.NewConsent{}, nil, app.FormError(err, "the upload")
	}
	// The files are read into memory below; the request was copied by the middleware,
	// so the server would not find the temporary files to remove them itself.
	defer r.MultipartForm.RemoveAll()
	return app.ConsentFromForm(r)
}

// HandleConsentWithdraw withdraws a consent; it takes effect on the next request.
func (s *Server) HandleConsentWithdraw(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	c, err := s.DB.WithdrawConsent(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("cid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newConsentJSON(c, *c.WithdrawnAt))
	return nil
}

// HandleConsentFile serves the scanned paper form to those who may read the log.
func (s *Server) HandleConsentFile(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	f, err := s.DB.GetConsentFile(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("cid"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", "attachment")
	_, _ = w.Write(f.Data)
	return nil
}
