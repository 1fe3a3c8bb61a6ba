package ui

import (
	"mime"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/org"
)

// HandleGuideFilePage serves a document of a published guide to anyone, as a download.
func (s *Server) HandleGuideFilePage(w http.ResponseWriter, r *http.Request) error {
	nr := r.PathValue("nr")
	if !org.IsMunicipalityNumber(nr) {
		return fault.New(fault.NotFound, "no such municipality")
	}
	mun, err := s.DB.GetMunicipalityByNumber(r.Context(), nr)
	if err != nil {
		return err
	}
	f, err := s.DB.GetPublishedGuideFile(r.Context(), mun.ID, r.PathValue("fid"))
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
