package guide

import (
	"archive/zip"
	"bytes"
	"testing"
)

// zipWith builds a zip archive holding files with the given names.
func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<xml/>"))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocumentType(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"PDF", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), TypePDF},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), TypePNG},
		{"DOCX", zipWith(t, "[Content_Types].xml", "word/document.xml"), TypeDOCX},
		{"ZipWithoutWord", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), ""},
		{"BrokenZip", []byte("PK\x03\x04 not really"), ""},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ""},
		{"HTML", []byte("<!doctype html><script>alert(1)</script>"), ""},
		{"PDFLateMagic", []byte(" %PDF-1.7"), ""},
		{"Empty", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DocumentType(c.data); got != c.want {
				t.Errorf("= %q, want %q", got, c.want)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	cases := []struct{ in, ct, want string }{
		{"Samtykkeskjema.pdf", TypePDF, "Samtykkeskjema.pdf"},
		{"C:\\Users\\ola\\Observasjon.DOCX", TypeDOCX, "Observasjon.docx"},
		{"../../etc/passwd", TypePNG, "passwd.png"},
		{"bilde.exe", TypePNG, "bilde.png"},
		{"\"sitat\"\r\n.pdf", TypePDF, "sitat.pdf"},
		{"", TypePDF, "dokument.pdf"},
		{".pdf", TypePDF, "dokument.pdf"},
		{string(bytes.Repeat([]byte("æ"), 200)) + ".pdf", TypePDF, string(bytes.Repeat([]byte("æ"), MaxFileNameLen-4)) + ".pdf"},
	}
	for _, c := range cases {
		if got := FileName(c.in, c.ct); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFileTools(t *testing.T) {
	g := complete()
	g.Levels[1].Steps[0].Tools = []Tool{
		{Title: "Skjema", FileID: "0123456789abcdef0123456789abcdef", URL: "https://ignored.example"},
		{Title: "Lenke", URL: "https://kommune.no"},
	}
	if err := g.Validate(); err != nil {
		t.Fatalf("file tool: %v", err)
	}
	if g.Levels[1].Steps[0].Tools[0].URL != "" {
		t.Error("a document tool keeps a URL")
	}
	if ids := g.FileIDs(); len(ids) != 1 || ids[0] != "0123456789abcdef0123456789abcdef" {
		t.Errorf("file IDs = %v", ids)
	}
	g.Levels[1].Steps[0].Tools[0].FileID = "../etc"
	if got := fieldsOf(t, g.Validate()); got["levels[1].steps[0].tools[0].file_id"] != "format" {
		t.Errorf("bad file ID: %v", got)
	}
}
