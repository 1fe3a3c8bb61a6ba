package pdf

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// The embedded fonts, Noto Sans (SIL Open Font License; see fonts/README.md). Only
// the glyphs a document uses are embedded in it.
var (
	//go:embed fonts/NotoSans_400Regular.ttf
	regularTTF []byte
	//go:embed fonts/NotoSans_700Bold.ttf
	boldTTF []byte
)

// family is the name the document's fonts are registered under in fpdf.
const family = "notosans"

// style is fpdf's style string for font.
func (font Font) style() string {
	if font == Bold {
		return "B"
	}
	return ""
}

// glyphs is the set of characters both fonts have a glyph for. fpdf does not say
// which characters a font lacks (it prints them as an empty box, measured as zero
// wide) and indexes its width table by character, which stops at U+FFFF, so the text
// is checked against this set before it reaches fpdf.
var glyphs = sync.OnceValue(func() *charSet {
	regular, err := cmapChars(regularTTF)
	if err != nil {
		panic(fmt.Sprintf("pdf: regular font: %v", err))
	}
	bold, err := cmapChars(boldTTF)
	if err != nil {
		panic(fmt.Sprintf("pdf: bold font: %v", err))
	}
	for i := range regular {
		regular[i] &= bold[i]
	}
	return regular
})

// charSet is a set of characters of the Basic Multilingual Plane.
type charSet [0x10000 / 64]uint64

func (s *charSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && s[r/64]&(1<<(r%64)) != 0
}

// cmapChars reads the characters a TrueType font maps to a glyph other than
// .notdef from its Unicode BMP cmap subtable (format 4, platform 3 encoding 1 or
// platform 0). fpdf parses this table too but keeps the result to itself.
func cmapChars(ttf []byte) (*charSet, error) {
	be := binary.BigEndian
	in := func(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(ttf) }
	if !in(0, 12) {
		return nil, errors.New("too short")
	}
	cmap := -1
	for i := range int(be.Uint16(ttf[4:])) {
		rec := 12 + 16*i
		if in(rec, 16) && string(ttf[rec:rec+4]) == "cmap" {
			cmap = int(be.Uint32(ttf[rec+8:]))
		}
	}
	if !in(cmap, 4) {
		return nil, errors.New("no cmap table")
	}
	sub := -1
	for i := range int(be.Uint16(ttf[cmap+2:])) {
		rec := cmap + 4 + 8*i
		if !in(rec, 8) {
			break
		}
		platform, encoding := be.Uint16(ttf[rec:]), be.Uint16(ttf[rec+2:])
		off := cmap + int(be.Uint32(ttf[rec+4:]))
		if (platform == 3 && encoding == 1 || platform == 0) && in(off, 14) && be.Uint16(ttf[off:]) == 4 {
			sub = off
		}
	}
	if sub < 0 {
		return nil, errors.New("no Unicode BMP subtable of format 4")
	}
	segs := int(be.Uint16(ttf[sub+6:])) / 2
	ends, starts, deltas, ranges := sub+14, sub+16+2*segs, sub+16+4*segs, sub+16+6*segs
	if !in(ends, 8*segs+2) {
		return nil, errors.New("cmap subtable is short")
	}
	set := new(charSet)
	for i := range segs {
		end, start := int(be.Uint16(ttf[ends+2*i:])), int(be.Uint16(ttf[starts+2*i:]))
		delta, rangeOff := int(be.Uint16(ttf[deltas+2*i:])), int(be.Uint16(ttf[ranges+2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			gid := 0
			if rangeOff == 0 {
				gid = (c + delta) & 0xFFFF
			} else if at := ranges + 2*i + rangeOff + 2*(c-start); in(at, 2) {
				if gid = int(be.Uint16(ttf[at:])); gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				set[c/64] |= 1 << (c % 64)
			}
		}
	}
	return set, nil
}

// substitutes stand in for characters Stafett's own texts use that the fonts lack,
// such as the arrow in "Nivå 0 → 1", so they do not print as '?'.
var substitutes = map[rune]string{'→': "->", '←': "<-", '⇒': "=>", '↔': "<->"}

// clean prepares one line of text for the fonts. Text typed in decomposed form (as
// macOS may send "å") is composed first. A tab becomes a space; a soft hyphen, a
// combining mark left over and other zero-width characters are dropped (fpdf would
// measure them as 65.535 em wide); invalid UTF-8 becomes U+FFFD (�); an arrow the
// fonts lack gets a stand-in, and any other character they have no glyph for (other
// scripts, emoji, control characters) becomes '?'. Line breaks are not expected: the
// layout splits text into lines first.
func clean(s string) string {
	set := glyphs()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		case unicode.IsControl(r):
			b.WriteByte('?')
		case !set.has(r):
			if sub, ok := substitutes[r]; ok {
				b.WriteString(sub)
			} else {
				b.WriteByte('?')
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// measurers hold a document each for Width, which fpdf can only measure with.
var measurers = sync.Pool{New: func() any {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes(family, Regular.style(), regularTTF)
	f.AddUTF8FontFromBytes(family, Bold.style(), boldTTF)
	return f
}}

// Width returns how wide text is, in points, set in font at size, as the document
// lays it out (after clean).
func Width(font Font, text string, size float64) float64 {
	f := measurers.Get().(*fpdf.Fpdf)
	defer measurers.Put(f)
	f.SetFont(family, font.style(), size)
	return f.GetStringWidth(clean(text))
}
