package guide

import (
	"archive/zip"
	"bytes"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzRenderText: whatever a municipality writes in its guide, the HTML holds only the
// elements RenderText makes, and links only to http(s) addresses.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{
		"Snakk med foreldrene.\n\n- Ring\n- Skriv", "[Skjema](https://example.no/a.pdf)", "[x](javascript:alert(1))",
		"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](https://e.no/\"onmouseover=\"x)", "[[a](b)](c)",
		"\r\n\r\n* å\r- ø", "[tekst](https://example.no/a b)", "&lt;b&gt;", "\x00\xff",
	} {
		f.Add(s)
	}
	allowed := map[string]bool{"p": true, "br": true, "ul": true, "li": true, "a": true}
	href := regexp.MustCompile(`^https?://`)
	f.Fuzz(func(t *testing.T, s string) {
		out := string(RenderText(s))
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
				continue
			}
			tok := z.Token()
			if !allowed[tok.Data] {
				t.Fatalf("RenderText(%q) made a <%s> element: %s", s, tok.Data, out)
			}
			for _, a := range tok.Attr {
				if tok.Data != "a" || (a.Key != "href" && a.Key != "rel" && a.Key != "class") || (a.Key == "href" && !href.MatchString(a.Val)) {
					t.Fatalf("RenderText(%q) made attribute %s=%q on <%s>: %s", s, a.Key, a.Val, tok.Data, out)
				}
			}
		}
	})
}

// FuzzDocumentType: an uploaded tool document is told by its content without
// panicking, and only the three kinds are ever accepted.
func FuzzDocumentType(f *testing.F) {
	var docx bytes.Buffer
	w := zip.NewWriter(&docx)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		fw, _ := w.Create(name)
		_, _ = fw.Write([]byte("<x/>"))
	}
	_ = w.Close()
	for _, b := range [][]byte{docx.Bytes(), []byte("%PDF-1.7\n"), []byte("\x89PNG\r\n\x1a\n"), []byte("PK\x03\x04garbage"), []byte("<html>"), nil} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		switch typ := DocumentType(data); typ {
		case "", TypePDF, TypePNG, TypeDOCX:
		default:
			t.Fatalf("DocumentType = %q", typ)
		}
	})
}
