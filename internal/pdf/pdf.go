// Package pdf writes plain text documents as PDF: headings, wrapped paragraphs and
// label–value lines, with automatic page breaks and a footer on every page. It lays
// out and writes with fpdf (codeberg.org/go-pdf/fpdf) and embeds subsets of Noto Sans
// regular and bold (fonts/) as Unicode (Type0, Identity-H) fonts, so every letter of
// Norwegian and the Sámi languages — æ, ø, å, Á, Č, Đ, Ŋ, Š, Ŧ, Ž — prints as itself,
// and so do Greek, Cyrillic and Vietnamese; characters the fonts lack print as '?'.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// Size is a page size in points (1/72 inch).
type Size struct{ Width, Height float64 }

// A4 is 210 × 297 mm.
var A4 = Size{Width: 595.28, Height: 841.89}

// Font is one of the document's two fonts.
type Font int

// The fonts: Noto Sans regular and bold.
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
// with WriteTo; add nothing after that.
type Doc struct {
	f       *fpdf.Fpdf
	size    Size
	footer  func(page, pages int) string
	created time.Time
	out     []byte // the file, once written
}

// New returns an empty document with pages of size.
func New(size Size) *Doc {
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: size.Width, Ht: size.Height},
	})
	f.SetMargins(Margin, Margin, Margin)
	f.SetAutoPageBreak(true, Margin)
	f.SetCellMargin(0)
	f.AddUTF8FontFromBytes(family, Regular.style(), regularTTF)
	f.AddUTF8FontFromBytes(family, Bold.style(), boldTTF)
	f.SetProducer("Stafett", false)
	return &Doc{f: f, size: size}
}

// SetTitle sets the title readers show for the document (its Title metadata).
func (d *Doc) SetTitle(title string) {
	// fpdf's own UTF-16 conversion knows no surrogate pairs; a text string that is
	// UTF-16BE with a byte order mark is one PDF reads as Unicode all the same.
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(strings.ToValidUTF8(title, "\uFFFD"))) {
		b = append(b, byte(u>>8), byte(u))
	}
	d.f.SetTitle(string(b), false)
}

// SetCreated sets the document's creation date; without it, the time it is written.
func (d *Doc) SetCreated(t time.Time) {
	d.created = t
}

// SetFooter sets the footer of every page; f gets the page's number and the number
// of pages, counting from 1, and returns the (localized) text.
func (d *Doc) SetFooter(f func(page, pages int) string) { d.footer = f }

// Pages returns the number of pages so far; a document has at least one.
func (d *Doc) Pages() int { return max(d.f.PageCount(), 1) }

// Heading adds a bold section heading, on a new page if too little room is left for
// it and a few lines after it.
func (d *Doc) Heading(text string) { d.heading(text, HeadingSize) }

// Subheading adds a smaller bold heading, kept with the lines after it like Heading.
func (d *Doc) Subheading(text string) { d.heading(text, SubSize) }

func (d *Doc) heading(text string, size float64) {
	before := size * 0.7
	if !d.ensure(before+size*leading+3*BodySize*leading) && d.f.GetY() > Margin {
		d.f.SetY(d.f.GetY() + before)
	}
	d.paragraphs(Bold, text, size)
	d.f.SetY(d.f.GetY() + size*0.2)
}

// Text adds text in the body font, wrapped to the page width. Each line break in
// text starts a new line; an empty line leaves a blank one.
func (d *Doc) Text(text string) { d.paragraphs(Regular, text, BodySize) }

// Field adds "label: value", the label in bold, wrapped like Text.
func (d *Doc) Field(label, value string) {
	first, rest, more := strings.Cut(normalize(value), "\n")
	d.ensure(0)
	d.write(Bold, BodySize, strings.ReplaceAll(normalize(label), "\n", " ")+":")
	d.write(Regular, BodySize, " "+first)
	d.f.Ln(BodySize * leading)
	if more {
		d.paragraphs(Regular, rest, BodySize)
	}
}

// Space adds a little vertical space, as between paragraphs.
func (d *Doc) Space() {
	d.ensure(0)
	d.f.SetY(d.f.GetY() + BodySize*0.6)
}

// Rule draws a thin line across the page, to separate items.
func (d *Doc) Rule() {
	d.ensure(BodySize)
	y := d.f.GetY() + BodySize/2
	d.f.SetDrawColor(191, 191, 191)
	d.f.SetLineWidth(0.5)
	d.f.Line(Margin, y, d.size.Width-Margin, y)
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetY(d.f.GetY() + BodySize)
}

func normalize(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// paragraphs writes each line of text in font on as many lines as it needs.
func (d *Doc) paragraphs(font Font, text string, size float64) {
	d.ensure(0)
	for _, line := range strings.Split(normalize(text), "\n") {
		d.write(font, size, line)
		d.f.Ln(size * leading)
	}
}

// write flows text, which holds no line breaks, from the current position: fpdf
// wraps it greedily at spaces, breaks a word wider than a line between characters,
// and starts a new page when a line does not fit.
func (d *Doc) write(font Font, size float64, text string) {
	d.f.SetFont(family, font.style(), size)
	if text = clean(text); text != "" {
		d.f.Write(size*leading, text)
	}
}

// ensure starts a new page unless height points still fit on the current one, and
// reports whether it started one.
func (d *Doc) ensure(height float64) bool {
	if d.f.PageCount() > 0 && d.f.GetY()+height <= d.size.Height-Margin {
		return false
	}
	d.f.AddPage()
	return true
}

// WriteTo writes the document as a PDF file. It implements io.WriterTo.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	if d.out == nil {
		if err := d.finish(); err != nil {
			return 0, err
		}
	}
	n, err := w.Write(d.out)
	return int64(n), err
}

// finish draws the footers, now that the number of pages is known, and produces
// the file.
func (d *Doc) finish() error {
	d.ensure(0) // even an empty document has a page
	if d.footer != nil {
		pages := d.f.PageCount()
		for page := 1; page <= pages; page++ {
			d.footerAt(page, pages)
		}
	}
	d.f.SetCreationDate(d.created)
	d.f.SetModificationDate(d.created)
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if buf.Len() == 0 {
		return errors.New("pdf: fpdf wrote nothing")
	}
	d.out = buf.Bytes()
	return nil
}

// footerAt draws page's footer, centred in the bottom margin in grey.
func (d *Doc) footerAt(page, pages int) {
	d.f.SetPage(page)
	// fpdf writes a font change into a page only when the font differs from the last
	// one it set anywhere, so going back to an earlier page needs one that differs.
	d.f.SetFont(family, Bold.style(), FooterSize)
	d.f.SetFont(family, Regular.style(), FooterSize)
	text := clean(strings.ReplaceAll(normalize(d.footer(page, pages)), "\n", " "))
	x := (d.size.Width - d.f.GetStringWidth(text)) / 2
	d.f.SetTextColor(102, 102, 102)
	d.f.Text(max(x, Margin), d.size.Height-Margin/2, text)
	d.f.SetTextColor(0, 0, 0)
}
