// Package pdf writes plain text documents as PDF 1.4: headings, wrapped paragraphs
// and label–value lines, with automatic page breaks and a footer on every page. It
// uses the standard fonts Helvetica and Helvetica-Bold, which every PDF reader has,
// so no font is embedded; their glyph widths (metrics.go) let lines wrap exactly.
// Text is WinAnsi-encoded, which covers Norwegian bokmål and nynorsk; Latin letters
// it lacks, such as the Sámi Č, Đ, Ŋ and Ŧ, print as the nearest letter it has (C, D,
// N, T; see Encode), since the standard fonts carry no glyphs for them, and other
// scripts as '?'. Streams are left uncompressed:
// the documents are small, and their text stays searchable in tests.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Size is a page size in points (1/72 inch).
type Size struct{ Width, Height float64 }

// A4 is 210 × 297 mm.
var A4 = Size{Width: 595.28, Height: 841.89}

// Font is one of the document's two fonts.
type Font int

// The fonts: Helvetica and Helvetica-Bold.
const (
	Regular Font = iota
	Bold
)

// The layout, in points. Margin is 2 cm on every side; the footer sits in the
// bottom margin.
const (
	Margin      = 56.7
	BodySize    = 10.0
	HeadingSize = 15.0
	SubSize     = 11.5
	FooterSize  = 8.0
	leading     = 1.35 // line height as a multiple of the font size
)

// Doc is a document being laid out. Add content in reading order, then write it
// with WriteTo.
type Doc struct {
	size   Size
	title  string
	footer func(page, pages int) string
	pages  []*bytes.Buffer // the content stream of each page, without its footer
	y      float64         // how far below the top margin the next line begins
}

// New returns an empty document with pages of size.
func New(size Size) *Doc { return &Doc{size: size} }

// SetTitle sets the title readers show for the document (its Title metadata).
func (d *Doc) SetTitle(title string) { d.title = title }

// SetFooter sets the footer of every page; f gets the page's number and the number
// of pages, counting from 1, and returns the (localized) text.
func (d *Doc) SetFooter(f func(page, pages int) string) { d.footer = f }

// Pages returns the number of pages so far; a document has at least one.
func (d *Doc) Pages() int { return max(len(d.pages), 1) }

// Heading adds a bold section heading, on a new page if too little room is left for
// it and a few lines after it.
func (d *Doc) Heading(text string) { d.heading(text, HeadingSize) }

// Subheading adds a smaller bold heading, kept with the lines after it like Heading.
func (d *Doc) Subheading(text string) { d.heading(text, SubSize) }

func (d *Doc) heading(text string, size float64) {
	before := size * 0.7
	if !d.ensure(before+size*leading+3*BodySize*leading) && d.y > 0 {
		d.y += before
	}
	d.paragraphs(Bold, text, size)
	d.y += size * 0.2
}

// Text adds text in the body font, wrapped to the page width. Each line break in
// text starts a new line; an empty line leaves a blank one.
func (d *Doc) Text(text string) { d.paragraphs(Regular, text, BodySize) }

// Field adds "label: value", the label in bold, wrapped like Text.
func (d *Doc) Field(label, value string) {
	first, rest, more := strings.Cut(normalize(value), "\n")
	d.paragraph([]run{{Bold, label + ":"}, {Regular, " " + first}}, BodySize)
	if more {
		d.paragraphs(Regular, rest, BodySize)
	}
}

// Space adds a little vertical space, as between paragraphs.
func (d *Doc) Space() { d.y += BodySize * 0.6 }

// Rule draws a thin line across the page, to separate items.
func (d *Doc) Rule() {
	d.ensure(BodySize)
	y := d.size.Height - Margin - d.y - BodySize/2
	fmt.Fprintf(d.page(), "0.75 G 0.5 w %s %s m %s %s l S 0 G\n", num(Margin), num(y), num(d.size.Width-Margin), num(y))
	d.y += BodySize
}

// run is text in one font.
type run struct {
	font Font
	text string
}

// piece is WinAnsi text without line breaks in one font, as written with one Tj.
type piece struct {
	font Font
	text []byte
}

// word is the pieces between two spaces, with the font of the space before it.
type word struct {
	space  Font
	pieces []piece
}

func normalize(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func (d *Doc) paragraphs(font Font, text string, size float64) {
	for _, line := range strings.Split(normalize(text), "\n") {
		d.paragraph([]run{{font, line}}, size)
	}
}

// paragraph lays out runs, which hold no line breaks, on as many lines as they need.
func (d *Doc) paragraph(runs []run, size float64) {
	for _, line := range wrap(words(runs), size, d.size.Width-2*Margin) {
		d.line(line, size)
	}
}

// words splits runs at spaces. Several spaces count as one.
func words(runs []run) []word {
	var out []word
	var cur word
	for _, r := range runs {
		for _, b := range Encode(r.text) {
			if b == ' ' {
				if len(cur.pieces) > 0 {
					out = append(out, cur)
				}
				cur = word{space: r.font}
				continue
			}
			cur.pieces = appendText(cur.pieces, r.font, []byte{b})
		}
	}
	if len(cur.pieces) > 0 {
		out = append(out, cur)
	}
	return out
}

// appendText adds text in font to pieces, extending the last piece when it has the
// same font.
func appendText(pieces []piece, font Font, text []byte) []piece {
	if n := len(pieces); n > 0 && pieces[n-1].font == font {
		pieces[n-1].text = append(pieces[n-1].text, text...)
		return pieces
	}
	return append(pieces, piece{font, append([]byte(nil), text...)})
}

// wrap fills lines of width points greedily with words; a word wider than a whole
// line is broken between characters. It returns at least one (perhaps empty) line.
func wrap(words []word, size, width float64) [][]piece {
	limit := int(math.Floor(width * 1000 / size)) // the line width in font units
	var lines [][]piece
	var line []piece
	used := 0
	breakLine := func() { lines, line, used = append(lines, line), nil, 0 }
	for _, w := range words {
		ww := 0
		for _, p := range w.pieces {
			ww += units(p.font, p.text)
		}
		if sw := units(w.space, []byte{' '}); line != nil && used+sw+ww <= limit {
			line = appendText(line, w.space, []byte{' '})
			for _, p := range w.pieces {
				line = appendText(line, p.font, p.text)
			}
			used += sw + ww
			continue
		}
		if line != nil {
			breakLine()
		}
		for _, p := range w.pieces {
			for text := p.text; len(text) > 0; {
				n := fit(p.font, text, limit-used)
				if n == 0 && line == nil {
					n = 1 // a glyph wider than the page: print it anyway
				}
				if n == 0 {
					breakLine()
					continue
				}
				line = appendText(line, p.font, text[:n])
				used += units(p.font, text[:n])
				if text = text[n:]; len(text) > 0 {
					breakLine()
				}
			}
		}
	}
	if line != nil || lines == nil {
		lines = append(lines, line)
	}
	return lines
}

// fit returns how many bytes of text fit in room font units.
func fit(font Font, text []byte, room int) int {
	for i := range text {
		if room -= units(font, text[i:i+1]); room < 0 {
			return i
		}
	}
	return len(text)
}

// line writes one line of pieces at the current position, starting a page first if
// it does not fit; an empty line only takes up its height.
func (d *Doc) line(pieces []piece, size float64) {
	d.ensure(size * leading)
	if len(pieces) > 0 {
		pg := d.page()
		fmt.Fprintf(pg, "BT %s %s Td", num(Margin), num(d.size.Height-Margin-d.y-size))
		font := Font(-1)
		for _, p := range pieces {
			if p.font != font {
				font = p.font
				fmt.Fprintf(pg, " /F%d %s Tf", font+1, num(size))
			}
			pg.WriteString(" (")
			pg.Write(escape(p.text))
			pg.WriteString(") Tj")
		}
		pg.WriteString(" ET\n")
	}
	d.y += size * leading
}

// ensure starts a new page unless height points still fit on the current one, and
// reports whether it started one.
func (d *Doc) ensure(height float64) bool {
	if len(d.pages) > 0 && d.y+height <= d.size.Height-2*Margin {
		return false
	}
	d.pages = append(d.pages, new(bytes.Buffer))
	d.y = 0
	return true
}

func (d *Doc) page() *bytes.Buffer {
	if len(d.pages) == 0 {
		d.ensure(0)
	}
	return d.pages[len(d.pages)-1]
}

// escape makes text safe inside a PDF literal string: (, ) and \ get a backslash.
func escape(text []byte) []byte {
	out := make([]byte, 0, len(text))
	for _, b := range text {
		if b == '(' || b == ')' || b == '\\' {
			out = append(out, '\\')
		}
		out = append(out, b)
	}
	return out
}

// num formats a coordinate with at most two decimals, as PDF numbers are written.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// The fixed objects; page i (from 0) is object pageObj+2i, its content the next.
const (
	catalogObj = 1 + iota
	pagesObj
	regularObj
	boldObj
	infoObj
	pageObj
)

// WriteTo writes the document as a PDF file. It implements io.WriterTo.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	d.page() // even an empty document has a page
	n := len(d.pages)
	var b bytes.Buffer
	offsets := make([]int, pageObj+2*n)
	obj := func(num int, format string, args ...any) {
		offsets[num] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", num)
		fmt.Fprintf(&b, format, args...)
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj(catalogObj, "<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", pageObj+2*i)
	}
	obj(pagesObj, "<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	obj(regularObj, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj(boldObj, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	obj(infoObj, "<< /Title %s /Producer (Stafett) >>", textString(d.title))
	for i, pg := range d.pages {
		content := append(pg.Bytes()[:pg.Len():pg.Len()], d.footerAt(i+1, n)...)
		obj(pageObj+2*i, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>",
			pagesObj, num(d.size.Width), num(d.size.Height), regularObj, boldObj, pageObj+2*i+1)
		obj(pageObj+2*i+1, "<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets), catalogObj, infoObj, xref)
	return b.WriteTo(w)
}

// footerAt is the content drawing page's footer, centred in the bottom margin in grey.
func (d *Doc) footerAt(page, pages int) []byte {
	if d.footer == nil {
		return nil
	}
	text := Encode(strings.ReplaceAll(normalize(d.footer(page, pages)), "\n", " "))
	x := (d.size.Width - float64(units(Regular, text))*FooterSize/1000) / 2
	return fmt.Appendf(nil, "0.4 g BT /F1 %s Tf %s %s Td (%s) Tj ET 0 g\n", num(FooterSize), num(max(x, Margin)), num(Margin/2), escape(text))
}

// textString encodes s as a PDF text string for metadata: UTF-16BE with a byte order
// mark, in hex, so any character survives.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
