package api

import (
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// guideFileJSON is an uploaded document as the upload answers it.
type guideFileJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
}

// HandleGuideFileUpload uploads a document (multipart field "file") to use as a tool:
// {"title":…,"file_id":…} in a step. It becomes public when a published version
// refers to it.
func (s *Server) HandleGuideFileUpload(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	f, err := app.UploadedDocument(r)
	if err != nil {
		return err
	}
	if f == nil {
		return fault.Validation("file", fault.FieldRequired)
	}
	if err := s.DB.AddGuideFile(r.Context(), p, m.ID, f); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, guideFileJSON{f.ID, f.Name, f.ContentType, len(f.Data)})
	return nil
}
