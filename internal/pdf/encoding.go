package pdf

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// winAnsiHigh maps the characters WinAnsiEncoding places at 0x80–0x9F (where Latin-1
// has control codes) to their bytes. From 0xA0 to 0xFF WinAnsi is Latin-1, and below
// 0x80 it is ASCII.
var winAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// substitutes stand in for a few characters WinAnsi lacks but Stafett's own texts
// use, such as the arrow in "Nivå 0 → 1", so they do not print as '?', and for
// ligatures WinAnsi lacks.
var substitutes = map[rune]string{
	'→': "->", '←': "<-", '⇒': "=>", '−': "-", '‐': "-", '‑': "-", '\u2009': " ", '\u202F': "\u00A0",
	'Ĳ': "IJ", 'ĳ': "ij", 'ŉ': "'n",
}

// strokeBase gives the base letter of letters WinAnsi lacks whose mark Unicode does
// not decompose: the Sámi Đ, Ŋ and Ŧ, the Polish Ł and a few others.
var strokeBase = map[rune]byte{
	'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'ĸ': 'k', 'Ŀ': 'L', 'ŀ': 'l',
	'Ł': 'L', 'ł': 'l', 'Ŋ': 'N', 'ŋ': 'n', 'Ŧ': 'T', 'ŧ': 't', 'ſ': 's', 'Ƶ': 'Z', 'ƶ': 'z',
}

// Encode returns s in WinAnsiEncoding, the encoding the document's fonts use. Text
// typed in decomposed form (as macOS may send "å") is composed first. A tab becomes
// a space, a soft hyphen is dropped, arrows, minus signs and thin spaces get their
// plain stand-ins, a letter WinAnsi lacks prints as the nearest letter it has (the
// Sámi Č as C, the Vietnamese ễ as ê), a combining accent left over is dropped, and
// every other character WinAnsi lacks (control characters, other scripts, symbols)
// becomes '?'. Line breaks are not expected: the layout splits text into lines
// before encoding it.
func Encode(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range norm.NFC.String(s) {
		if r == '\u00AD' || unicode.Is(unicode.Mn, r) && len(out) > 0 {
			continue
		}
		if sub, ok := substitutes[r]; ok {
			out = append(out, Encode(sub)...)
			continue
		}
		out = append(out, encodeRune(r))
	}
	return out
}

func encodeRune(r rune) byte {
	if b, ok := winAnsiByte(r); ok {
		return b
	}
	if b, ok := strokeBase[r]; ok {
		return b
	}
	// The letter with as many of its accents as WinAnsi has a letter for: ễ (e with
	// circumflex and tilde) as ê, ș as s.
	d := []rune(norm.NFD.String(string(r)))
	for k := len(d) - 1; k >= 1; k-- {
		if c := []rune(norm.NFC.String(string(d[:k]))); len(c) == 1 {
			if b, ok := winAnsiByte(c[0]); ok {
				return b
			}
		}
	}
	return '?'
}

// winAnsiByte returns r's byte in WinAnsiEncoding, if it has one.
func winAnsiByte(r rune) (byte, bool) {
	switch {
	case r == '\t':
		return ' ', true
	case r >= 0x20 && r < 0x7F, r >= 0xA0 && r <= 0xFF:
		return byte(r), true
	}
	b, ok := winAnsiHigh[r]
	return b, ok
}

// Width returns how wide text is, in points, set in font at size.
func Width(font Font, text string, size float64) float64 {
	return float64(units(font, Encode(text))) * size / 1000
}

// units is the width of WinAnsi text in thousandths of the font size.
func units(font Font, text []byte) int {
	table := &helvetica
	if font == Bold {
		table = &helveticaBold
	}
	n := 0
	for _, b := range text {
		if b >= 32 {
			n += int(table[b-32])
		}
	}
	return n
}
