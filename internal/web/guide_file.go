package web

import (
	"io"
	"mime"
	"net/http"

	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/store"
)

// uploadedDocument reads the document in a multipart form's "file" field, if any: at
// most guide.MaxFileBytes (413 beyond), and PDF, PNG or Word by its content (field
// error file: format otherwise). A file input left empty is no document.
func uploadedDocument(r *http.Request) (*store.GuideFile, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return nil, nil
	}
	fh := r.MultipartForm.File["file"][0]
	if fh.Size == 0 && fh.Filename == "" {
		return nil, nil
	}
	if fh.Size > guide.MaxFileBytes {
		return nil, fault.New(fault.TooLarge, "a document may be at most 5 MB")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fault.Wrap(fault.Invalid, err, "the file could not be read")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, guide.MaxFileBytes+1))
	switch {
	case err != nil:
		return nil, fault.Wrap(fault.Invalid, err, "the file could not be read")
	case len(data) > guide.MaxFileBytes:
		return nil, fault.New(fault.TooLarge, "a document may be at most 5 MB")
	case len(data) == 0:
		return nil, fault.Validation("file", fault.FieldRequired)
	}
	ct := guide.DocumentType(data)
	if ct == "" {
		return nil, fault.Validation("file", fault.FieldFormat)
	}
	return &store.GuideFile{Name: guide.FileName(fh.Filename, ct), ContentType: ct, Data: data}, nil
}

// guideFileJSON is an uploaded document as the upload answers it.
type guideFileJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
}

// handleGuideFileUpload uploads a document (multipart field "file") to use as a tool:
// {"title":…,"file_id":…} in a step. It becomes public when a published version
// refers to it.
func (s *Server) handleGuideFileUpload(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	m, err := s.publishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parsePostForm(r); err != nil {
		return err
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	f, err := uploadedDocument(r)
	if err != nil {
		return err
	}
	if f == nil {
		return fault.Validation("file", fault.FieldRequired)
	}
	if err := s.db.AddGuideFile(r.Context(), actorOf(p), m.ID, f); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, guideFileJSON{f.ID, f.Name, f.ContentType, len(f.Data)})
	return nil
}

// handleGuideFilePage serves a document of a published guide to anyone, as a download.
func (s *Server) handleGuideFilePage(w http.ResponseWriter, r *http.Request) error {
	nr := r.PathValue("nr")
	if !org.IsMunicipalityNumber(nr) {
		return fault.New(fault.NotFound, "no such municipality")
	}
	mun, err := s.db.GetMunicipalityByNumber(r.Context(), nr)
	if err != nil {
		return err
	}
	f, err := s.db.GetPublishedGuideFile(r.Context(), mun.ID, r.PathValue("fid"))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": f.Name})
	if disposition == "" {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition)
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(f.Data)
	return nil
}

// guideFilePath is the public address of document fid of municipality number nr.
func guideFilePath(nr, fid string) string { return guidePath(nr) + "/filer/" + fid }

// withFileURLs returns a copy of levels where the uploaded documents among the tools
// have their public address as URL.
func withFileURLs(levels []guide.Level, nr string) []guide.Level {
	g := guide.Guide{Levels: levels}.Clone()
	for i := range g.Levels {
		for j := range g.Levels[i].Steps {
			for k := range g.Levels[i].Steps[j].Tools {
				if t := &g.Levels[i].Steps[j].Tools[k]; t.FileID != "" {
					t.URL = guideFilePath(nr, t.FileID)
				}
			}
		}
	}
	return g.Levels
}
