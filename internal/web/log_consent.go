package web

import (
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/store"
)

// MaxConsentFileBytes caps a scanned consent form.
const MaxConsentFileBytes = 5 << 20

// consentFileTypes are the scanned form types accepted, as sniffed from the content.
var consentFileTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

// handleConsentCreate registers a paper consent (holder or leader, optionally with
// the scanned form as multipart/form-data) or gives a digital one (guardian, youth).
func (s *Server) handleConsentCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewConsent
	var file *store.ConsentFile
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		var err error
		if in, file, err = parseConsentForm(r); err != nil {
			return err
		}
	} else if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.db.AddConsent(r.Context(), actorOf(p), r.PathValue("id"), in, file)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, newConsentJSON(c, c.GivenAt))
	return nil
}

// parseConsentForm reads a paper consent from a multipart form with fields
// covers_unit_ids (repeated), expires_at (RFC 3339 or YYYY-MM-DD), given_by and file.
func parseConsentForm(r *http.Request) (logbook.NewConsent, *store.ConsentFile, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if strings.Contains(err.Error(), "too large") {
			return logbook.NewConsent{}, nil, fault.New(fault.TooLarge, "the upload is too large")
		}
		return logbook.NewConsent{}, nil, fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	// The files are read into memory below; the request was copied by the middleware,
	// so the server would not find the temporary files to remove them itself.
	defer r.MultipartForm.RemoveAll()
	return consentFromForm(r)
}

// consentFromForm reads a consent from a parsed form, multipart (with the scanned
// form as file) or not.
func consentFromForm(r *http.Request) (logbook.NewConsent, *store.ConsentFile, error) {
	in := logbook.NewConsent{CoversUnitIDs: r.PostForm["covers_unit_ids"], GivenBy: r.PostForm.Get("given_by")}
	if v := r.PostForm.Get("expires_at"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			if t, err = time.Parse("2006-01-02", v); err != nil {
				return in, nil, fault.Validation("expires_at", fault.FieldFormat)
			}
		}
		in.ExpiresAt = &t
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return in, nil, nil
	}
	fh := r.MultipartForm.File["file"][0]
	if fh.Size == 0 && fh.Filename == "" {
		return in, nil, nil // a file input left empty in a browser form
	}
	if fh.Size > MaxConsentFileBytes {
		return in, nil, fault.New(fault.TooLarge, "the scanned form may be at most 5 MB")
	}
	f, err := fh.Open()
	if err != nil {
		return in, nil, fault.Wrap(fault.Invalid, err, "the file could not be read")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConsentFileBytes+1))
	if err != nil {
		return in, nil, fault.Wrap(fault.Invalid, err, "the file could not be read")
	}
	file, err := sniffConsentFile(data)
	return in, file, err
}

// sniffConsentFile accepts PDF, JPEG and PNG by their content, whatever the upload
// claims to be.
func sniffConsentFile(data []byte) (*store.ConsentFile, error) {
	if len(data) > MaxConsentFileBytes {
		return nil, fault.New(fault.TooLarge, "the scanned form may be at most 5 MB")
	}
	if len(data) == 0 {
		return nil, fault.Validation("file", fault.FieldRequired)
	}
	ct := http.DetectContentType(data)
	if !consentFileTypes[ct] {
		return nil, fault.Validation("file", fault.FieldFormat)
	}
	return &store.ConsentFile{ContentType: ct, Data: data}, nil
}

// handleConsentWithdraw withdraws a consent; it takes effect on the next request.
func (s *Server) handleConsentWithdraw(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	c, err := s.db.WithdrawConsent(r.Context(), actorOf(p), r.PathValue("id"), r.PathValue("cid"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newConsentJSON(c, *c.WithdrawnAt))
	return nil
}

// handleConsentFile serves the scanned paper form to those who may read the log.
func (s *Server) handleConsentFile(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	f, err := s.db.GetConsentFile(r.Context(), actorOf(p), r.PathValue("id"), r.PathValue("cid"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", "attachment")
	_, _ = w.Write(f.Data)
	return nil
}
