package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// maxImportBytes bounds a participant import.
const maxImportBytes = 256 << 10

// HandleCourseParticipantsImport registers participants from a CSV of e-mail
// addresses (the first column of each line; UTF-8, a BOM allowed, comma or semicolon).
// A row that matches no one who may take part is listed under rows.N and none is
// registered.
func (s *Server) HandleCourseParticipantsImport(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxImportBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fault.New(fault.TooLarge, "the file is too large")
		}
		return fault.New(fault.Invalid, "the file could not be read")
	}
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	if !utf8.Valid(body) {
		return fault.Validation("file", fault.FieldFormat)
	}
	// One address a line, in the first column: an address has no comma or semicolon,
	// so cutting there reads both separators Excel writes, and keeps line numbers.
	var rows []string
	for _, line := range strings.Split(strings.TrimSuffix(string(body), "\n"), "\n") {
		if k := strings.IndexAny(line, ",;"); k >= 0 {
			line = line[:k]
		}
		rows = append(rows, strings.TrimSuffix(line, "\r"))
	}
	n, err := s.DB.ImportParticipants(r.Context(), p, r.PathValue("cid"), rows)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, map[string]any{"added": n})
	return nil
}
