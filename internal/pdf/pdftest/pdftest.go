// Package pdftest reads back the PDF files package pdf writes, for tests: it checks
// their structure (xref, page tree, fonts) and returns their fonts and the text of
// each page, decoded to Unicode. It reads only what fpdf writes, not PDF in general.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// Document is a PDF file as read back. Parse checks it on the way: a file that
// parses has an xref table whose every entry points at its object, a page tree, and
// content streams that show text only in the document's fonts.
type Document struct {
	Title   string
	Fonts   map[string]*Font // by resource name, as content streams name them
	Pages   [][]Line
	Objects map[int]Object
}

// Object is one numbered object of the file.
type Object struct {
	Dict   string
	Stream []byte // inflated
}

// Font is one of the document's fonts: Noto Sans as a Type0 font in Identity-H, the
// CIDs being the characters' Unicode values.
type Font struct {
	Bold         bool
	Widths       map[rune]int // from the CIDFont's /W, in thousandths of the font size
	DefaultWidth int          // /DW
	GIDs         []byte       // CIDToGIDMap, two bytes a CID; 0 is no glyph
	File         []byte       // FontFile2, the embedded TrueType subset
}

// Width is how wide text is at size, from the widths the PDF gives its glyphs.
func (f *Font) Width(text string, size float64) float64 {
	w := 0
	for _, r := range text {
		if n, ok := f.Widths[r]; ok {
			w += n
		} else {
			w += f.DefaultWidth
		}
	}
	return float64(w) * size / 1000
}

// Glyph reports whether the font maps r to a glyph of its embedded file.
func (f *Font) Glyph(r rune) bool {
	return int(r)*2+1 < len(f.GIDs) && (f.GIDs[2*r] != 0 || f.GIDs[2*r+1] != 0)
}

// Line is the text shown at one height on a page, in one or more spans.
type Line struct {
	Y     float64 // the baseline, in points from the bottom of the page
	Spans []Span
}

// Span is text shown with one Tj.
type Span struct {
	Font *Font
	Size float64
	X    float64
	Text string // decoded from the UTF-16BE CIDs of Identity-H
}

// String is the line's text.
func (l Line) String() string {
	var b strings.Builder
	for _, s := range l.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// X is where the line starts.
func (l Line) X() float64 { return l.Spans[0].X }

// Size is the font size the line starts in.
func (l Line) Size() float64 { return l.Spans[0].Size }

// Right is where the line ends, from the widths the PDF gives its glyphs.
func (l Line) Right() float64 {
	s := l.Spans[len(l.Spans)-1]
	return s.X + s.Font.Width(s.Text, s.Size)
}

var (
	reObj      = regexp.MustCompile(`^(\d+) 0 obj\n`)
	reLength   = regexp.MustCompile(`/Length (\d+)`)
	reRef      = regexp.MustCompile(`(\d+) 0 R`)
	reStartRef = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
)

// Parse checks the structure of a PDF file and reads back its fonts and text.
func Parse(b []byte) (*Document, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		return nil, errors.New("no PDF header")
	}
	m := reStartRef.FindSubmatch(b)
	if m == nil {
		return nil, errors.New("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	head := regexp.MustCompile(`^xref\n0 (\d+)\n0000000000 65535 f \n`).FindSubmatch(b[min(xref, len(b)):])
	if head == nil {
		return nil, fmt.Errorf("startxref %d does not point at an xref table", xref)
	}
	count, _ := strconv.Atoi(string(head[1]))
	p := &Document{Objects: map[int]Object{}, Fonts: map[string]*Font{}}
	at := xref + len(head[0])
	for i := 1; i < count; i++ {
		if at+20*i > len(b) {
			return nil, errors.New("xref table is short")
		}
		e := b[at+20*(i-1) : at+20*i]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off >= len(b) {
			return nil, fmt.Errorf("xref entry %d is malformed: %q", i, e)
		}
		om := reObj.FindSubmatch(b[off:])
		if n, _ := strconv.Atoi(string(om[1])); om == nil || n != i {
			return nil, fmt.Errorf("xref entry %d points at offset %d, not at its object", i, off)
		}
		o, err := readObject(b[off+len(om[0]):])
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", i, err)
		}
		p.Objects[i] = o
	}
	trailer := string(b[at+20*(count-1):])
	root := regexp.MustCompile(`/Root (\d+) 0 R`).FindStringSubmatch(trailer)
	info := regexp.MustCompile(`/Info (\d+) 0 R`).FindStringSubmatch(trailer)
	if root == nil || info == nil || !strings.Contains(p.Dict(root[1]), "/Type /Catalog") {
		return nil, fmt.Errorf("trailer %q names no catalog", trailer)
	}
	if t := regexp.MustCompile(`(?s)/Title \((.*?[^\\])\)\n`).FindStringSubmatch(p.Dict(info[1])); t != nil {
		p.Title = utf16BE(unescape(t[1]))
	}
	pagesRef := regexp.MustCompile(`/Pages (\d+) 0 R`).FindStringSubmatch(p.Dict(root[1]))
	tree := regexp.MustCompile(`/Kids \[([0-9 R]*)\]\n/Count (\d+)`).FindStringSubmatch(p.Dict(pagesRef[1]))
	if tree == nil {
		return nil, errors.New("no page tree")
	}
	kids := reRef.FindAllStringSubmatch(tree[1], -1)
	if n, _ := strconv.Atoi(tree[2]); n != len(kids) || n == 0 {
		return nil, fmt.Errorf("page tree counts %d pages and lists %d", n, len(kids))
	}
	for _, k := range kids {
		page := regexp.MustCompile(`^<</Type /Page\n/Parent \d+ 0 R\n/Resources (\d+) 0 R\n/Contents (\d+) 0 R>>`).FindStringSubmatch(p.Dict(k[1]))
		if page == nil {
			return nil, fmt.Errorf("object %s is not a page: %q", k[1], p.Dict(k[1]))
		}
		if err := p.readFonts(page[1]); err != nil {
			return nil, err
		}
		n, _ := strconv.Atoi(page[2])
		lines, err := p.textLines(p.Objects[n].Stream)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", len(p.Pages)+1, err)
		}
		p.Pages = append(p.Pages, lines)
	}
	return p, nil
}

// Dict is the dictionary of object num.
func (p *Document) Dict(num string) string {
	n, _ := strconv.Atoi(num)
	return p.Objects[n].Dict
}

// readObject reads one object's dictionary and, if it has one, its stream, which
// must end where its /Length says.
func readObject(b []byte) (Object, error) {
	end := bytes.Index(b, []byte("endobj"))
	s := bytes.Index(b, []byte(">>\nstream\n"))
	if s < 0 || end >= 0 && end < s {
		if end < 0 {
			return Object{}, errors.New("no endobj")
		}
		return Object{Dict: string(b[:end])}, nil
	}
	dict := string(b[:s+2])
	m := reLength.FindStringSubmatch(dict)
	if m == nil {
		return Object{}, errors.New("stream without /Length")
	}
	n, _ := strconv.Atoi(m[1])
	data := b[s+len(">>\nstream\n"):]
	if n > len(data) || !bytes.HasPrefix(data[n:], []byte("\nendstream\nendobj")) {
		return Object{}, fmt.Errorf("/Length %d does not end at endstream", n)
	}
	data = data[:n]
	if strings.Contains(dict, "/FlateDecode") {
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return Object{}, err
		}
		if data, err = io.ReadAll(r); err != nil {
			return Object{}, err
		}
	}
	return Object{Dict: dict, Stream: data}, nil
}

// readFonts reads the fonts of a resource dictionary: each must be a Type0 font in
// Identity-H whose CIDFont embeds its TrueType file.
func (p *Document) readFonts(res string) error {
	fonts := regexp.MustCompile(`(?s)/Font <<(.*?)>>`).FindStringSubmatch(p.Dict(res))
	if fonts == nil {
		return errors.New("no fonts in the page's resources")
	}
	for _, f := range regexp.MustCompile(`/(F\w+) (\d+) 0 R`).FindAllStringSubmatch(fonts[1], -1) {
		if _, ok := p.Fonts[f[1]]; ok {
			continue
		}
		t0 := regexp.MustCompile(`^<</Type /Font\n/Subtype /Type0\n/BaseFont /utf8notosans(B?)\n/Encoding /Identity-H\n/DescendantFonts \[(\d+) 0 R\]\n/ToUnicode (\d+) 0 R>>`).FindStringSubmatch(p.Dict(f[2]))
		if t0 == nil {
			return fmt.Errorf("font %s is not Noto Sans as Type0 in Identity-H: %q", f[1], p.Dict(f[2]))
		}
		cidDict := p.Dict(t0[2])
		desc := regexp.MustCompile(`/FontDescriptor (\d+) 0 R`).FindStringSubmatch(cidDict)
		dw := regexp.MustCompile(`/DW (\d+)`).FindStringSubmatch(cidDict)
		w := regexp.MustCompile(`(?s)/W \[(.*)\]\s*/CIDToGIDMap (\d+) 0 R`).FindStringSubmatch(cidDict)
		if !strings.HasPrefix(cidDict, "<</Type /Font\n/Subtype /CIDFontType2\n") || desc == nil || dw == nil || w == nil {
			return fmt.Errorf("font %s has no CIDFontType2 with widths and a CIDToGIDMap: %q", f[1], cidDict)
		}
		cid := []string{"", desc[1], dw[1], w[1], w[2]}
		file := regexp.MustCompile(`/FontFile2 (\d+) 0 R`).FindStringSubmatch(p.Dict(cid[1]))
		if file == nil {
			return fmt.Errorf("font %s embeds no TrueType file", f[1])
		}
		if !strings.Contains(string(p.Objects[atoi(t0[3])].Stream), "<0000> <FFFF> <0000>") {
			return fmt.Errorf("font %s: ToUnicode does not map its CIDs to Unicode", f[1])
		}
		pf := &Font{
			Bold: t0[1] == "B", Widths: map[rune]int{}, DefaultWidth: atoi(cid[2]),
			GIDs: p.Objects[atoi(cid[4])].Stream, File: p.Objects[atoi(file[1])].Stream,
		}
		if err := pf.readWidths(cid[3]); err != nil {
			return fmt.Errorf("font %s: %w", f[1], err)
		}
		p.Fonts[f[1]] = pf
	}
	return nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// readWidths reads a /W array: "c [w1 w2 …]" gives c, c+1, … their widths, and
// "c1 c2 w" gives all of c1 to c2 one.
func (f *Font) readWidths(w string) error {
	tok := strings.Fields(strings.NewReplacer("[", " [ ", "]", " ] ").Replace(w))
	for i := 0; i < len(tok); {
		c := atoi(tok[i])
		switch {
		case i+1 < len(tok) && tok[i+1] == "[":
			i += 2
			for ; i < len(tok) && tok[i] != "]"; i++ {
				f.Widths[rune(c)] = atoi(tok[i])
				c++
			}
			i++
		case i+2 < len(tok):
			for r := c; r <= atoi(tok[i+1]); r++ {
				f.Widths[rune(r)] = atoi(tok[i+2])
			}
			i += 3
		default:
			return fmt.Errorf("malformed /W near %q", tok[i:])
		}
	}
	return nil
}

// textLines reads the text of a content stream: operands, then an operator.
func (p *Document) textLines(c []byte) ([]Line, error) {
	var lines []Line
	var font *Font
	var size, x, y float64
	var operands []string
	inText := false
	for i := 0; i < len(c); {
		switch ch := c[i]; {
		case ch == ' ' || ch == '\n':
			i++
		case ch == '(':
			var s []byte
			depth := 0
			for i++; ; i++ {
				if i >= len(c) {
					return nil, errors.New("unterminated string")
				}
				if c[i] == '\\' && i+1 < len(c) {
					s = append(s, c[i], c[i+1])
					i++
					continue
				}
				if c[i] == '(' {
					depth++
				} else if c[i] == ')' {
					if depth == 0 {
						break
					}
					depth--
				}
				s = append(s, c[i])
			}
			i++
			operands = append(operands, "("+unescape(string(s)))
		default:
			j := i
			for j < len(c) && c[j] != ' ' && c[j] != '\n' && c[j] != '(' {
				j++
			}
			tok := string(c[i:j])
			i = j
			if tok[0] == '/' || tok[0] == '-' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9') {
				operands = append(operands, tok)
				continue
			}
			switch {
			case tok == "BT" && !inText:
				inText = true
			case tok == "ET" && inText:
				inText = false
			case tok == "Tf" && inText && len(operands) == 2:
				if font = p.Fonts[operands[0][1:]]; font == nil {
					return nil, fmt.Errorf("unknown font %s", operands[0])
				}
				size, _ = strconv.ParseFloat(operands[1], 64)
			case tok == "Td" && inText && len(operands) == 2:
				x, _ = strconv.ParseFloat(operands[0], 64)
				y, _ = strconv.ParseFloat(operands[1], 64)
			case tok == "Tj" && inText && font != nil && len(operands) == 1 && strings.HasPrefix(operands[0], "("):
				s := Span{Font: font, Size: size, X: x, Text: utf16BE(operands[0][1:])}
				if n := len(lines); n > 0 && lines[n-1].Y == y {
					lines[n-1].Spans = append(lines[n-1].Spans, s)
				} else {
					lines = append(lines, Line{Y: y, Spans: []Span{s}})
				}
			case !inText && strings.Contains(" J j w G g RG rg m l S q Q ", " "+tok+" "):
			default:
				return nil, fmt.Errorf("unexpected %q after %q", tok, operands)
			}
			operands = operands[:0]
		}
	}
	if inText {
		return nil, errors.New("BT without ET")
	}
	return lines, nil
}

// unescape reads the escapes of a PDF literal string.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		default:
			if c >= '0' && c <= '7' {
				n := 0
				for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
					n = n*8 + int(s[i]-'0')
					i++
				}
				i--
				b.WriteByte(byte(n))
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// utf16BE decodes UTF-16BE, with or without a byte order mark.
func utf16BE(s string) string {
	s = strings.TrimPrefix(s, "\xFE\xFF")
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// Text returns the text of every page of the PDF file b, one line of the page a
// line, failing the test if b does not parse.
func Text(t testing.TB, b []byte) string {
	t.Helper()
	d, err := Parse(b)
	if err != nil {
		t.Fatalf("not a PDF as package pdf writes one: %v", err)
	}
	var out strings.Builder
	for _, page := range d.Pages {
		for _, l := range page {
			out.WriteString(l.String())
			out.WriteByte('\n')
		}
	}
	return out.String()
}
