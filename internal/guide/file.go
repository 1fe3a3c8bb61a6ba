package guide

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxFileBytes caps an uploaded tool document.
const MaxFileBytes = 5 << 20

// The document types a tool may be, by content.
const (
	TypePDF  = "application/pdf"
	TypePNG  = "image/png"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// DocumentType tells an uploaded document's type from its content, whatever its name
// or the upload claim: TypePDF, TypePNG or TypeDOCX (a zip archive holding a Word
// document), or "" for anything else.
func DocumentType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return ""
		}
		var types, doc bool
		for _, f := range z.File {
			types = types || f.Name == "[Content_Types].xml"
			doc = doc || f.Name == "word/document.xml"
		}
		if types && doc {
			return TypeDOCX
		}
	}
	return ""
}

// MaxFileNameLen bounds an uploaded document's name.
const MaxFileNameLen = 120

// FileName makes an uploaded file's name safe to store and to offer for download: the
// last path element, without control characters or quotes, at most MaxFileNameLen
// characters, and with the extension of its type. An empty name becomes "dokument".
func FileName(name, contentType string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	ext := map[string]string{TypePDF: ".pdf", TypePNG: ".png", TypeDOCX: ".docx"}[contentType]
	name = strings.TrimSuffix(name, path.Ext(name))
	if name == "" || name == "." {
		name = "dokument"
	}
	if r := []rune(name); len(r) > MaxFileNameLen-len(ext) {
		name = string(r[:MaxFileNameLen-len(ext)])
	}
	return name + ext
}
