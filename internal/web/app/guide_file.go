package app

import (
	"io"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/store"
)

// UploadedDocument reads the document in a multipart form's "file" field, if any: at
// most guide.MaxFileBytes (413 beyond), and PDF, PNG or Word by its content (field
// error file: format otherwise). A file input left empty is no document.
func UploadedDocument(r *http.Request) (*store.GuideFile, error) {
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

// GuideFilePath is the public address of document fid of municipality number nr.
func GuideFilePath(nr, fid string) string { return GuidePath(nr) + "/filer/" + fid }

// WithFileURLs returns a copy of levels where the uploaded documents among the tools
// have their public address as URL.
func WithFileURLs(levels []guide.Level, nr string) []guide.Level {
	g := guide.Guide{Levels: levels}.Clone()
	for i := range g.Levels {
		for j := range g.Levels[i].Steps {
			for k := range g.Levels[i].Steps[j].Tools {
				if t := &g.Levels[i].Steps[j].Tools[k]; t.FileID != "" {
					t.URL = GuideFilePath(nr, t.FileID)
				}
			}
		}
	}
	return g.Levels
}
