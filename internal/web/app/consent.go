package app

import (
	"io"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"time"
)

// MaxConsentFileBytes caps a scanned consent form.
const MaxConsentFileBytes = 5 << 20

// ConsentFileTypes are the scanned form types accepted, as sniffed from the content.
var ConsentFileTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

// ConsentFromForm reads a consent from a parsed form, multipart (with the scanned
// form as file) or not.
func ConsentFromForm(r *http.Request) (logbook.NewConsent, *store.ConsentFile, error) {
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
	file, err := SniffConsentFile(data)
	return in, file, err
}

// SniffConsentFile accepts PDF, JPEG and PNG by their content, whatever the upload
// claims to be.
func SniffConsentFile(data []byte) (*store.ConsentFile, error) {
	if len(data) > MaxConsentFileBytes {
		return nil, fault.New(fault.TooLarge, "the scanned form may be at most 5 MB")
	}
	if len(data) == 0 {
		return nil, fault.Validation("file", fault.FieldRequired)
	}
	ct := http.DetectContentType(data)
	if !ConsentFileTypes[ct] {
		return nil, fault.Validation("file", fault.FieldFormat)
	}
	return &store.ConsentFile{ContentType: ct, Data: data}, nil
}
